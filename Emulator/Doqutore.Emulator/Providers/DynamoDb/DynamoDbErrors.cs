using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>DynamoDB's errors, named and worded as AWS answers them (reference §9; [guess] where marked).</summary>
internal static class DynamoDbErrors
{
    public static AwsServiceException Validation(string message) => new("ValidationException", message);

    /// <summary>Item operations on a missing table.</summary>
    public static AwsServiceException ResourceNotFound() => new("ResourceNotFoundException", "Requested resource not found");

    /// <summary>Table operations (DescribeTable, DeleteTable, UpdateTable) on a missing table.</summary>
    public static AwsServiceException TableNotFound(string table) =>
        new("ResourceNotFoundException", $"Requested resource not found: Table: {table} not found");

    public static AwsServiceException TableExists(string table) => new("ResourceInUseException", $"Table already exists: {table}");

    public static AwsServiceException ConditionalCheckFailed() => new("ConditionalCheckFailedException", "The conditional request failed");

    public static AwsServiceException KeyMismatch() => Validation("The provided key element does not match the schema");

    public static AwsServiceException InvalidParameter(string detail) => Validation("One or more parameter values were invalid: " + detail);

    public static AwsServiceException ItemTooLarge() => Validation("Item size has exceeded the maximum allowed size");

    /// <summary>AWS's "1 validation error detected" form for a member failing a modeled constraint.</summary>
    public static AwsServiceException Constraint(string value, string member, string constraint) =>
        Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");
}
