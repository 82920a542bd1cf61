using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers;

namespace Doqutore.IntegrationTests.RoundTrip;

/// <summary>
/// Test providers that keep the input the gateway parsed and answer a canned output, so that a test can
/// check both directions of the wire with an official SDK: what the SDK sent, as our parser read it, and
/// what our serializer wrote, as the SDK read it.
/// </summary>
public abstract class CapturingProvider : AwsServiceProvider
{
    private readonly ConcurrentDictionary<string, JsonObject> _inputs = new(StringComparer.Ordinal);

    /// <summary>The last input of an operation, as our parser produced it.</summary>
    public JsonObject Input(string operation) =>
        _inputs.TryGetValue(operation, out var input) ? input : throw new InvalidOperationException($"{operation} was not called.");

    protected JsonObject Capture(string operation, JsonObject input, JsonObject output)
    {
        _inputs[operation] = (JsonObject)input.DeepClone();
        return output;
    }
}

public sealed class CapturingSqs : CapturingProvider
{
    public override string ServiceId => "sqs";

    public JsonObject SendMessage(RequestContext context, JsonObject input) => Capture(nameof(SendMessage), input, new JsonObject
    {
        ["MessageId"] = "5fea7756-0ea4-451a-a703-a558b933e274",

        // The SDK checks this digest against the body it sent.
        ["MD5OfMessageBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes((string)input["MessageBody"]!))),
    });

    public JsonObject ReceiveMessage(RequestContext context, JsonObject input) => Capture(nameof(ReceiveMessage), input, new JsonObject
    {
        ["Messages"] = new JsonArray(new JsonObject
        {
            ["MessageId"] = "m-1",
            ["ReceiptHandle"] = "rh-1",
            ["Body"] = "héllo",
            ["MD5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("héllo"))),
            ["Attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "3", ["SentTimestamp"] = "1700000000000" },
        }),
    });

    public JsonObject GetQueueUrl(RequestContext context, JsonObject input) =>
        throw new AwsServiceException("QueueDoesNotExist", "The specified queue does not exist.", 400)
        {
            QueryErrorCode = "AWS.SimpleQueueService.NonExistentQueue",
        };
}

public sealed class CapturingDynamoDb : CapturingProvider
{
    public override string ServiceId => "dynamodb";

    public JsonObject PutItem(RequestContext context, JsonObject input) => Capture(nameof(PutItem), input, new JsonObject
    {
        ["Attributes"] = new JsonObject { ["pk"] = new JsonObject { ["S"] = "old" } },
    });

    public JsonObject GetItem(RequestContext context, JsonObject input) => Capture(nameof(GetItem), input, new JsonObject
    {
        ["Item"] = new JsonObject
        {
            ["pk"] = new JsonObject { ["S"] = "patient#1" },
            ["age"] = new JsonObject { ["N"] = "42.5" },
            ["photo"] = new JsonObject { ["B"] = Convert.ToBase64String([1, 2, 3]) },
            ["tags"] = new JsonObject { ["SS"] = new JsonArray("a", "b") },
            ["nested"] = new JsonObject { ["M"] = new JsonObject { ["ok"] = new JsonObject { ["BOOL"] = true }, ["gone"] = new JsonObject { ["NULL"] = true } } },
            ["list"] = new JsonObject { ["L"] = new JsonArray(new JsonObject { ["N"] = "1" }, new JsonObject { ["S"] = "two" }) },
        },
    });
}

public sealed class CapturingS3 : CapturingProvider
{
    public override string ServiceId => "s3";

    /// <summary>The body of the last PutObject, read through the gateway's decoding and signature checks.</summary>
    public byte[] LastBody { get; private set; } = [];

    public async Task<OperationData> PutObject(RequestContext context, OperationData input)
    {
        using var body = new MemoryStream();
        if (input.Stream is not null)
        {
            await input.Stream.CopyToAsync(body);
        }

        LastBody = body.ToArray();
        return new OperationData(Capture(nameof(PutObject), input.Values, new JsonObject
        {
            ["ETag"] = "\"" + Convert.ToHexStringLower(MD5.HashData(LastBody)) + "\"",
            ["VersionId"] = "v1",
        }));
    }

    public OperationData GetObject(RequestContext context, OperationData input)
    {
        Capture(nameof(GetObject), input.Values, []);
        var content = Encoding.UTF8.GetBytes("<html>doqutore</html>");
        return new OperationData(
            new JsonObject
            {
                ["ContentType"] = "text/html",
                ["ContentLength"] = content.Length,
                ["ETag"] = "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"",
                ["LastModified"] = JsonValue.Create(new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero)),
                ["Metadata"] = new JsonObject { ["owner"] = "frontend-deployment" },
            },
            new MemoryStream(content))
        {
            StreamLength = content.Length,
        };
    }

    public JsonObject ListObjectsV2(RequestContext context, JsonObject input) => Capture(nameof(ListObjectsV2), input, new JsonObject
    {
        ["Name"] = (string?)input["Bucket"],
        ["Prefix"] = (string?)input["Prefix"],
        ["KeyCount"] = 2,
        ["MaxKeys"] = 1000,
        ["IsTruncated"] = false,
        ["Contents"] = new JsonArray(
            new JsonObject { ["Key"] = "site/index.html", ["Size"] = 21, ["ETag"] = "\"e1\"", ["LastModified"] = "2026-11-30T01:02:03Z", ["StorageClass"] = "STANDARD" },
            new JsonObject { ["Key"] = "site/a b+c.js", ["Size"] = 5, ["ETag"] = "\"e2\"", ["LastModified"] = "2026-11-30T01:02:04Z", ["StorageClass"] = "STANDARD" }),
    });

    public JsonObject DeleteObjects(RequestContext context, JsonObject input) => Capture(nameof(DeleteObjects), input, new JsonObject
    {
        ["Deleted"] = new JsonArray(new JsonObject { ["Key"] = "site/index.html" }),
        ["Errors"] = new JsonArray(new JsonObject { ["Key"] = "site/locked.js", ["Code"] = "AccessDenied", ["Message"] = "Access Denied" }),
    });

    public JsonObject HeadBucket(RequestContext context, JsonObject input) =>
        throw new AwsServiceException("NoSuchBucket", "The specified bucket does not exist", 404);
}

public sealed class CapturingCloudTrail : CapturingProvider
{
    public override string ServiceId => "cloudtrail";

    public JsonObject GetTrailStatus(RequestContext context, JsonObject input) => Capture(nameof(GetTrailStatus), input, new JsonObject
    {
        ["IsLogging"] = false,
        ["StopLoggingTime"] = JsonValue.Create(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero)),
    });

    public JsonObject StartLogging(RequestContext context, JsonObject input) => Capture(nameof(StartLogging), input, []);

    public JsonObject DescribeTrails(RequestContext context, JsonObject input) => Capture(nameof(DescribeTrails), input, new JsonObject
    {
        ["trailList"] = new JsonArray(new JsonObject
        {
            ["Name"] = "management",
            ["TrailARN"] = "arn:aws:cloudtrail:us-east-1:000000000000:trail/management",
            ["S3BucketName"] = "trail-logs",
            ["IsMultiRegionTrail"] = true,
            ["LogFileValidationEnabled"] = true,
            ["HomeRegion"] = "us-east-1",
        }),
    });
}
