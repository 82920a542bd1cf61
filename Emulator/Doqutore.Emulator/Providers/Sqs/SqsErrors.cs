using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// SQS's errors. The json protocol names them by the modeled exception (<c>QueueDoesNotExist</c>) and carries the
/// query-era code (<c>AWS.SimpleQueueService.NonExistentQueue</c>) in <c>x-amzn-query-error</c>; the query protocol
/// answers the query-era code. Messages are AWS's wording where known; the ones marked [guess] are plausible.
/// </summary>
internal static class SqsErrors
{
    private const string Prefix = "AWS.SimpleQueueService.";

    public static AwsServiceException QueueDoesNotExist() =>
        new("QueueDoesNotExist", "The specified queue does not exist.") { QueryErrorCode = Prefix + "NonExistentQueue" };

    // [guess] the attribute named is the first that differs.
    public static AwsServiceException QueueNameExists(string attribute) =>
        new("QueueNameExists", $"A queue already exists with the same name and a different value for attribute {attribute}") { QueryErrorCode = "QueueAlreadyExists" };

    public static AwsServiceException QueueDeletedRecently() =>
        new("QueueDeletedRecently", "You must wait 60 seconds after deleting a queue before you can create another with the same name.")
        {
            QueryErrorCode = Prefix + "QueueDeletedRecently",
        };

    public static AwsServiceException InvalidAttributeName(string name) => new("InvalidAttributeName", $"Unknown Attribute {name}.");

    public static AwsServiceException InvalidAttributeValue(string name, string? reason = null) =>
        new("InvalidAttributeValue", reason is null ? $"Invalid value for the parameter {name}." : $"Invalid value for the parameter {name}. Reason: {reason}");

    public static AwsServiceException InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    /// <summary>AWS's "Value X for parameter P is invalid. Reason: R" form.</summary>
    public static AwsServiceException InvalidParameterValue(string value, string parameter, string reason) =>
        new("InvalidParameterValue", $"Value {value} for parameter {parameter} is invalid. Reason: {reason}");

    public static AwsServiceException MissingParameter(string parameter) =>
        new("MissingParameter", $"The request must contain the parameter {parameter}.");

    public static AwsServiceException InvalidAddress(string url) => new("InvalidAddress", $"The address {url} is not valid for this endpoint.");

    public static AwsServiceException ReceiptHandleIsInvalid(string handle) =>
        new("ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    public static AwsServiceException MessageNotInflight() =>
        new("MessageNotInflight", "Message does not exist or is not available for visibility timeout change.") { QueryErrorCode = Prefix + "MessageNotInflight" };

    public static AwsServiceException InvalidMessageContents(string message) => new("InvalidMessageContents", message);

    public static AwsServiceException PurgeQueueInProgress(string queueName) =>
        new("PurgeQueueInProgress", $"Only one PurgeQueue operation on {queueName} is allowed every 60 seconds.") { QueryErrorCode = Prefix + "PurgeQueueInProgress" };

    public static AwsServiceException EmptyBatchRequest(string entryShape) =>
        new("EmptyBatchRequest", $"There should be at least one {entryShape} in the request.") { QueryErrorCode = Prefix + "EmptyBatchRequest" };

    public static AwsServiceException TooManyEntriesInBatchRequest(int sent) =>
        new("TooManyEntriesInBatchRequest", $"Maximum number of entries per request are 10. You have sent {sent}.") { QueryErrorCode = Prefix + "TooManyEntriesInBatchRequest" };

    public static AwsServiceException BatchEntryIdsNotDistinct(string id) =>
        new("BatchEntryIdsNotDistinct", $"Id {id} repeated.") { QueryErrorCode = Prefix + "BatchEntryIdsNotDistinct" };

    public static AwsServiceException InvalidBatchEntryId() =>
        new("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
        {
            QueryErrorCode = Prefix + "InvalidBatchEntryId",
        };

    public static AwsServiceException BatchRequestTooLong(int maximum, long sent) =>
        new("BatchRequestTooLong", $"Batch requests cannot be longer than {maximum} bytes. You have sent {sent} bytes.") { QueryErrorCode = Prefix + "BatchRequestTooLong" };

    public static AwsServiceException OverLimit(string message) => new("OverLimit", message, 403);
}
