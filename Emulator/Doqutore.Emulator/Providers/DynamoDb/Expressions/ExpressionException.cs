namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>
/// A validation failure of an expression or of its placeholders, carrying AWS's full message (already prefixed with
/// "Invalid ConditionExpression: " and the like where AWS prefixes it). The provider answers it as a
/// <c>ValidationException</c>.
/// </summary>
internal sealed class ExpressionException(string message) : Exception(message);
