using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// The event as EventBridge delivers it: <c>version</c>, <c>id</c>, <c>detail-type</c>, <c>source</c>,
/// <c>account</c>, <c>time</c>, <c>region</c>, <c>resources</c>, <c>detail</c>, in that order.
/// </summary>
public static class EventEnvelope
{
    /// <summary>Parse options for event details: PutEvents processes nesting up to 1000 levels.</summary>
    public static readonly JsonDocumentOptions DetailOptions = new() { MaxDepth = 1000 };

    public static JsonObject Create(string id, string detailType, string source, string account, DateTimeOffset time, string region, IEnumerable<string> resources, JsonObject detail) => new()
    {
        ["version"] = "0",
        ["id"] = id,
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = account,
        ["time"] = FormatTime(time),
        ["region"] = region,
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode?)r).ToArray()),
        ["detail"] = detail,
    };

    /// <summary>Event times have whole seconds: <c>2024-01-02T03:04:05Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
