using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// IAM's errors with the codes and HTTP statuses of the IAM API reference. Messages follow the wording AWS
/// answers where it is known; the reference marks several as unverified (§4.4).
/// </summary>
internal static class IamErrors
{
    public static AwsServiceException NoSuchEntity(string message) => new("NoSuchEntity", message, 404);

    public static AwsServiceException EntityAlreadyExists(string message) => new("EntityAlreadyExists", message, 409);

    public static AwsServiceException LimitExceeded(string message) => new("LimitExceeded", message, 409);

    public static AwsServiceException DeleteConflict(string message) => new("DeleteConflict", message, 409);

    public static AwsServiceException MalformedPolicyDocument(string message) => new("MalformedPolicyDocument", message, 400);

    public static AwsServiceException InvalidInput(string message) => new("InvalidInput", message, 400);

    /// <summary>A constraint of the API model broken, in AWS's validation wording; <paramref name="member"/> is camelCase.</summary>
    public static AwsServiceException Validation(string value, string member, string constraint) =>
        new("ValidationError", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}", 400);

    public static AwsServiceException NoSuchUser(string name) => NoSuchEntity($"The user with name {name} cannot be found.");

    public static AwsServiceException NoSuchGroup(string name) => NoSuchEntity($"The group with name {name} cannot be found.");

    public static AwsServiceException NoSuchRole(string name) => NoSuchEntity($"The role with name {name} cannot be found.");

    public static AwsServiceException NoSuchPolicy(string arn) => NoSuchEntity($"Policy {arn} was not found.");

    public static AwsServiceException NotAttachable(string arn) => NoSuchEntity($"Policy {arn} does not exist or is not attachable.");
}
