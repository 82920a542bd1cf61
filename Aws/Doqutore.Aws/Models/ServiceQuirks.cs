namespace Doqutore.Aws.Models;

/// <summary>
/// The one table of service quirks: everything a codec, router or client must know about a particular
/// service that its model does not say. Codecs read this table; they never test a service name.
/// </summary>
public static class ServiceQuirks
{
    /// <summary>
    /// How to get the model of a service over a second protocol: from an embedded resource of its own, or by
    /// replacing the primary model's metadata (shapes and operations shared).
    /// </summary>
    /// <param name="Description">Why the variant exists.</param>
    /// <param name="Resource">The embedded model of the variant, or null to derive it from the primary.</param>
    /// <param name="Metadata">For a derived variant: the primary's metadata in, the variant's out.</param>
    public sealed record ProtocolVariant(string Description, string? Resource, Func<ServiceMetadata, ServiceMetadata>? Metadata = null);

    /// <summary>
    /// SQS and CloudWatch answer both query (Debian's AWS CLI v2, boto3, older SDKs) and json (AWSSDK.SQS 4).
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Id, Protocol Protocol), ProtocolVariant> ProtocolVariants =
        new Dictionary<(string, Protocol), ProtocolVariant>
        {
            // The query-era SQS model (aws-sdk 2.1490.0) carries the query names (flattened lists,
            // Attribute/Name/Value entries) that the json model dropped.
            [("sqs", Protocol.Query)] = new(
                "SQS over query, from the last aws-sdk release before SQS moved to json",
                "models/query-era/sqs-2012-11-05.min.json"),

            // CloudWatch's shapes are the same in both protocols; json needs only its own metadata.
            [("monitoring", Protocol.Json)] = new(
                "CloudWatch over awsJson1.0 (target prefix GraniteServiceVersion20100801)",
                Resource: null,
                query => query with
                {
                    Protocol = Protocol.Json,
                    JsonVersion = "1.0",
                    TargetPrefix = "GraniteServiceVersion20100801",
                    AwsQueryCompatible = true,
                }),
        };

    /// <summary>
    /// Query services whose older clients POST to a resource URL instead of <c>/</c> and leave the member naming
    /// that resource out of the form: SQS's query-era SDKs post to the queue URL (<c>/000000000000/name</c>) without
    /// <c>QueueUrl</c>. The query codec fills the member with the request's URL when the operation has it and the
    /// form does not.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> QueryPathMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sqs"] = "QueueUrl",
    };

    /// <summary>
    /// How SigV4 treats a request, per signing name (the service in the credential scope). The default is the
    /// AWS spec's; the S3 family deviates (see <see cref="SigV4Conventions"/>).
    /// </summary>
    public static SigV4Conventions SigV4ConventionsFor(string signingName) =>
        S3StyleSigningNames.Contains(signingName) ? SigV4Conventions.S3 : SigV4Conventions.Default;

    /// <summary>
    /// Signing names that sign like S3: no path normalization, the path encoded once, payload hashes taken
    /// from <c>x-amz-content-sha256</c> and checked against the body, presigned URLs with UNSIGNED-PAYLOAD.
    /// The same set AWSSDK.Core special-cases (<c>AWS4PreSignedUrlSigner.ServicesUsingUnsignedPayload</c>).
    /// </summary>
    public static readonly IReadOnlySet<string> S3StyleSigningNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "s3",
        "s3express",
        "s3-object-lambda",
        "s3-outposts",
    };

    /// <summary>
    /// Services that take unsigned requests and let their resource policies decide (S3 public buckets); for
    /// other services only operations with <c>authtype: none</c> may be unsigned.
    /// </summary>
    public static readonly IReadOnlySet<string> AnonymousCallersAllowed = new HashSet<string>(StringComparer.Ordinal) { "s3" };

    /// <summary>
    /// Operations AWS answers unsigned although their model carries no <c>authtype: none</c>; the model reader
    /// gives them that auth type, so the gateway neither asks for a signature nor authorizes them. SNS's
    /// ConfirmSubscription is the SubscribeURL of every confirmation message, a plain GET whose token is the
    /// credential.
    /// </summary>
    public static readonly IReadOnlySet<(string Id, string Operation)> UnsignedOperations = new HashSet<(string, string)>
    {
        ("sns", "ConfirmSubscription"),
    };

    /// <summary>
    /// S3 answers virtual-hosted requests: <c>&lt;bucket&gt;.s3.&lt;anything&gt;</c> or <c>&lt;bucket&gt;.localhost</c>; the bucket is
    /// moved into the path before routing.
    /// </summary>
    public static readonly IReadOnlyList<string> S3VirtualHostSuffixes = [".s3.localhost.localstack.cloud", ".s3.localhost", ".s3.amazonaws.com", ".localhost"];

    /// <summary>
    /// Query literals of REST URI templates that the SDKs send but the services do not require: botocore's
    /// S3 model has <c>?x-id=GetObject</c> where the AWS CLI and other SDKs send nothing. Routing accepts a
    /// request without them and uses them, when sent, to pick the operation they name.
    /// </summary>
    public static readonly IReadOnlySet<string> OptionalQueryLiterals = new HashSet<string>(StringComparer.Ordinal) { "x-id" };

    /// <summary>
    /// The xmlns of rest-xml documents for services whose model declares none (S3 writes it on every
    /// response document and on the structures its requests carry).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RestXmlNamespaces = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["s3"] = "http://s3.amazonaws.com/doc/2006-03-01/",
    };

    /// <summary>
    /// The root element of rest-xml response documents that have no payload member: the models do not carry
    /// these names (botocore ignores the root when reading). Operations missing here use <c>&lt;Op&gt;Result</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Id, string Operation), string> RestXmlOutputRoots =
        new Dictionary<(string, string), string>
        {
            [("s3", "CompleteMultipartUpload")] = "CompleteMultipartUploadResult",
            [("s3", "CreateMultipartUpload")] = "InitiateMultipartUploadResult",
            [("s3", "CreateSession")] = "CreateSessionResult",
            [("s3", "DeleteObjects")] = "DeleteResult",
            [("s3", "GetBucketAccelerateConfiguration")] = "AccelerateConfiguration",
            [("s3", "GetBucketAcl")] = "AccessControlPolicy",
            [("s3", "GetBucketCors")] = "CORSConfiguration",
            [("s3", "GetBucketLifecycle")] = "LifecycleConfiguration",
            [("s3", "GetBucketLifecycleConfiguration")] = "LifecycleConfiguration",
            [("s3", "GetBucketLocation")] = "LocationConstraint",
            [("s3", "GetBucketLogging")] = "BucketLoggingStatus",
            [("s3", "GetBucketNotification")] = "NotificationConfiguration",
            [("s3", "GetBucketNotificationConfiguration")] = "NotificationConfiguration",
            [("s3", "GetBucketRequestPayment")] = "RequestPaymentConfiguration",
            [("s3", "GetBucketTagging")] = "Tagging",
            [("s3", "GetBucketVersioning")] = "VersioningConfiguration",
            [("s3", "GetBucketWebsite")] = "WebsiteConfiguration",
            [("s3", "GetObjectAcl")] = "AccessControlPolicy",
            [("s3", "GetObjectAttributes")] = "GetObjectAttributesResponse",
            [("s3", "GetObjectTagging")] = "Tagging",
            [("s3", "ListBucketAnalyticsConfigurations")] = "ListBucketAnalyticsConfigurationResult",
            [("s3", "ListBucketIntelligentTieringConfigurations")] = "ListBucketIntelligentTieringConfigurationsOutput",
            [("s3", "ListBucketInventoryConfigurations")] = "ListInventoryConfigurationsResult",
            [("s3", "ListBucketMetricsConfigurations")] = "ListMetricsConfigurationsResult",
            [("s3", "ListBuckets")] = "ListAllMyBucketsResult",
            [("s3", "ListDirectoryBuckets")] = "ListAllMyDirectoryBucketsResult",
            [("s3", "ListMultipartUploads")] = "ListMultipartUploadsResult",
            [("s3", "ListObjectVersions")] = "ListVersionsResult",
            [("s3", "ListObjects")] = "ListBucketResult",
            [("s3", "ListObjectsV2")] = "ListBucketResult",
            [("s3", "ListParts")] = "ListPartsResult",
        };

    /// <summary>
    /// rest-xml responses whose root element IS their one body member, text inside:
    /// <c>&lt;LocationConstraint xmlns="…"&gt;eu-west-1&lt;/LocationConstraint&gt;</c> (botocore reads it in a handler).
    /// </summary>
    public static readonly IReadOnlySet<(string Id, string Operation)> RestXmlRootIsMember = new HashSet<(string, string)>
    {
        ("s3", "GetBucketLocation"),
    };
}
