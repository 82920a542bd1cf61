using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// CloudTrail's errors, with the codes of the API reference (json 1.1: every client error is HTTP 400). Messages
/// follow AWS's wording where the reference gives it (TrailNotFound, §1.4); the others are marked [guess].
/// </summary>
internal static class CloudTrailErrors
{
    private static AwsServiceException Error(string code, string message) => new(code, message, 400);

    public static AwsServiceException TrailNotFound(string name, string account) =>
        Error("TrailNotFoundException", $"Unknown trail: {name} for the user: {account}");

    // [guess] wording as AWS answers it, not in the reference.
    public static AwsServiceException TrailAlreadyExists(string name, string account) =>
        Error("TrailAlreadyExistsException", $"Trail {name} already exists for customer: {account}");

    // [guess] wording.
    public static AwsServiceException MaximumTrails(string account, string region, int limit) =>
        Error("MaximumNumberOfTrailsExceededException", $"User: {account} already has {limit} trails in {region}.");

    public static AwsServiceException InvalidTrailName(string message) => Error("InvalidTrailNameException", message);

    // [guess] wording.
    public static AwsServiceException InvalidHomeRegion(string homeRegion, string region) =>
        Error("InvalidHomeRegionException", $"This operation must be called from the trail's home region {homeRegion}; it was called from {region}.");

    // [guess] wording.
    public static AwsServiceException ArnInvalid(string arn) =>
        Error("CloudTrailARNInvalidException", $"Invalid ARN: {arn}. The ARN must have the format arn:aws:cloudtrail:<region>:<account>:trail/<name>.");

    public static AwsServiceException ResourceNotFound(string arn) =>
        Error("ResourceNotFoundException", $"Resource {arn} not found.");

    public static AwsServiceException InvalidParameterCombination(string message) => Error("InvalidParameterCombinationException", message);

    public static AwsServiceException InvalidParameter(string message) => Error("InvalidParameterException", message);

    public static AwsServiceException InvalidEventSelectors(string message) => Error("InvalidEventSelectorsException", message);

    public static AwsServiceException InvalidS3Prefix(string message) => Error("InvalidS3PrefixException", message);

    public static AwsServiceException InvalidS3BucketName(string message) => Error("InvalidS3BucketNameException", message);

    public static AwsServiceException S3BucketDoesNotExist(string bucket) =>
        Error("S3BucketDoesNotExistException", $"S3 bucket {bucket} does not exist.");

    public static AwsServiceException InsufficientS3BucketPolicy(string bucket) =>
        Error("InsufficientS3BucketPolicyException", $"Incorrect S3 bucket policy is detected for bucket: {bucket}");

    public static AwsServiceException InvalidCloudWatchLogsLogGroupArn(string message) => Error("InvalidCloudWatchLogsLogGroupArnException", message);

    public static AwsServiceException InvalidCloudWatchLogsRoleArn(string message) => Error("InvalidCloudWatchLogsRoleArnException", message);

    public static AwsServiceException InvalidKmsKeyId(string message) => Error("InvalidKmsKeyIdException", message);

    // [guess] AWS answers an account outside any organization so.
    public static AwsServiceException OrganizationsNotInUse() =>
        Error("OrganizationsNotInUseException", "This account is not part of an organization.");

    public static AwsServiceException InvalidTag(string message) => Error("InvalidTagParameterException", message);

    public static AwsServiceException TagsLimitExceeded(int limit) =>
        Error("TagsLimitExceededException", $"The number of tags on the resource would exceed the limit of {limit}.");

    public static AwsServiceException InvalidLookupAttributes(string message) => Error("InvalidLookupAttributesException", message);

    public static AwsServiceException InvalidTimeRange() =>
        Error("InvalidTimeRangeException", "Start time must be before end time.");

    public static AwsServiceException InvalidMaxResults() =>
        Error("InvalidMaxResultsException", "Value for parameter MaxResults is invalid. It must be between 1 and 50.");

    public static AwsServiceException InvalidNextToken() =>
        Error("InvalidNextTokenException", "Invalid NextToken. The token must come from a previous call with the same parameters.");

    public static AwsServiceException InvalidEventCategory(string value) =>
        Error("InvalidEventCategoryException", $"Value {value} for parameter EventCategory is invalid. Valid value: insight.");

    /// <summary>A constraint of the API model broken, in AWS's validation wording.</summary>
    public static AwsServiceException Validation(string value, string member, string constraint) =>
        new("ValidationException", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}", 400);
}
