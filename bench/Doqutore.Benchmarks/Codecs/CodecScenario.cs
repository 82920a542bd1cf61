using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;

namespace Doqutore.Benchmarks.Codecs;

/// <summary>
/// A representative request and response of one operation, in the neutral tree (<see cref="OperationData"/>),
/// for the codec benchmarks: one or two per protocol, sized like everyday traffic rather than extremes.
/// </summary>
public sealed class CodecScenario
{
    private static readonly DateTimeOffset Modified = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private CodecScenario(string name, Func<ServiceModel?> model, string operation, JsonObject input, JsonObject output, byte[]? inputStream = null)
    {
        Name = name;
        Model = model;
        Operation = operation;
        Input = input;
        Output = output;
        InputStream = inputStream;
    }

    /// <summary>Shown in the results table: <c>protocol service:Operation</c>.</summary>
    public string Name { get; }

    public Func<ServiceModel?> Model { get; }

    public string Operation { get; }

    public JsonObject Input { get; }

    public JsonObject Output { get; }

    /// <summary>The streamed payload of the request (an S3 object body), or null.</summary>
    public byte[]? InputStream { get; }

    public override string ToString() => Name;

    /// <summary>Every scenario whose protocol has a codec in this build (others are listed as skipped).</summary>
    public static IEnumerable<CodecScenario> Available() => All().Where(s => HasCodec(s.Model()));

    /// <summary>Scenarios without a codec in this build.</summary>
    public static IEnumerable<CodecScenario> Unavailable() => All().Where(s => !HasCodec(s.Model()));

    public static IEnumerable<CodecScenario> All()
    {
        yield return new("json dynamodb:PutItem", () => ServiceModels.Get("dynamodb"), "PutItem",
            new JsonObject
            {
                ["TableName"] = "Orders",
                ["Item"] = new JsonObject
                {
                    ["pk"] = S("CUSTOMER#4821"),
                    ["sk"] = S("ORDER#2025-06-01T12:00:00Z#9f3c"),
                    ["status"] = S("PAID"),
                    ["total"] = new JsonObject { ["N"] = "129.95" },
                    ["items"] = new JsonObject { ["L"] = new JsonArray(Line("SKU-1", 2), Line("SKU-7", 1), Line("SKU-42", 5)) },
                    ["tags"] = new JsonObject { ["SS"] = new JsonArray("gift", "express") },
                    ["shipped"] = new JsonObject { ["BOOL"] = false },
                },
                ["ConditionExpression"] = "attribute_not_exists(pk)",
                ["ReturnConsumedCapacity"] = "TOTAL",
            },
            new JsonObject { ["ConsumedCapacity"] = new JsonObject { ["TableName"] = "Orders", ["CapacityUnits"] = 1.0 } });

        yield return new("rest-json lambda:Invoke", () => ServiceModels.Get("lambda"), "Invoke",
            new JsonObject
            {
                ["FunctionName"] = "orders-handler",
                ["InvocationType"] = "RequestResponse",
                ["LogType"] = "None",
                ["Payload"] = Base64("""{"orderId":"9f3c","customer":"4821","items":[{"sku":"SKU-1","qty":2}],"total":129.95}"""),
            },
            new JsonObject
            {
                ["StatusCode"] = 200,
                ["ExecutedVersion"] = "$LATEST",
                ["Payload"] = Base64("""{"ok":true,"orderId":"9f3c","next":"ship"}"""),
            });

        yield return new("query sts:GetCallerIdentity", () => ServiceModels.Get("sts"), "GetCallerIdentity",
            [],
            new JsonObject
            {
                ["UserId"] = "AIDAEXAMPLEUSERID0001",
                ["Account"] = "000000000000",
                ["Arn"] = "arn:aws:iam::000000000000:user/alice",
            });

        yield return new("query sqs:SendMessage", () => ServiceModels.Get("sqs", Protocol.Query), "SendMessage",
            new JsonObject
            {
                ["QueueUrl"] = "http://localhost:4566/000000000000/orders",
                ["MessageBody"] = """{"orderId":"9f3c","event":"paid"}""",
                ["DelaySeconds"] = 0,
                ["MessageAttributes"] = new JsonObject
                {
                    ["source"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "checkout" },
                    ["attempt"] = new JsonObject { ["DataType"] = "Number", ["StringValue"] = "1" },
                },
            },
            new JsonObject
            {
                ["MD5OfMessageBody"] = "8b1a9953c4611296a827abf8c47804d7",
                ["MD5OfMessageAttributes"] = "3ae8f24a165a8cedc005670c81a27295",
                ["MessageId"] = "5fea7756-0ea4-451a-a703-a558b933e274",
            });

        yield return new("rest-xml s3:PutObject", () => ServiceModels.Get("s3"), "PutObject",
            new JsonObject
            {
                ["Bucket"] = "invoices",
                ["Key"] = "2025/06/01/invoice 9f3c.json",
                ["ContentType"] = "application/json",
                ["ContentLength"] = 1024,
                ["Metadata"] = new JsonObject { ["customer"] = "4821", ["source"] = "checkout" },
                ["ServerSideEncryption"] = "AES256",
            },
            new JsonObject
            {
                ["ETag"] = "\"0f343b0931126a20f133d67c2b018a3b\"",
                ["ServerSideEncryption"] = "AES256",
                ["VersionId"] = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
            },
            new byte[1024]);

        yield return new("rest-xml s3:ListObjectsV2", () => ServiceModels.Get("s3"), "ListObjectsV2",
            new JsonObject { ["Bucket"] = "invoices", ["Prefix"] = "2025/06/", ["MaxKeys"] = 50 },
            new JsonObject
            {
                ["IsTruncated"] = false,
                ["Contents"] = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode?)new JsonObject
                {
                    ["Key"] = $"2025/06/01/invoice-{i:D4}.json",
                    ["LastModified"] = Modified.AddMinutes(i),
                    ["ETag"] = "\"0f343b0931126a20f133d67c2b018a3b\"",
                    ["Size"] = 1024 + i,
                    ["StorageClass"] = "STANDARD",
                }).ToArray()),
                ["Name"] = "invoices",
                ["Prefix"] = "2025/06/",
                ["MaxKeys"] = 50,
                ["KeyCount"] = 50,
            });
    }

    private static JsonObject S(string value) => new() { ["S"] = value };

    private static JsonObject Line(string sku, int quantity) => new()
    {
        ["M"] = new JsonObject { ["sku"] = S(sku), ["qty"] = new JsonObject { ["N"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
    };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static bool HasCodec(ServiceModel? model)
    {
        if (model is null)
        {
            return false;
        }

        try
        {
            ProtocolCodecs.For(model);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
