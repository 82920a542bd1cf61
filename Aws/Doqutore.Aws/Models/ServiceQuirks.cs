namespace Doqutore.Aws.Models;

/// <summary>
/// The one table of service quirks: everything a codec, router or client must know about a particular
/// service that its model does not say. Codecs read this table; they never test a service name.
/// </summary>
public static class ServiceQuirks
{
    /// <summary>How to build the model of a service over a second protocol.</summary>
    public sealed record ProtocolVariant(string Description, Func<ServiceModel, Func<string, string>, ServiceModel> Build);

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
                (_, load) => ServiceModel.Load("sqs", load("models/query-era/sqs-2012-11-05.min.json"))),

            // CloudWatch's shapes are the same in both protocols; json needs only its own metadata.
            [("monitoring", Protocol.Json)] = new(
                "CloudWatch over awsJson1.0 (target prefix GraniteServiceVersion20100801)",
                (query, _) => query.WithMetadata(query.Metadata with
                {
                    Protocol = Protocol.Json,
                    JsonVersion = "1.0",
                    TargetPrefix = "GraniteServiceVersion20100801",
                    AwsQueryCompatible = true,
                })),
        };

    /// <summary>
    /// Services reached through another's credential scope: DynamoDB Streams signs as <c>dynamodb</c> and is
    /// told apart by its target prefix.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SharedSigningNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["streams.dynamodb"] = "dynamodb",
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
    /// Query services whose errors are answered with HTTP 400 by default but 403 for these codes (AWS sends
    /// authentication and authorization failures as 403).
    /// </summary>
    public static readonly IReadOnlySet<string> ForbiddenErrorCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AccessDenied",
        "AccessDeniedException",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "MissingAuthenticationToken",
        "ExpiredToken",
        "InvalidAccessKeyId",
    };

    /// <summary>
    /// S3 answers virtual-hosted requests: <c>&lt;bucket&gt;.s3.&lt;anything&gt;</c> or <c>&lt;bucket&gt;.localhost</c>; the bucket is
    /// moved into the path before routing.
    /// </summary>
    public static readonly IReadOnlyList<string> S3VirtualHostSuffixes = [".s3.localhost.localstack.cloud", ".s3.localhost", ".s3.amazonaws.com", ".localhost"];

    /// <summary>S3 errors and responses always carry these headers; the request id pair differs per service.</summary>
    public static bool UsesS3RequestIdHeaders(ServiceModel model) => model.Metadata.Protocol == Protocol.RestXml;
}
