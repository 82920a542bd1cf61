using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// IAM's pagination: <c>MaxItems</c> (1–1000, default 100) and an opaque <c>Marker</c>. The marker is the
/// sort key of the next item, so a page boundary stays put when earlier items are added or deleted.
/// </summary>
internal static class IamPaging
{
    public const int DefaultMaxItems = 100;

    /// <summary>Reads MaxItems and Marker before any state is touched.</summary>
    public static (int MaxItems, string? After) Read(JsonObject input)
    {
        var maxItems = IamInput.Integer(input, "MaxItems", 1, 1000) ?? DefaultMaxItems;
        var marker = IamInput.Optional(input, "Marker");
        if (marker is null)
        {
            return (maxItems, null);
        }

        IamInput.Length(marker, "Marker", 1, 320);
        try
        {
            return (maxItems, Encoding.UTF8.GetString(Convert.FromBase64String(marker)));
        }
        catch (FormatException)
        {
            throw IamErrors.InvalidInput("Invalid Marker.");
        }
    }

    /// <summary>
    /// One page of <paramref name="items"/> (already in order by <paramref name="key"/>), written into
    /// <paramref name="output"/> under <paramref name="member"/> with <c>IsTruncated</c> and <c>Marker</c>.
    /// </summary>
    public static JsonObject Page<T>(JsonObject output, string member, IEnumerable<T> items, Func<T, string> key, Func<T, JsonNode> render, (int MaxItems, string? After) paging)
    {
        var rest = paging.After is null ? items : items.SkipWhile(i => string.CompareOrdinal(key(i), paging.After) < 0);
        var page = rest.Take(paging.MaxItems + 1).ToList();
        var truncated = page.Count > paging.MaxItems;
        output[member] = new JsonArray(page.Take(paging.MaxItems).Select(i => (JsonNode?)render(i)).ToArray());
        output["IsTruncated"] = truncated;
        if (truncated)
        {
            output["Marker"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(key(page[^1])));
        }

        return output;
    }
}
