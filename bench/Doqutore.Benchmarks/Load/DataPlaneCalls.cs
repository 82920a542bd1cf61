using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// The data-plane calls the comparison repeats against any server, with the official SDK (ServiceURL +
/// AuthenticationRegion, path-style S3, no retries): 4 KiB S3 puts and gets, DynamoDB puts, gets and a query of
/// ten items. <see cref="PrepareAsync"/> creates what the calls need; a call returns null or its error code.
/// </summary>
public sealed class DataPlaneCalls
{
    public static readonly string[] S3Operations = ["s3-put", "s3-get"];
    public static readonly string[] DynamoDbOperations = ["ddb-put", "ddb-get", "ddb-query"];

    private const string Bucket = "bench-bucket";
    private const string Table = "bench-table";
    private static readonly byte[] Body = new byte[4096];

    private readonly AmazonS3Client _s3;
    private readonly AmazonDynamoDBClient _dynamo;
    private int _sequence;

    /// <param name="endpoint">The server.</param>
    /// <param name="credentials">Keys the server accepts (s3rver knows only its own, S3RVER/S3RVER).</param>
    public DataPlaneCalls(Uri endpoint, AWSCredentials credentials)
    {
        _s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = SdkCalls.Region, ForcePathStyle = true, MaxErrorRetry = 0 });
        _dynamo = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = SdkCalls.Region, MaxErrorRetry = 0 });
    }

    public async Task PrepareAsync(bool s3, bool dynamoDb)
    {
        if (s3)
        {
            await _s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }).ConfigureAwait(false);
            await PutObject("fixed").ConfigureAwait(false);
        }

        if (dynamoDb)
        {
            await _dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
                AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
            }).ConfigureAwait(false);

            // dynalite, like AWS, creates tables asynchronously.
            while ((await _dynamo.DescribeTableAsync(Table).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            for (var i = 0; i < 10; i++)
            {
                await _dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = Item("fixed", $"item-{i:D2}") }).ConfigureAwait(false);
            }
        }
    }

    public Func<Task<string?>> For(string operation) => operation switch
    {
        "s3-put" => () => SdkCalls.Outcome(PutObject($"key-{Interlocked.Increment(ref _sequence)}")),
        "s3-get" => () => SdkCalls.Outcome(GetObject()),
        "ddb-put" => () => SdkCalls.Outcome(_dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = Item("load", $"item-{Interlocked.Increment(ref _sequence)}") })),
        "ddb-get" => () => SdkCalls.Outcome(_dynamo.GetItemAsync(new GetItemRequest { TableName = Table, Key = Key("fixed", "item-05") })),
        "ddb-query" => () => SdkCalls.Outcome(_dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new AttributeValue("fixed") },
        })),
        _ => throw new ArgumentException($"Unknown operation '{operation}'."),
    };

    private Task<PutObjectResponse> PutObject(string key) =>
        _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(Body, writable: false), AutoCloseStream = true });

    private async Task<long> GetObject()
    {
        using var response = await _s3.GetObjectAsync(Bucket, "fixed").ConfigureAwait(false);
        await response.ResponseStream.CopyToAsync(Stream.Null).ConfigureAwait(false);
        return response.ContentLength;
    }

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new() { ["pk"] = new AttributeValue(pk), ["sk"] = new AttributeValue(sk) };

    private static Dictionary<string, AttributeValue> Item(string pk, string sk) => new(Key(pk, sk))
    {
        ["payload"] = new AttributeValue(new string('x', 200)),
        ["count"] = new AttributeValue { N = "42" },
    };
}
