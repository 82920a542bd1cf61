using System.Threading.Channels;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>One event on its way to one target of one rule; <see cref="Attempts"/> grows as the worker retries.</summary>
public sealed class DeliveryJob
{
    public required string EventJson { get; init; }

    public required string RuleArn { get; init; }

    public required string RuleName { get; init; }

    public required string Account { get; init; }

    public required EventTarget Target { get; init; }

    /// <summary>When EventBridge received the event: the retry policy's event age counts from here.</summary>
    public required DateTimeOffset IngestionTime { get; init; }

    public required DeliveryRecord Record { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }
}

/// <summary>The channel between the router (writer) and the delivery worker (reader); unbounded, so putting never waits.</summary>
public sealed class DeliveryQueue
{
    private readonly Channel<DeliveryJob> _channel = Channel.CreateUnbounded<DeliveryJob>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<DeliveryJob> Reader => _channel.Reader;

    public void Enqueue(DeliveryJob job)
    {
        // An unbounded channel refuses only once completed, which happens at shutdown.
        _channel.Writer.TryWrite(job);
    }

    public void Complete() => _channel.Writer.TryComplete();
}
