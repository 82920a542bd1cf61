using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>TagResource, UntagResource and ListTagsOfResource on tables (by table ARN).</summary>
internal sealed partial class DynamoDbProvider
{
    private const int MaxTags = 50;

    public JsonObject TagResource(RequestContext context, JsonObject input)
    {
        var table = TableByArn(context, DynamoDbInput.Required(input, "ResourceArn", "resourceArn"));
        lock (table.Gate)
        {
            var tags = TagMap(table);
            foreach (var tag in (input["Tags"] as JsonArray ?? []).OfType<JsonObject>())
            {
                tags[(string?)tag["Key"] ?? string.Empty] = (string?)tag["Value"] ?? string.Empty;
            }

            if (tags.Count > MaxTags)
            {
                throw new Aws.Protocols.AwsServiceException("LimitExceededException", $"The number of tags exceeds the limit of {MaxTags}"); // [guess] wording.
            }

            SetTags(table, tags);
            store.Save(table);
        }

        return [];
    }

    public JsonObject UntagResource(RequestContext context, JsonObject input)
    {
        var table = TableByArn(context, DynamoDbInput.Required(input, "ResourceArn", "resourceArn"));
        lock (table.Gate)
        {
            var tags = TagMap(table);
            foreach (var key in (input["TagKeys"] as JsonArray ?? []).Select(k => (string?)k ?? string.Empty))
            {
                tags.Remove(key);
            }

            SetTags(table, tags);
            store.Save(table);
        }

        return [];
    }

    public JsonObject ListTagsOfResource(RequestContext context, JsonObject input)
    {
        var table = TableByArn(context, DynamoDbInput.Required(input, "ResourceArn", "resourceArn"));
        lock (table.Gate)
        {
            return new JsonObject { ["Tags"] = table.Tags?.DeepClone() ?? new JsonArray() };
        }
    }

    private DynamoDbTable TableByArn(RequestContext context, string arn)
    {
        var prefix = $"arn:aws:dynamodb:{context.Region}:{context.AccountId}:table/";
        if (!arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            // [guess] AWS's wording for an ARN of another region, account or kind.
            throw DynamoDbErrors.Validation($"Invalid TableArn: Invalid ResourceArn provided as input {arn}");
        }

        var name = arn[prefix.Length..];

        // "ResourcArn" (sic) is AWS's own spelling in this message.
        return store.Region(context).Tables.TryGetValue(name, out var table)
            ? table
            : throw new Aws.Protocols.AwsServiceException("ResourceNotFoundException", $"Requested resource not found: ResourcArn: {arn} not found");
    }

    private static Dictionary<string, string> TagMap(DynamoDbTable table) =>
        (table.Tags ?? []).OfType<JsonObject>().ToDictionary(t => (string)t["Key"]!, t => (string)t["Value"]!, StringComparer.Ordinal);

    private static void SetTags(DynamoDbTable table, Dictionary<string, string> tags) =>
        table.Tags = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
}
