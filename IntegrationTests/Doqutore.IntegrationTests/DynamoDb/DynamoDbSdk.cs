using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>AWSSDK.DynamoDBv2 pointed at the emulator, and table helpers the DynamoDB tests share.</summary>
internal static class DynamoDbSdk
{
    public static AmazonDynamoDBClient Client(EmulatorFixture emulator) =>
        new(SdkClients.Root, SdkClients.Configure(new AmazonDynamoDBConfig(), emulator));

    /// <summary>Creates a uniquely named on-demand table with a string partition key "pk" and, optionally, a string sort key "sk".</summary>
    public static async Task<string> NewTable(IAmazonDynamoDB dynamo, bool sortKey = true, string prefix = "t")
    {
        var name = AwsCli.Unique(prefix);
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
        };
        if (sortKey)
        {
            request.AttributeDefinitions.Add(new AttributeDefinition("sk", ScalarAttributeType.S));
            request.KeySchema.Add(new KeySchemaElement("sk", KeyType.RANGE));
        }

        await dynamo.CreateTableAsync(request);
        return name;
    }
}
