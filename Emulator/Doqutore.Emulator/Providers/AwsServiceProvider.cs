namespace Doqutore.Emulator.Providers;

/// <summary>
/// Base of every emulated service. A provider serves one service model (<see cref="ServiceId"/>, the model
/// id such as <c>sts</c>); its public methods named as the model's operations are the operations, taking
/// <c>(RequestContext, JsonObject)</c> and returning <c>JsonObject</c> (or the <c>OperationData</c> forms
/// for streaming operations, or a <c>Task</c> of either). See <see cref="OperationTable"/>.
/// </summary>
public abstract class AwsServiceProvider
{
    /// <summary>The model id this provider serves (<c>sts</c>, <c>sqs</c>, <c>streams.dynamodb</c>).</summary>
    public abstract string ServiceId { get; }
}
