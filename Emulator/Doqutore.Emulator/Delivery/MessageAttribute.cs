namespace Doqutore.Emulator.Delivery;

/// <summary>A typed message attribute as SQS and SNS carry it (<c>String</c>, <c>Number</c>, <c>Binary</c>, with optional custom suffix; SNS adds <c>String.Array</c>).</summary>
/// <param name="DataType">The data type, e.g. <c>String</c> or <c>Number.float</c>.</param>
/// <param name="StringValue">The value for string, number and string-array types.</param>
/// <param name="BinaryValue">The value for binary types.</param>
public sealed record MessageAttribute(string DataType, string? StringValue, byte[]? BinaryValue = null);
