namespace Doqutore.Aws.Events;

/// <summary>
/// An event pattern that EventBridge would refuse. <see cref="Exception.Message"/> is the text AWS returns with
/// the <c>InvalidEventPatternException</c> error code, e.g. <c>Event pattern is not valid. Reason: ...</c>.
/// </summary>
public sealed class InvalidEventPatternException(string message) : Exception(message);
