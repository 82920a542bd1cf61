using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::DynamoDB::Table</c>: CreateTable with key schema, indexes, billing, stream and SSE settings; UpdateTable for
/// billing and throughput, the stream, and global secondary indexes added or removed (one per call, as DynamoDB
/// requires); DeleteTable. Ref is the name; GetAtt Arn, StreamArn. TimeToLiveSpecification and
/// PointInTimeRecoverySpecification are accepted without effect [gap: the DynamoDB provider lacks their operations].
/// </summary>
public sealed class DynamoDbTable : ResourceType
{
    public override string TypeName => "AWS::DynamoDB::Table";

    public override IReadOnlyList<string> Attributes => ["Arn", "StreamArn"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "TableName", "KeySchema", "LocalSecondaryIndexes" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("TableName") ?? resource.GeneratedName(255);
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["TableName"] = name },
            "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "SSESpecification", "DeletionProtectionEnabled", "TableClass");
        if (Stream(resource.Properties) is { } stream)
        {
            input["StreamSpecification"] = stream;
        }

        if (resource.Tags() is { Count: > 0 } tags)
        {
            input["Tags"] = tags;
        }

        var table = (JsonObject)(await resource.Call("dynamodb", "CreateTable", input).ConfigureAwait(false))["TableDescription"]!;
        return Provisioned(name, table);
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var name = current.PhysicalId;
        var now = resource.Properties;
        if (ResourceJson.Changed(now, previous, "BillingMode") || ResourceJson.Changed(now, previous, "ProvisionedThroughput"))
        {
            await resource.Call("dynamodb", "UpdateTable", ResourceJson.Copy(now, new JsonObject { ["TableName"] = name, ["BillingMode"] = resource.Text("BillingMode") ?? "PROVISIONED" }, "ProvisionedThroughput")).ConfigureAwait(false);
        }

        if (ResourceJson.Changed(now, previous, "StreamSpecification"))
        {
            if (previous["StreamSpecification"] is not null)
            {
                await resource.Call("dynamodb", "UpdateTable", new JsonObject { ["TableName"] = name, ["StreamSpecification"] = new JsonObject { ["StreamEnabled"] = false } }).ConfigureAwait(false);
            }

            if (Stream(now) is { } stream)
            {
                await resource.Call("dynamodb", "UpdateTable", new JsonObject { ["TableName"] = name, ["StreamSpecification"] = stream }).ConfigureAwait(false);
            }
        }

        var before = Indexes(previous);
        var after = Indexes(now);
        foreach (var (index, _) in before.Where(b => !after.TryGetValue(b.Key, out var a) || !JsonNode.DeepEquals(a["KeySchema"], b.Value["KeySchema"])))
        {
            await resource.Call("dynamodb", "UpdateTable", new JsonObject { ["TableName"] = name, ["GlobalSecondaryIndexUpdates"] = new JsonArray(new JsonObject { ["Delete"] = new JsonObject { ["IndexName"] = index } }) }).ConfigureAwait(false);
        }

        foreach (var (_, index) in after.Where(a => !before.TryGetValue(a.Key, out var b) || !JsonNode.DeepEquals(a.Value["KeySchema"], b["KeySchema"])))
        {
            await resource.Call("dynamodb", "UpdateTable", ResourceJson.Copy(now, new JsonObject
            {
                ["TableName"] = name,
                ["GlobalSecondaryIndexUpdates"] = new JsonArray(new JsonObject { ["Create"] = index.DeepClone() }),
            }, "AttributeDefinitions")).ConfigureAwait(false);
        }

        var table = (JsonObject)(await resource.Call("dynamodb", "DescribeTable", new JsonObject { ["TableName"] = name }).ConfigureAwait(false))["Table"]!;
        return Provisioned(name, table);
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("dynamodb", "DeleteTable", new JsonObject { ["TableName"] = current.PhysicalId });

    /// <summary>CloudFormation's StreamSpecification has only the view type; the API also wants StreamEnabled.</summary>
    private static JsonObject? Stream(JsonObject properties) =>
        properties["StreamSpecification"] is JsonObject spec
            ? new JsonObject { ["StreamEnabled"] = true, ["StreamViewType"] = spec["StreamViewType"]?.DeepClone() }
            : null;

    private static Dictionary<string, JsonObject> Indexes(JsonObject properties) =>
        (properties["GlobalSecondaryIndexes"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(i => (string)i["IndexName"]!, StringComparer.Ordinal);

    private static ProvisionedResource Provisioned(string name, JsonObject table) => new(name, new JsonObject
    {
        ["Arn"] = table["TableArn"]?.DeepClone(),
        ["StreamArn"] = table["LatestStreamArn"]?.DeepClone(),
    });
}
