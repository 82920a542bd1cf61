using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>CloudWatch Logs' errors with the codes of the API reference; [guess] marks wording not confirmed against AWS.</summary>
internal static class LogsErrors
{
    public static AwsServiceException InvalidParameter(string message) => new("InvalidParameterException", message, 400);

    /// <summary>A model constraint broken, in AWS's validation wording (CloudWatch Logs answers it as InvalidParameterException).</summary>
    public static AwsServiceException Constraint(string value, string member, string constraint) =>
        InvalidParameter($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsServiceException Missing(string member) =>
        InvalidParameter($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    public static AwsServiceException GroupNotFound() => new("ResourceNotFoundException", "The specified log group does not exist.", 400);

    public static AwsServiceException StreamNotFound() => new("ResourceNotFoundException", "The specified log stream does not exist.", 400);

    public static AwsServiceException GroupExists() => new("ResourceAlreadyExistsException", "The specified log group already exists", 400);

    public static AwsServiceException StreamExists() => new("ResourceAlreadyExistsException", "The specified log stream already exists", 400);

    public static AwsServiceException LimitExceeded(string message) => new("LimitExceededException", message, 400);

    // [guess] AWS's wording for a token it did not issue.
    public static AwsServiceException BadToken() => InvalidParameter("The specified nextToken is invalid.");
}
