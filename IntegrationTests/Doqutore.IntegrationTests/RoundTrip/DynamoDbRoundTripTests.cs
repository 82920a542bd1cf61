using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.RoundTrip;

/// <summary>AWSSDK.DynamoDBv2 (json 1.0) through our parser and serializer.</summary>
public class DynamoDbRoundTripTests(CapturingEmulatorFixture emulator) : IClassFixture<CapturingEmulatorFixture>
{
    private AmazonDynamoDBClient Client() => new(SdkClients.Root, SdkClients.Configure(new AmazonDynamoDBConfig(), emulator));

    [Fact]
    public async Task PutItem_input_keeps_nested_attribute_values_and_expressions()
    {
        using var dynamo = Client();

        var response = await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = "patients",
            Item = new()
            {
                ["pk"] = new AttributeValue { S = "patient#1" },
                ["visits"] = new AttributeValue { N = "3" },
                ["address"] = new AttributeValue { M = new() { ["city"] = new AttributeValue { S = "Sydney" } } },
            },
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = "pk" },
            ReturnValues = ReturnValue.ALL_OLD,
        });

        var input = emulator.Provider<CapturingDynamoDb>().Input("PutItem");
        Assert.Equal("patients", (string?)input["TableName"]);
        Assert.Equal("3", (string?)input["Item"]!["visits"]!["N"]);
        Assert.Equal("Sydney", (string?)input["Item"]!["address"]!["M"]!["city"]!["S"]);
        Assert.Equal("attribute_not_exists(#pk)", (string?)input["ConditionExpression"]);
        Assert.Equal("ALL_OLD", (string?)input["ReturnValues"]);
        Assert.Equal("old", response.Attributes["pk"].S);
    }

    [Fact]
    public async Task GetItem_output_with_every_attribute_type_is_read_by_the_SDK()
    {
        using var dynamo = Client();

        var item = (await dynamo.GetItemAsync("patients", new() { ["pk"] = new AttributeValue { S = "patient#1" } }, consistentRead: true)).Item;

        Assert.True((bool?)emulator.Provider<CapturingDynamoDb>().Input("GetItem")["ConsistentRead"]);
        Assert.Equal("42.5", item["age"].N);
        Assert.Equal(new byte[] { 1, 2, 3 }, item["photo"].B.ToArray());
        Assert.Equal(["a", "b"], item["tags"].SS);
        Assert.True(item["nested"].M["ok"].BOOL);
        Assert.True(item["nested"].M["gone"].NULL);
        Assert.Equal("two", item["list"].L[1].S);
    }
}
