using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// The simulator's <c>ContextEntries</c> as request context keys. The engine compares values as the condition
/// operator reads them, so the declared <c>ContextKeyType</c> is validated but values are kept as text.
/// </summary>
internal static class SimulationContext
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "string", "stringList", "numeric", "numericList", "boolean", "booleanList",
        "ip", "ipList", "binary", "binaryList", "date", "dateList",
    };

    public static RequestContextKeys Read(JsonObject input)
    {
        var keys = new RequestContextKeys();
        if (input["ContextEntries"] is not JsonArray entries)
        {
            return keys;
        }

        foreach (var node in entries)
        {
            var entry = node as JsonObject ?? [];
            var name = IamInput.Optional(entry, "ContextKeyName") ?? throw IamErrors.InvalidInput("ContextKeyName must be specified in every context entry.");
            IamInput.Length(name, "ContextEntries.member.ContextKeyName", 5, 256);
            var type = IamInput.Optional(entry, "ContextKeyType") ?? throw IamErrors.InvalidInput($"ContextKeyType must be specified for context key {name}.");
            if (!Types.Contains(type))
            {
                throw IamErrors.Validation(type, "contextEntries.member.contextKeyType", $"Member must satisfy enum value set: [{string.Join(", ", Types)}]");
            }

            var values = IamInput.Strings(entry, "ContextKeyValues");
            if (values.Count > 1 && !type.EndsWith("List", StringComparison.Ordinal))
            {
                throw IamErrors.InvalidInput($"Context key {name} of type {type} takes a single value; use {type}List for several.");
            }

            keys.Set(name, [.. values]);
        }

        return keys;
    }
}
