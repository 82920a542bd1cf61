using System.Collections.Concurrent;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Durability;

/// <summary>
/// The durability must-show: an emulator process with a data directory is killed with SIGKILL in the
/// middle of concurrent SDK writes to S3 and DynamoDB; after a restart on the same directory every acknowledged
/// write is there byte for byte, and nothing is half-written (every object present is one whole body that was
/// sent, every item one whole item that was sent).
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const string Bucket = "durable";
    private const string Table = "durable";
    private const int Writers = 4;

    private readonly string _data = Directory.CreateTempSubdirectory("doqutore-durability-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Every_acknowledged_write_survives_SIGKILL_and_nothing_is_half_written()
    {
        var sentObjects = new ConcurrentDictionary<string, ConcurrentBag<byte[]>>();
        var ackedObjects = new ConcurrentDictionary<string, byte[]>();
        var sentItems = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var ackedItems = new ConcurrentDictionary<string, string>();

        using (var first = await EmulatorProcess.StartAsync(_data))
        {
            var (s3, dynamo) = Clients(first.Endpoint);
            await s3.PutBucketAsync(Bucket);
            await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            });

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).SelectMany(w => new[]
            {
                Task.Run(() => WriteObjects(s3, w, sentObjects, ackedObjects, stop.Token)),
                Task.Run(() => WriteItems(dynamo, w, sentItems, ackedItems, stop.Token)),
            }).ToArray();

            // Let the writers get going, then pull the plug while they are mid-flight.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((ackedObjects.Count < 40 || ackedItems.Count < 40) && !writers.Any(t => t.IsCompleted) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.True(ackedObjects.Count >= 40 && ackedItems.Count >= 40, $"the writers stopped early: {ackedObjects.Count} objects, {ackedItems.Count} items acknowledged");

            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        using var second = await EmulatorProcess.StartAsync(_data);
        var (s3After, dynamoAfter) = Clients(second.Endpoint);

        foreach (var (key, body) in ackedObjects)
        {
            using var response = await s3After.GetObjectAsync(Bucket, key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().SequenceEqual(body), $"object {key} differs from its acknowledged body");
        }

        foreach (var (id, payload) in ackedItems)
        {
            var item = (await dynamoAfter.GetItemAsync(Table, new Dictionary<string, AttributeValue> { ["id"] = new(id) }, consistentRead: true)).Item;
            Assert.Equal(payload, item["payload"].S);
        }

        var listed = await s3After.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        foreach (var entry in listed.S3Objects ?? [])
        {
            using var response = await s3After.GetObjectAsync(Bucket, entry.Key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            Assert.Contains(sentObjects[entry.Key], sent => sent.AsSpan().SequenceEqual(copy.ToArray()));
        }

        var scanned = await dynamoAfter.ScanAsync(new ScanRequest { TableName = Table });
        foreach (var item in scanned.Items)
        {
            Assert.Contains(item["payload"].S, sentItems[item["id"].S]);
        }
    }

    private static async Task WriteObjects(AmazonS3Client s3, int writer, ConcurrentDictionary<string, ConcurrentBag<byte[]>> sent, ConcurrentDictionary<string, byte[]> acked, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = $"w{writer}/object-{i:D5}";
            var body = RandomNumberGenerator.GetBytes(64 * 1024 + (i * 977 % 4096));
            sent.GetOrAdd(key, _ => []).Add(body);
            try
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(body), AutoCloseStream = true });
                acked[key] = body;
            }
            catch (Exception) when (stop.IsCancellationRequested || !acked.IsEmpty)
            {
                return;
            }
        }
    }

    private static async Task WriteItems(AmazonDynamoDBClient dynamo, int writer, ConcurrentDictionary<string, ConcurrentBag<string>> sent, ConcurrentDictionary<string, string> acked, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var id = $"w{writer}-item-{i:D5}";
            var payload = Convert.ToBase64String(RandomNumberGenerator.GetBytes(2048));
            sent.GetOrAdd(id, _ => []).Add(payload);
            try
            {
                await dynamo.PutItemAsync(Table, new Dictionary<string, AttributeValue> { ["id"] = new(id), ["payload"] = new(payload) });
                acked[id] = payload;
            }
            catch (Exception) when (stop.IsCancellationRequested || !acked.IsEmpty)
            {
                return;
            }
        }
    }

    private static (AmazonS3Client S3, AmazonDynamoDBClient Dynamo) Clients(Uri endpoint)
    {
        var credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey);
        return (
            new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), AuthenticationRegion = EmulatorFixture.Region, ForcePathStyle = true, MaxErrorRetry = 0 }),
            new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = EmulatorFixture.Region, MaxErrorRetry = 0 }));
    }
}
