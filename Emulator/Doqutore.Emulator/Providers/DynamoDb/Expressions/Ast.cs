using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>One step of a document path: an attribute or map key name, or a list index.</summary>
internal readonly record struct PathElement(string? Name, int Index)
{
    public bool IsIndex => Name is null;

    public override string ToString() => Name ?? $"[{Index}]";
}

/// <summary>A resolved document path (<c>a.b[1].c</c>), placeholders already substituted.</summary>
internal sealed record DocumentPath(IReadOnlyList<PathElement> Elements)
{
    /// <summary>AWS's rendering in overlap/conflict messages: <c>[a, b, [1]]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", Elements) + "]";

    public string Head => Elements[0].Name!;
}

/// <summary>A node of an expression's syntax tree: an operand or a condition.</summary>
internal abstract record Node;

internal sealed record PathNode(DocumentPath Path) : Node;

/// <summary>A <c>:value</c> placeholder; <see cref="Value"/> is null when it was not defined (an error is then reported).</summary>
internal sealed record ValueNode(string Placeholder, JsonObject? Value) : Node;

/// <summary>A function call: size, attribute_exists, begins_with..., if_not_exists, list_append.</summary>
internal sealed record FunctionNode(string Name, IReadOnlyList<Node> Arguments) : Node;

/// <summary><c>a + b</c> or <c>a - b</c> in a SET action.</summary>
internal sealed record ArithmeticNode(char Operator, Node Left, Node Right) : Node;

internal sealed record ComparisonNode(string Operator, Node Left, Node Right) : Node;

internal sealed record BetweenNode(Node Value, Node Lower, Node Upper) : Node;

internal sealed record InNode(Node Value, IReadOnlyList<Node> Candidates) : Node;

internal sealed record AndNode(Node Left, Node Right) : Node;

internal sealed record OrNode(Node Left, Node Right) : Node;

internal sealed record NotNode(Node Operand) : Node;

/// <summary>A parenthesized condition (kept so that redundant parentheses can be reported).</summary>
internal sealed record ParenthesesNode(Node Inner) : Node;

/// <summary>The kind of an update action.</summary>
internal enum UpdateActionKind
{
    Set,
    Remove,
    Add,
    Delete,
}

/// <summary>One action of an UpdateExpression; <see cref="Value"/> is null for REMOVE.</summary>
internal sealed record UpdateAction(UpdateActionKind Kind, DocumentPath Path, Node? Value);

/// <summary>A parsed UpdateExpression.</summary>
internal sealed record UpdateExpression(IReadOnlyList<UpdateAction> Actions);

/// <summary>A parsed ProjectionExpression.</summary>
internal sealed record ProjectionExpression(IReadOnlyList<DocumentPath> Paths);
