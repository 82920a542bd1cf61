using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Delivery;

/// <summary>
/// How AWS services put their own events on an account's default event bus (CloudTrail's
/// "AWS API Call via CloudTrail" events now; more services later). Implemented by EventBridge.
/// </summary>
public interface IServiceEventBus
{
    /// <summary>Matches <paramref name="serviceEvent"/> against the default bus's rules and delivers it to their targets.</summary>
    void Put(ServiceEvent serviceEvent);
}

/// <summary>An event an AWS service emits, before EventBridge gives it an id and envelope.</summary>
/// <param name="AccountId">The account whose default bus receives it.</param>
/// <param name="Region">The region of that bus.</param>
/// <param name="Source">The <c>source</c>, e.g. <c>aws.cloudtrail</c>.</param>
/// <param name="DetailType">The <c>detail-type</c>, e.g. <c>AWS API Call via CloudTrail</c>.</param>
/// <param name="Detail">The <c>detail</c> (for CloudTrail, the record).</param>
/// <param name="Time">The event's <c>time</c>.</param>
public sealed record ServiceEvent(string AccountId, string Region, string Source, string DetailType, JsonObject Detail, DateTimeOffset Time)
{
    /// <summary>The event's <c>resources</c> ARNs (empty for CloudTrail API call events).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// A read-only management event delivered via CloudTrail: only rules in state
    /// <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c> receive it.
    /// </summary>
    public bool IsReadOnlyManagementEvent { get; init; }
}
