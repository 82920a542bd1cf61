using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Recording;

/// <summary>
/// DynamoDB's records: CloudTrail logs which item was touched, never what it holds. Item operations keep the
/// table, index, key and expressions but leave out item contents and values (<c>Item</c>,
/// <c>ExpressionAttributeValues</c>, <c>AttributeUpdates</c>, <c>Expected</c>, the items of batches; keys appear as
/// name → value, as in AWS's examples), and their
/// responses (which would carry items) are not recorded [guess: AWS's DynamoDB examples show keys, never
/// attribute values]. The emulator holds patient data in DynamoDB, so this is an allow-list: a member not named
/// here stays out of an item operation's record.
/// </summary>
public sealed class DynamoDbRecordShape : RecordShape
{
    private static readonly IReadOnlySet<string> RecordedItemMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "TableName", "IndexName", "Key", "ConditionExpression", "UpdateExpression", "ProjectionExpression",
        "KeyConditionExpression", "FilterExpression", "ExpressionAttributeNames", "Select", "Limit", "ConsistentRead",
        "ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ScanIndexForward", "Segment",
        "TotalSegments", "AttributesToGet", "ConditionalOperator", "ReturnValuesOnConditionCheckFailure",
    };

    public override JsonObject? RequestParameters(RequestContext context)
    {
        var operation = context.Operation!;
        if (!IsItemOperation(context))
        {
            return base.RequestParameters(context);
        }

        var values = context.Input?.Values ?? [];
        var kept = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (RecordedItemMembers.Contains(name))
            {
                kept[name] = value?.DeepClone();
            }
            else if (name == "RequestItems" && value is JsonObject tables)
            {
                // Batches: which tables, not which items.
                kept[name] = new JsonObject(tables.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonObject())));
            }
        }

        var recorded = RecordedParameters.Request(operation.Input, kept);
        if (recorded is not null && values["Key"] is JsonObject key)
        {
            recorded["key"] = PlainKey(key);
        }

        return recorded;
    }

    /// <summary>A key as CloudTrail's DynamoDB examples show it: attribute name → value, without type descriptors.</summary>
    private static JsonObject PlainKey(JsonObject key) =>
        new(key.Select(attribute => KeyValuePair.Create(attribute.Key, attribute.Value is JsonObject typed && typed.Count == 1 ? typed.First().Value?.DeepClone() : attribute.Value?.DeepClone())));

    public override JsonObject? ResponseElements(RequestContext context) =>
        IsItemOperation(context) ? null : base.ResponseElements(context);

    private static bool IsItemOperation(RequestContext context) =>
        CloudTrailConventions.DataEventType(context.Service!.Id, context.Operation!.Name) is not null;
}
