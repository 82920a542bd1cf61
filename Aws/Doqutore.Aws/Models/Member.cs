namespace Doqutore.Aws.Models;

/// <summary>Where a member of a REST operation's input or output travels.</summary>
public enum MemberLocation
{
    /// <summary>In the body (the only location of json and query protocols).</summary>
    Body,
    Header,

    /// <summary>A map whose entries are headers sharing a prefix (S3 <c>x-amz-meta-</c>).</summary>
    Headers,
    Uri,
    QueryString,
    StatusCode,
}

/// <summary>
/// A reference from a structure, list or map to a shape, with the traits set at the reference. Traits
/// set here win over those of the target shape, as in the AWS SDKs.
/// </summary>
public sealed class Member
{
    internal Member(string name, Shape shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>The member name (for list elements <c>member</c>, for map parts <c>key</c>/<c>value</c>).</summary>
    public string Name { get; }

    public Shape Shape { get; }

    public MemberLocation Location { get; internal set; }

    /// <summary>The wire name set at the reference (header name, uri label, xml element, query key).</summary>
    public string? LocationName { get; internal set; }

    public string? QueryName { get; internal set; }

    public bool? FlattenedOverride { get; internal set; }

    public XmlNamespace? XmlNamespaceOverride { get; internal set; }

    public bool XmlAttribute { get; internal set; }

    public string? TimestampFormatOverride { get; internal set; }

    public bool StreamingOverride { get; internal set; }

    public bool JsonValueOverride { get; internal set; }

    public bool IdempotencyToken { get; internal set; }

    public bool HostLabel { get; internal set; }

    public bool Deprecated { get; internal set; }

    /// <summary>The member holds a secret (the model's <c>sensitive</c> trait on the member or its shape): CloudTrail masks it.</summary>
    public bool Sensitive => SensitiveOverride || Shape.Sensitive;

    internal bool SensitiveOverride { get; init; }

    public bool Flattened => FlattenedOverride ?? Shape.Flattened;

    public XmlNamespace? XmlNamespace => XmlNamespaceOverride ?? Shape.XmlNamespace;

    public string? TimestampFormat => TimestampFormatOverride ?? Shape.TimestampFormat;

    public bool Streaming => StreamingOverride || Shape.Streaming;

    public bool JsonValue => JsonValueOverride || Shape.JsonValue;

    public ShapeType Type => Shape.Type;

    /// <summary>The name this member has on the wire: its <c>locationName</c>, else the shape's, else its own name.</summary>
    public string WireName => LocationName ?? Shape.LocationName ?? Name;

    public override string ToString() => $"{Name}: {Shape}";
}
