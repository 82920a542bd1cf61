namespace Doqutore.Emulator.Delivery;

/// <summary>
/// A service-to-service delivery that did not happen. <see cref="Code"/> uses EventBridge's dead-letter
/// <c>ERROR_CODE</c> vocabulary (<c>NO_RESOURCE</c>, <c>NO_PERMISSIONS</c>, <c>THROTTLING</c>, <c>TIMEOUT</c>,
/// <c>SDK_CLIENT_ERROR</c>), which SNS and Lambda deliveries reuse; only retryable failures are retried.
/// </summary>
public sealed class DeliveryFailure(string code, string message, bool retryable) : Exception(message)
{
    public string Code { get; } = code;

    public bool Retryable { get; } = retryable;

    public static DeliveryFailure NoResource(string message) => new("NO_RESOURCE", message, retryable: false);

    public static DeliveryFailure NoPermissions(string message) => new("NO_PERMISSIONS", message, retryable: false);
}
