using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>
/// CloudWatch's errors. The json protocol (awsQueryCompatible) names them by the modeled exception
/// (<c>InvalidParameterValueException</c>) and carries the query code (<c>InvalidParameterValue</c>) in
/// <c>x-amzn-query-error</c>; the query protocol answers the query code. [guess] marks unconfirmed wording.
/// </summary>
internal static class CloudWatchErrors
{
    public static AwsServiceException InvalidParameterValue(string message) =>
        new("InvalidParameterValueException", message, 400) { QueryErrorCode = "InvalidParameterValue" };

    public static AwsServiceException InvalidParameterCombination(string message) =>
        new("InvalidParameterCombinationException", message, 400) { QueryErrorCode = "InvalidParameterCombination" };

    public static AwsServiceException MissingParameter(string parameter) =>
        new("MissingRequiredParameterException", $"The parameter {parameter} is required.", 400) { QueryErrorCode = "MissingParameter" };

    public static AwsServiceException InvalidNextToken() =>
        new("InvalidNextToken", "The service couldn't process your request because the NextToken is invalid.", 400) { QueryErrorCode = "InvalidNextToken" };

    /// <summary>AWS's "The value X for parameter P is invalid." form. [guess] wording.</summary>
    public static AwsServiceException InvalidValue(string value, string parameter) =>
        InvalidParameterValue($"The value {value} for parameter {parameter} is invalid.");
}
