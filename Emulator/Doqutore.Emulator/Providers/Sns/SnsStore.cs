using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>SNS state of one account and region: topics and subscriptions by ARN, under one lock.</summary>
internal sealed class SnsState
{
    private long _sequence;

    public Lock Gate { get; } = new();

    public Dictionary<string, SnsTopic> Topics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SnsSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    public long NextSequence() => ++_sequence;

    /// <summary>The subscriptions of a topic in creation order. Call under <see cref="Gate"/>.</summary>
    public IEnumerable<SnsSubscription> SubscriptionsOf(string topicArn) =>
        Subscriptions.Values.Where(s => s.TopicArn == topicArn).OrderBy(s => s.Sequence);
}

/// <summary>SNS's store: one <see cref="SnsState"/> per account and region.</summary>
internal sealed class SnsStore : IResettable
{
    private readonly AccountRegionStore<SnsState> _states = new();

    public SnsState Get(string accountId, string region) => _states.Get(accountId, region);

    public SnsState Get(RequestContext context) => _states.Get(context);

    /// <summary>The state holding a topic ARN's topic (its own account and region), or null for a malformed ARN.</summary>
    public SnsState? ForTopicArn(string? topicArn) =>
        SnsArns.ParseTopic(topicArn) is { } parsed ? _states.Get(parsed.Account, parsed.Region) : null;

    public void Reset() => _states.Reset();
}
