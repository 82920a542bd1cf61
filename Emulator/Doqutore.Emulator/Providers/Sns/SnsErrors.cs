using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// SNS's errors with the codes of the SNS API reference (query error codes: <c>NotFound</c>,
/// <c>InvalidParameter</c>, …). Messages are AWS's where known; the ones marked [guess] in callers are not.
/// </summary>
internal static class SnsErrors
{
    public static AwsServiceException InvalidParameter(string message) => new("InvalidParameter", message, 400);

    public static AwsServiceException ParameterValueInvalid(string message) => new("ParameterValueInvalid", message, 400);

    public static AwsServiceException NotFound(string message) => new("NotFound", message, 404);

    public static AwsServiceException TopicNotFound() => NotFound("Topic does not exist");

    public static AwsServiceException SubscriptionNotFound() => NotFound("Subscription does not exist");

    public static AwsServiceException ResourceNotFound() => new("ResourceNotFound", "Resource does not exist", 404);

    public static AwsServiceException TagPolicy(string message) => new("TagPolicy", message, 400);

    public static AwsServiceException TagLimitExceeded() => new("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded", 400);

    public static AwsServiceException EmptyBatchRequest() => new("EmptyBatchRequest", "The batch request doesn't contain any entries", 400);

    public static AwsServiceException TooManyEntriesInBatchRequest() => new("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.", 400);

    public static AwsServiceException BatchEntryIdsNotDistinct() => new("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.", 400);

    public static AwsServiceException InvalidBatchEntryId() => new("InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't abide by the specification.", 400);

    public static AwsServiceException BatchRequestTooLong() => new("BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400);

    public static AwsServiceException InvalidToken() => InvalidParameter("Invalid token");
}
