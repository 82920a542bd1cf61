using System.Text.Json.Nodes;

namespace Doqutore.Aws.Models;

/// <summary>The type of a shape, as the service model names it.</summary>
public enum ShapeType
{
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
    Blob,
}

/// <summary>
/// A shape of a service model: a named or inline type with its serialization traits.
/// Structure members, list members and map keys/values are <see cref="Member"/> references that may
/// override the traits of the shape they point to (a list member's <c>locationName</c>, say).
/// </summary>
public sealed class Shape
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly List<Member> _orderedMembers = [];

    internal Shape(string? name, ShapeType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The shape's name in the model, or null for a shape written inline.</summary>
    public string? Name { get; }

    public ShapeType Type { get; }

    /// <summary>Structure members in model order.</summary>
    public IReadOnlyList<Member> Members => _orderedMembers;

    public IReadOnlySet<string> Required { get; internal set; } = new HashSet<string>();

    /// <summary>The element of a list.</summary>
    public Member? ListMember { get; internal set; }

    public Member? MapKey { get; internal set; }

    public Member? MapValue { get; internal set; }

    /// <summary>The member bound to the HTTP body of a REST operation, if any.</summary>
    public string? Payload { get; internal set; }

    public bool Flattened { get; internal set; }

    public string? LocationName { get; internal set; }

    public XmlNamespace? XmlNamespace { get; internal set; }

    public string? TimestampFormat { get; internal set; }

    public bool Streaming { get; internal set; }

    public bool Sensitive { get; internal set; }

    /// <summary>A string that carries a JSON document (the <c>jsonvalue</c> trait).</summary>
    public bool JsonValue { get; internal set; }

    /// <summary>Part of an event stream; our codecs do not speak event streams.</summary>
    public bool EventStream { get; internal set; }

    /// <summary>
    /// Enum values. The <c>*.min.json</c> models of the aws-sdk package strip them, so this is empty
    /// for every embedded model; it is kept so that a fuller model can fill it.
    /// </summary>
    public IReadOnlyList<string> Enum { get; internal set; } = [];

    /// <summary>The shape's own JSON in the model, for traits this type does not lift.</summary>
    public JsonObject? Raw { get; internal set; }

    public Member? GetMember(string name) => _members.GetValueOrDefault(name);

    internal void AddMember(Member member)
    {
        _members[member.Name] = member;
        _orderedMembers.Add(member);
    }

    public override string ToString() => Name ?? $"<inline {Type}>";
}

/// <summary>An XML namespace declared on a shape or member.</summary>
/// <param name="Uri">The namespace URI.</param>
/// <param name="Prefix">The prefix, or null for the default namespace.</param>
public sealed record XmlNamespace(string Uri, string? Prefix);
