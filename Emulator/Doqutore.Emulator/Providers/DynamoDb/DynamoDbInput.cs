using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>Reading request members, and parsing a request's expressions with its shared placeholders.</summary>
internal static class DynamoDbInput
{
    public static string? String(JsonObject input, string member) =>
        input[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string)value! : null;

    public static string Required(JsonObject input, string member, string wireName) =>
        String(input, member) ?? throw DynamoDbErrors.Constraint("null", wireName, "Member must not be null");

    public static long? Long(JsonObject input, string member) =>
        input[member] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<long>() : null;

    public static bool Bool(JsonObject input, string member) =>
        input[member] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>Runs an expression step, turning an expression error into AWS's ValidationException.</summary>
    public static T Expression<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ExpressionException e)
        {
            throw DynamoDbErrors.Validation(e.Message);
        }
    }

    /// <summary>Checks that every AttributeValue of an item is valid (AWS's messages), and the 400 KB limit.</summary>
    public static JsonObject Item(JsonObject? item, string member)
    {
        if (item is null)
        {
            throw DynamoDbErrors.Constraint("null", member, "Member must not be null");
        }

        foreach (var (name, value) in item)
        {
            var problem = value is JsonObject attribute ? AttributeValues.Validate(attribute) : "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
            if (problem is not null)
            {
                throw DynamoDbErrors.Validation(problem);
            }

            if (name.Length == 0)
            {
                // [guess] wording for an empty attribute name.
                throw DynamoDbErrors.InvalidParameter("An attribute name cannot be empty");
            }
        }

        if (AttributeValues.ItemSize(item) > 400 * 1024)
        {
            throw DynamoDbErrors.ItemTooLarge();
        }

        return item;
    }
}

/// <summary>The expressions of one request, parsed against the request's placeholders (unused ones rejected).</summary>
internal sealed class RequestExpressions
{
    public Node? Condition { get; private init; }

    public Node? Filter { get; private init; }

    public Node? KeyCondition { get; private init; }

    public UpdateExpression? Update { get; private init; }

    public ProjectionExpression? Projection { get; private init; }

    public static RequestExpressions Parse(JsonObject input) => DynamoDbInput.Expression(() =>
    {
        var names = input["ExpressionAttributeNames"] as JsonObject;
        var values = input["ExpressionAttributeValues"] as JsonObject;
        var present = new[] { "UpdateExpression", "ConditionExpression", "KeyConditionExpression", "FilterExpression", "ProjectionExpression" }
            .Where(e => input[e] is not null).ToList();
        if (names is not null && present.Count == 0)
        {
            throw new ExpressionException("ExpressionAttributeNames can only be specified when using expressions");
        }

        var valueExpressions = present.Where(e => e != "ProjectionExpression").ToList();
        if (values is not null && valueExpressions.Count == 0)
        {
            var possible = new[] { "UpdateExpression", "ConditionExpression", "KeyConditionExpression", "FilterExpression" }.Where(input.ContainsKey).ToList();
            throw new ExpressionException(possible.Count == 0
                ? "ExpressionAttributeValues can only be specified when using expressions"
                : $"ExpressionAttributeValues can only be specified when using expressions: {string.Join(" and ", possible)} {(possible.Count > 1 ? "are" : "is")} null");
        }

        var attributes = new ExpressionAttributes(names, values);
        var result = new RequestExpressions
        {
            Update = DynamoDbInput.String(input, "UpdateExpression") is { } update ? ExpressionParser.ParseUpdate(update, attributes) : null,
            Condition = DynamoDbInput.String(input, "ConditionExpression") is { } condition ? ExpressionParser.ParseCondition("ConditionExpression", condition, attributes) : null,
            KeyCondition = DynamoDbInput.String(input, "KeyConditionExpression") is { } key ? ExpressionParser.ParseCondition("KeyConditionExpression", key, attributes) : null,
            Filter = DynamoDbInput.String(input, "FilterExpression") is { } filter ? ExpressionParser.ParseCondition("FilterExpression", filter, attributes) : null,
            Projection = DynamoDbInput.String(input, "ProjectionExpression") is { } projection ? ExpressionParser.ParseProjection(projection, attributes) : null,
        };
        attributes.CheckAllUsed();
        return result;
    });

    /// <summary>Parses the request's expressions, or translates its pre-expression parameters (never both).</summary>
    public static RequestExpressions ParseWithLegacy(JsonObject input)
    {
        LegacyParameters.CheckNotMixed(input);
        var parsed = Parse(input);
        var conditionalOperator = DynamoDbInput.String(input, "ConditionalOperator");
        return new RequestExpressions
        {
            Update = parsed.Update ?? LegacyParameters.AttributeUpdates(input["AttributeUpdates"] as JsonObject),
            Condition = parsed.Condition ?? LegacyParameters.Expected(input["Expected"] as JsonObject, conditionalOperator),
            KeyCondition = parsed.KeyCondition ?? LegacyParameters.Conditions(input["KeyConditions"] as JsonObject, null),
            Filter = parsed.Filter ?? LegacyParameters.Conditions((input["QueryFilter"] ?? input["ScanFilter"]) as JsonObject, conditionalOperator),
            Projection = parsed.Projection ?? LegacyParameters.AttributesToGet(input["AttributesToGet"] as JsonArray),
        };
    }

    /// <summary>
    /// Throws ConditionalCheckFailedException when the condition does not hold for the current item (null = absent);
    /// with ReturnValuesOnConditionCheckFailure ALL_OLD the error carries the item as it is.
    /// </summary>
    public void CheckCondition(JsonObject? current, JsonObject input)
    {
        if (Condition is not null && !ConditionEvaluator.Evaluate(Condition, current ?? []))
        {
            var error = DynamoDbErrors.ConditionalCheckFailed();
            if (current is not null && DynamoDbInput.String(input, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD")
            {
                error.Details["Item"] = current.DeepClone();
            }

            throw error;
        }
    }

    public JsonObject Project(JsonObject item) => Projection is null ? AttributeValues.Clone(item) : Projector.Project(Projection, item);
}
