using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.Recording;

/// <summary>DynamoDB records name the item, never its contents: patient data must not reach CloudTrail.</summary>
public sealed class DynamoDbRecordShapeTests
{
    private static readonly RecordShape Shape = RecordShape.For("dynamodb");

    [Fact]
    public void A_put_records_the_table_and_condition_but_not_the_item()
    {
        var context = Context("PutItem", new JsonObject
        {
            ["TableName"] = "patients",
            ["Item"] = new JsonObject { ["id"] = new JsonObject { ["S"] = "p-1" }, ["diagnosis"] = new JsonObject { ["S"] = "confidential" } },
            ["ConditionExpression"] = "attribute_not_exists(id)",
        });

        var parameters = Shape.RequestParameters(context)!;

        Assert.Equal("patients", (string?)parameters["tableName"]);
        Assert.Equal("attribute_not_exists(id)", (string?)parameters["conditionExpression"]);
        Assert.DoesNotContain("confidential", parameters.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_records_the_key_and_expression_but_not_the_values()
    {
        var context = Context("UpdateItem", new JsonObject
        {
            ["TableName"] = "patients",
            ["Key"] = new JsonObject { ["id"] = new JsonObject { ["S"] = "p-1" } },
            ["UpdateExpression"] = "SET diagnosis = :d",
            ["ExpressionAttributeValues"] = new JsonObject { [":d"] = new JsonObject { ["S"] = "confidential" } },
        });
        context.Output = new OperationData(new JsonObject { ["Attributes"] = new JsonObject { ["diagnosis"] = new JsonObject { ["S"] = "confidential" } } });

        var parameters = Shape.RequestParameters(context)!;

        Assert.Equal("p-1", (string?)parameters["key"]!["id"]);
        Assert.Equal("SET diagnosis = :d", (string?)parameters["updateExpression"]);
        Assert.DoesNotContain("confidential", parameters.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(Shape.ResponseElements(context));
    }

    [Fact]
    public void A_batch_write_records_its_tables_only()
    {
        var context = Context("BatchWriteItem", new JsonObject
        {
            ["RequestItems"] = new JsonObject
            {
                ["patients"] = new JsonArray(new JsonObject { ["PutRequest"] = new JsonObject { ["Item"] = new JsonObject { ["name"] = new JsonObject { ["S"] = "Jane Roe" } } } }),
            },
        });

        var parameters = Shape.RequestParameters(context)!;

        Assert.True(parameters["requestItems"]!.AsObject().ContainsKey("patients"));
        Assert.DoesNotContain("Jane Roe", parameters.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Table_operations_are_recorded_in_full()
    {
        var context = Context("CreateTable", new JsonObject { ["TableName"] = "patients", ["BillingMode"] = "PAY_PER_REQUEST" });

        Assert.Equal("PAY_PER_REQUEST", (string?)Shape.RequestParameters(context)!["billingMode"]);
    }

    private static Doqutore.Emulator.Core.RequestContext Context(string operation, JsonObject input) => RecordingContexts.For("dynamodb", operation, input);
}
