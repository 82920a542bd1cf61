using System.Text.Json.Nodes;

namespace Doqutore.Aws.Models;

/// <summary>
/// An AWS service model, as the aws-sdk package ships it (<c>apis/&lt;service&gt;-&lt;version&gt;.min.json</c>):
/// metadata, operations with their HTTP bindings, and shapes. Inline shapes of the minified format are
/// lifted into <see cref="Shape"/> objects without names.
/// </summary>
public sealed class ServiceModel
{
    private readonly Dictionary<string, Operation> _operations;
    private readonly Dictionary<string, Shape> _shapes;

    internal ServiceModel(string id, ServiceMetadata metadata, Dictionary<string, Operation> operations, Dictionary<string, Shape> shapes)
    {
        Id = id;
        Metadata = metadata;
        _operations = operations;
        _shapes = shapes;
    }

    /// <summary>Our id for the model: the file-name prefix (<c>sts</c>, <c>streams.dynamodb</c>, <c>monitoring</c>).</summary>
    public string Id { get; }

    public ServiceMetadata Metadata { get; }

    public Protocol Protocol => Metadata.Protocol;

    public IReadOnlyDictionary<string, Operation> Operations => _operations;

    public IReadOnlyDictionary<string, Shape> Shapes => _shapes;

    public Operation? FindOperation(string name) => _operations.GetValueOrDefault(name);

    /// <summary>The operation of that name, or an <see cref="ArgumentException"/> naming the service.</summary>
    public Operation GetOperation(string name) =>
        FindOperation(name) ?? throw new ArgumentException($"Service {Id} has no operation '{name}'.", nameof(name));

    /// <summary>Loads a model from its JSON text.</summary>
    public static ServiceModel Load(string id, string json) => ServiceModelReader.Read(id, JsonNode.Parse(json)!.AsObject());

    /// <summary>
    /// The same service spoken over another protocol (CloudWatch over json, say): shapes and operations are
    /// shared, metadata replaced.
    /// </summary>
    public ServiceModel WithMetadata(ServiceMetadata metadata) => new(Id, metadata, _operations, _shapes);

    public override string ToString() => $"{Id} ({Metadata.Protocol})";
}

/// <summary>The metadata block of a service model.</summary>
public sealed record ServiceMetadata
{
    public required string ApiVersion { get; init; }

    public required string EndpointPrefix { get; init; }

    public required Protocol Protocol { get; init; }

    /// <summary>The service name in SigV4 credential scopes (<c>signingName</c>, else the endpoint prefix).</summary>
    public required string SigningName { get; init; }

    public string? JsonVersion { get; init; }

    public string? TargetPrefix { get; init; }

    public string? ServiceId { get; init; }

    public string? ServiceFullName { get; init; }

    public string? XmlNamespace { get; init; }

    public string? GlobalEndpoint { get; init; }

    public string? Uid { get; init; }

    /// <summary>
    /// Set for json services that replaced a query protocol (SQS, CloudWatch): their errors carry the
    /// query-era code in the <c>x-amzn-query-error</c> header.
    /// </summary>
    public bool AwsQueryCompatible { get; init; }

    /// <summary>The json content type: <c>application/x-amz-json-1.0</c> or <c>-1.1</c>.</summary>
    public string JsonContentType => $"application/x-amz-json-{JsonVersion ?? "1.0"}";
}
