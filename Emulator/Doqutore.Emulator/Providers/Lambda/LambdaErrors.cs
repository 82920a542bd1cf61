using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Lambda's errors as its API reference names them, with AWS's messages where known (callers mark [guess] the rest).
/// </summary>
internal static class LambdaErrors
{
    public static AwsServiceException FunctionNotFound(string arn) => new("ResourceNotFoundException", $"Function not found: {arn}", 404);

    public static AwsServiceException ResourceNotFound(string message) => new("ResourceNotFoundException", message, 404);

    public static AwsServiceException FunctionExists(string name) => new("ResourceConflictException", $"Function already exist: {name}", 409);

    public static AwsServiceException Conflict(string message) => new("ResourceConflictException", message, 409);

    public static AwsServiceException InvalidParameterValue(string message) => new("InvalidParameterValueException", message, 400);

    public static AwsServiceException InvalidRequestContent(string message) => new("InvalidRequestContentException", message, 400);

    /// <summary>A constraint of the model (length, range, pattern, enum) broken, worded as AWS's validation layer words it.</summary>
    public static AwsServiceException Validation(string value, string member, string constraint) =>
        new("ValidationException", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}", 400);

    public static AwsServiceException RequestTooLarge(long limit, string operation) =>
        new("RequestTooLargeException", $"Request must be smaller than {limit} bytes for the {operation} operation", 413);

    public static AwsServiceException TooManyRequests(string reason) =>
        new("TooManyRequestsException", "Rate Exceeded.", 429) { Details = new() { ["Reason"] = reason } };

    public static AwsServiceException CodeStorageExceeded(string message) => new("CodeStorageExceededException", message, 400);

    public static AwsServiceException PreconditionFailed() =>
        new("PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id", 412);

    /// <summary>[guess] AWS's InvalidRuntimeException (502) for a runtime the emulator cannot run (it runs OS-only runtimes).</summary>
    public static AwsServiceException InvalidRuntime(string runtime) =>
        new("InvalidRuntimeException", $"The runtime {runtime} is not supported by this emulator, which runs OS-only runtimes (provided.al2023, provided.al2) with a bootstrap executable.", 502, senderFault: false);
}
