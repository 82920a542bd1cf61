using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// EventBridge's errors with the codes of the API reference. Messages follow AWS's wording where it is known;
/// those marked [guess] are the most plausible text where it is not.
/// </summary>
internal static class EventsErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", message, 400);

    /// <summary>A constraint of the API model broken, in AWS's validation wording; <paramref name="member"/> is camelCase.</summary>
    public static AwsServiceException Constraint(string value, string member, string constraint) =>
        Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static AwsServiceException ResourceNotFound(string message) => new("ResourceNotFoundException", message, 400);

    public static AwsServiceException RuleNotFound(string rule, string bus) => ResourceNotFound($"Rule {rule} does not exist on EventBus {bus}.");

    public static AwsServiceException BusNotFound(string bus) => ResourceNotFound($"Event bus {bus} does not exist.");

    public static AwsServiceException ResourceAlreadyExists(string message) => new("ResourceAlreadyExistsException", message, 400);

    public static AwsServiceException LimitExceeded(string message) => new("LimitExceededException", message, 400);

    public static AwsServiceException InvalidEventPattern(string message) => new("InvalidEventPatternException", message, 400);

    public static AwsServiceException ManagedRule(string message) => new("ManagedRuleException", message, 400);
}
