using System.Collections.Concurrent;
using System.Reflection;

namespace Doqutore.Aws.Models;

/// <summary>
/// The embedded service models, loaded once per process on first use. Each service has one primary model;
/// services that AWS serves over two protocols (SQS and CloudWatch, query and json) have a variant too,
/// described in <see cref="ServiceQuirks"/>.
/// </summary>
public static class ServiceModels
{
    private static readonly Assembly Assembly = typeof(ServiceModels).Assembly;
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Resources = new(FindResources);
    private static readonly ConcurrentDictionary<(string, Protocol?), ServiceModel> Cache = new();

    /// <summary>Ids of every embedded service (<c>iam</c>, <c>sts</c>, … <c>streams.dynamodb</c>).</summary>
    public static IReadOnlyCollection<string> Ids => Resources.Value.Keys.ToArray();

    /// <summary>The primary model of a service.</summary>
    public static ServiceModel Get(string id) => Cache.GetOrAdd((id, null), static key => LoadPrimary(key.Item1));

    /// <summary>
    /// The model of a service over the given protocol: the primary model when it speaks it, else the
    /// variant from <see cref="ServiceQuirks.ProtocolVariants"/>, else null.
    /// </summary>
    public static ServiceModel? Get(string id, Protocol protocol)
    {
        var primary = Get(id);
        if (primary.Protocol == protocol)
        {
            return primary;
        }

        return ServiceQuirks.ProtocolVariants.TryGetValue((id, protocol), out var variant)
            ? Cache.GetOrAdd((id, protocol), _ => variant.Build(primary, LoadResource))
            : null;
    }

    /// <summary>Every model, primary and variant.</summary>
    public static IEnumerable<ServiceModel> All()
    {
        foreach (var id in Ids.Order(StringComparer.Ordinal))
        {
            yield return Get(id);
        }

        foreach (var (id, protocol) in ServiceQuirks.ProtocolVariants.Keys)
        {
            yield return Get(id, protocol)!;
        }
    }

    private static ServiceModel LoadPrimary(string id) =>
        Resources.Value.TryGetValue(id, out var resource)
            ? ServiceModel.Load(id, LoadResource(resource))
            : throw new ArgumentException($"No service model is embedded for '{id}'.", nameof(id));

    private static string LoadResource(string resourceName)
    {
        using var stream = Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded model '{resourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

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
