using System.Collections.Concurrent;
using System.Reflection;

namespace Doqutore.Aws.Models;

/// <summary>
/// The embedded service models. Each service has one primary model; services that AWS serves over two
/// protocols (SQS and CloudWatch, query and json) have a variant too, described in
/// <see cref="ServiceQuirks"/>. <see cref="Index"/> holds every model's metadata, read without parsing
/// shapes; a whole model is parsed on first use and kept for the life of the process.
/// </summary>
public static class ServiceModels
{
    private static readonly Assembly Assembly = typeof(ServiceModels).Assembly;
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Resources = new(FindResources);
    private static readonly Lazy<IReadOnlyList<ServiceModelInfo>> IndexValue = new(BuildIndex);
    private static readonly ConcurrentDictionary<(string, Protocol?), ServiceModel> Cache = new();

    /// <summary>Ids of every embedded service (<c>iam</c>, <c>sts</c>, … <c>streams.dynamodb</c>).</summary>
    public static IReadOnlyCollection<string> Ids => Resources.Value.Keys.ToArray();

    /// <summary>Every model, primary and variant, by its metadata alone.</summary>
    public static IReadOnlyList<ServiceModelInfo> Index => IndexValue.Value;

    /// <summary>The primary model of a service.</summary>
    public static ServiceModel Get(string id) => Cache.GetOrAdd((id, null), static key => ServiceModel.Load(key.Item1, LoadResource(PrimaryResource(key.Item1))));

    /// <summary>
    /// The model of a service over the given protocol: the primary model when it speaks it, else the
    /// variant from <see cref="ServiceQuirks.ProtocolVariants"/>, else null.
    /// </summary>
    public static ServiceModel? Get(string id, Protocol protocol)
    {
        if (ServiceQuirks.ProtocolVariants.TryGetValue((id, protocol), out var variant))
        {
            return Cache.GetOrAdd((id, protocol), _ => variant.Resource is { } resource
                ? ServiceModel.Load(id, LoadResource(resource))
                : Get(id).WithMetadata(variant.Metadata!(Get(id).Metadata)));
        }

        var primary = Get(id);
        return primary.Protocol == protocol ? primary : null;
    }

    /// <summary>The model an index entry describes.</summary>
    public static ServiceModel Get(ServiceModelInfo info) => Get(info.Id, info.Metadata.Protocol)!;

    /// <summary>Every model, primary and variant, parsed.</summary>
    public static IEnumerable<ServiceModel> All() => Index.Select(Get);

    private static List<ServiceModelInfo> BuildIndex()
    {
        var index = new List<ServiceModelInfo>();
        foreach (var id in Ids.Order(StringComparer.Ordinal))
        {
            index.Add(new ServiceModelInfo(id, ReadMetadata(PrimaryResource(id))));
        }

        foreach (var ((id, _), variant) in ServiceQuirks.ProtocolVariants)
        {
            var metadata = variant.Resource is { } resource
                ? ReadMetadata(resource)
                : variant.Metadata!(index.Single(i => i.Id == id).Metadata);
            index.Add(new ServiceModelInfo(id, metadata));
        }

        return index;
    }

    private static ServiceMetadata ReadMetadata(string resource)
    {
        using var stream = Open(resource);
        var buffer = new byte[Math.Min(stream.Length, 8192)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return ServiceModelReader.ReadMetadataOnly(buffer.AsSpan(0, read));
    }

    private static string PrimaryResource(string id) =>
        Resources.Value.TryGetValue(id, out var resource)
            ? resource
            : throw new ArgumentException($"No service model is embedded for '{id}'.", nameof(id));

    private static string LoadResource(string resourceName)
    {
        using var reader = new StreamReader(Open(resourceName));
        return reader.ReadToEnd();
    }

    private static Stream Open(string resourceName) =>
        Assembly.GetManifestResourceStream(resourceName)
        ?? throw new InvalidOperationException($"Embedded model '{resourceName}' is missing.");

    private static Dictionary<string, string> FindResources()
    {
        // Resource names are models/<id>-<yyyy-mm-dd>.min.json; ids may hold dots (streams.dynamodb).
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("models/", StringComparison.Ordinal) || name.StartsWith("models/query-era/", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name["models/".Length..^".min.json".Length];
            found[file[..^"-yyyy-mm-dd".Length]] = name;
        }

        return found;
    }
}

/// <summary>A model known by its metadata, parsed only when <see cref="ServiceModels.Get(ServiceModelInfo)"/> asks.</summary>
/// <param name="Id">The service id (<c>sqs</c>).</param>
/// <param name="Metadata">The model's metadata, protocol included.</param>
public sealed record ServiceModelInfo(string Id, ServiceMetadata Metadata);
