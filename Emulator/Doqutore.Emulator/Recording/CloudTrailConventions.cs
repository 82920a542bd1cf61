namespace Doqutore.Emulator.Recording;

/// <summary>
/// How CloudTrail names and classifies calls, service by service (reference §1.2, §1.5, §2): the one table the
/// record builder consults, so that no service name is tested anywhere else.
/// </summary>
public static class CloudTrailConventions
{
    /// <summary>Services whose events are recorded in us-east-1 whatever the endpoint (IAM since 2021-11-22).</summary>
    public static readonly IReadOnlySet<string> GlobalServices = new HashSet<string>(StringComparer.Ordinal) { "iam" };

    /// <summary>The region global services record in.</summary>
    public const string GlobalRegion = "us-east-1";

    /// <summary>EventBridge sources that differ from <c>aws.</c> + the event source's first label.</summary>
    private static readonly IReadOnlyDictionary<string, string> EventBridgeSources = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["monitoring.amazonaws.com"] = "aws.cloudwatch",
    };

    /// <summary>
    /// Data events (reference §1.5): operation → resource type. Everything else is a management event. SNS
    /// Publish and SQS message operations are data events since 2023 [guess: their selectors' type names];
    /// CloudWatch Logs event reads and writes likewise [guess], so a function's log lines do not flood the history.
    /// </summary>
    private static readonly IReadOnlyDictionary<(string Service, string Operation), string> DataEventTypes = Build(
        ("s3", "AWS::S3::Object", ["AbortMultipartUpload", "CompleteMultipartUpload", "CopyObject", "CreateMultipartUpload", "DeleteObject", "DeleteObjects", "GetObject", "GetObjectAcl", "GetObjectAttributes", "GetObjectTagging", "HeadObject", "ListParts", "PostObject", "PutObject", "PutObjectAcl", "PutObjectTagging", "RestoreObject", "UploadPart", "UploadPartCopy", "DeleteObjectTagging", "GetObjectRetention", "PutObjectRetention", "GetObjectLegalHold", "PutObjectLegalHold", "SelectObjectContent"]),
        ("dynamodb", "AWS::DynamoDB::Table", ["BatchExecuteStatement", "BatchGetItem", "BatchWriteItem", "DeleteItem", "ExecuteStatement", "ExecuteTransaction", "GetItem", "PutItem", "Query", "Scan", "TransactGetItems", "TransactWriteItems", "UpdateItem"]),
        ("streams.dynamodb", "AWS::DynamoDB::Stream", ["GetRecords", "GetShardIterator"]),
        ("lambda", "AWS::Lambda::Function", ["Invoke", "InvokeAsync", "InvokeWithResponseStream"]),
        ("sns", "AWS::SNS::Topic", ["Publish", "PublishBatch"]),
        ("sqs", "AWS::SQS::Queue", ["SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch"]),
        ("logs", "AWS::Logs::LogGroup", ["PutLogEvents", "GetLogEvents", "FilterLogEvents"]));

    /// <summary>
    /// Per-service renames of requestParameters keys after the camel-casing (S3 records name the bucket
    /// <c>bucketName</c>: <c>{"bucketName": …, "Host": …, "key": …}</c>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> RequestParameterRenames =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["s3"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["bucket"] = "bucketName" },
        };

    /// <summary>Services whose requestParameters carry the request's <c>Host</c> header (S3).</summary>
    public static readonly IReadOnlySet<string> RequestParametersWithHost = new HashSet<string>(StringComparer.Ordinal) { "s3" };

    /// <summary>Operations whose records carry a <c>resources</c> list although they are management events (AssumeRole's role).</summary>
    public static readonly IReadOnlySet<(string Service, string Operation)> ManagementEventsWithResources = new HashSet<(string, string)>
    {
        ("sts", "AssumeRole"),
    };

    /// <summary>Read-only calls whose records still carry their response: STS's credential issuers (documented examples).</summary>
    public static readonly IReadOnlySet<(string Service, string Operation)> ReadsWithResponseElements = new HashSet<(string, string)>
    {
        ("sts", "AssumeRole"), ("sts", "AssumeRoleWithSAML"), ("sts", "AssumeRoleWithWebIdentity"), ("sts", "GetSessionToken"), ("sts", "GetFederationToken"),
    };

    /// <summary>Read operations that do not start with Get, List or Describe.</summary>
    private static readonly IReadOnlySet<string> OtherReadOnlyPrefixes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Lookup", "Head", "Simulate", "Search", "Query", "Scan", "BatchGet", "Test", "Check", "Receive", "Select", "Filter", "Decode", "Verify", "Assume",
    };

    /// <summary>Read-only events EventBridge delivers without the opt-in (reference §2).</summary>
    private static readonly IReadOnlySet<string> ReadOnlyDeliveredByDefault = new HashSet<string>(StringComparer.Ordinal)
    {
        "GetSessionToken", "GetFederationToken",
    };

    /// <summary>The data-event resource type of the operation, or null for a management event.</summary>
    public static string? DataEventType(string serviceId, string operation) =>
        DataEventTypes.TryGetValue((serviceId, operation), out var type) ? type : null;

    /// <summary>CloudTrail's <c>readOnly</c>: true for reads. AWS decides per API; names tell it for every operation emulated.</summary>
    public static bool IsReadOnly(string operation)
    {
        if (operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) || operation.StartsWith("Describe", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var prefix in OtherReadOnlyPrefixes)
        {
            if (operation.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A management event EventBridge gives only to rules in state <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c>:
    /// AWS decides by name (Get, List, Describe), not by the readOnly flag, with two STS exceptions.
    /// </summary>
    public static bool NeedsReadOnlyOptIn(string operation) =>
        (operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) || operation.StartsWith("Describe", StringComparison.Ordinal))
        && !ReadOnlyDeliveredByDefault.Contains(operation);

    /// <summary>The event's <c>source</c> on EventBridge: <c>aws.cloudtrail</c> for <c>cloudtrail.amazonaws.com</c>.</summary>
    public static string EventBridgeSource(string eventSource) =>
        EventBridgeSources.TryGetValue(eventSource, out var source) ? source : "aws." + eventSource[..eventSource.IndexOf('.', StringComparison.Ordinal)];

    private static Dictionary<(string, string), string> Build(params (string Service, string Type, string[] Operations)[] groups)
    {
        var table = new Dictionary<(string, string), string>();
        foreach (var (service, type, operations) in groups)
        {
            foreach (var operation in operations)
            {
                table[(service, operation)] = type;
            }
        }

        return table;
    }
}
