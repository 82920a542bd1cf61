namespace Doqutore.Aws.Models;

/// <summary>An operation of a service model with its HTTP binding.</summary>
public sealed class Operation
{
    internal Operation(string name) => Name = name;

    public string Name { get; }

    /// <summary>HTTP method (POST when the model says nothing).</summary>
    public string HttpMethod { get; internal set; } = "POST";

    /// <summary>The URI template, e.g. <c>/{Bucket}/{Key+}?uploads</c>.</summary>
    public string RequestUri { get; internal set; } = "/";

    /// <summary>Success status code (200 when the model says nothing).</summary>
    public int ResponseCode { get; internal set; } = 200;

    public Shape? Input { get; internal set; }

    public Shape? Output { get; internal set; }

    /// <summary>The query protocol's <c>&lt;Name&gt;Result</c> element around the output.</summary>
    public string? ResultWrapper { get; internal set; }

    /// <summary>A host prefix template such as <c>{AccountId}.</c> (S3 Control, not our services).</summary>
    public string? HostPrefix { get; internal set; }

    public bool HttpChecksumRequired { get; internal set; }

    /// <summary>The operation's auth type: null (SigV4), <c>none</c> or <c>v4-unsigned-body</c>.</summary>
    public string? AuthType { get; internal set; }

    public bool Deprecated { get; internal set; }

    public UriTemplate Uri => _uri ??= UriTemplate.Parse(RequestUri);

    private UriTemplate? _uri;

    public override string ToString() => Name;
}
