using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// CloudFormation's errors, with the codes and wording AWS answers (ValidationError carries most of them);
/// [guess] marks wording not confirmed against AWS.
/// </summary>
public static class CloudFormationErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationError", message, 400);

    public static AwsServiceException StackNotFound(string nameOrId) => Validation($"Stack with id {nameOrId} does not exist");

    public static AwsServiceException AlreadyExists(string name) => new("AlreadyExistsException", $"Stack [{name}] already exists", 400);

    public static AwsServiceException NoUpdates() => Validation("No updates are to be performed.");

    public static AwsServiceException TemplateFormat(string message) => Validation($"Template format error: {message}");

    public static AwsServiceException InsufficientCapabilities(string capability) =>
        new("InsufficientCapabilitiesException", $"Requires capabilities : [{capability}]", 400);

    public static AwsServiceException ChangeSetNotFound(string name) => new("ChangeSetNotFound", $"ChangeSet [{name}] does not exist", 404);
}

/// <summary>
/// A template or parameter problem found while evaluating: before a stack exists it is answered as ValidationError;
/// while a stack is being deployed it becomes the failing resource's or stack's status reason.
/// </summary>
public sealed class TemplateException(string message) : Exception(message)
{
    public AwsServiceException AsValidationError() => CloudFormationErrors.Validation(Message);
}
