namespace Doqutore.Emulator.Providers.Sns;

/// <summary>A topic. Attributes hold what <c>SetTopicAttributes</c> may change; counts are computed when read.</summary>
internal sealed class SnsTopic(string arn, string name, string owner, long sequence)
{
    public string Arn { get; } = arn;

    public string Name { get; } = name;

    public string Owner { get; } = owner;

    /// <summary>Creation order, for stable listing.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Settable attributes by name (Policy, DisplayName, DeliveryPolicy, …).</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags in the order they were added.</summary>
    public List<KeyValuePair<string, string>> Tags { get; } = [];

    /// <summary>Subscriptions removed from this topic (GetTopicAttributes' SubscriptionsDeleted).</summary>
    public int SubscriptionsDeleted { get; set; }

    public string DisplayName => Attributes.GetValueOrDefault("DisplayName") ?? string.Empty;

    public string Policy => Attributes["Policy"];

    /// <summary>"2" selects SHA256withRSA signatures; "1" (the default) SHA1withRSA.</summary>
    public string SignatureVersion => Attributes.GetValueOrDefault("SignatureVersion") ?? "1";
}

/// <summary>A subscription of an endpoint to a topic.</summary>
internal sealed class SnsSubscription(string arn, string topicArn, string protocol, string endpoint, string owner, long sequence)
{
    public string Arn { get; } = arn;

    public string TopicArn { get; } = topicArn;

    public string Protocol { get; } = protocol;

    public string Endpoint { get; } = endpoint;

    public string Owner { get; } = owner;

    public long Sequence { get; } = sequence;

    /// <summary>Settable attributes by name (RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, …).</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public bool PendingConfirmation { get; set; }

    public bool ConfirmationWasAuthenticated { get; set; }

    /// <summary>The confirmation token sent to the endpoint while pending.</summary>
    public string? Token { get; set; }

    /// <summary>The parsed <c>FilterPolicy</c>, or null when none is set.</summary>
    public SnsFilterPolicy? Filter { get; set; }

    public bool RawMessageDelivery => string.Equals(Attributes.GetValueOrDefault("RawMessageDelivery"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dead-letter queue ARN of the <c>RedrivePolicy</c>, or null.</summary>
    public string? DeadLetterQueueArn { get; set; }

    /// <summary>What ListSubscriptions shows as the ARN: "PendingConfirmation" until confirmed.</summary>
    public string ListedArn => PendingConfirmation ? "PendingConfirmation" : Arn;
}
