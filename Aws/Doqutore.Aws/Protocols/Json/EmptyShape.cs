using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols.Json;

/// <summary>A structure without members: what an operation without input or output reads its body as.</summary>
internal static class EmptyShape
{
    public static readonly Shape Instance = new(null, ShapeType.Structure);
}
