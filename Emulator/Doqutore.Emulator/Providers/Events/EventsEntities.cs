using System.Text.Json.Nodes;
using Doqutore.Aws.Events;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>An event bus of one account and region; <c>default</c> always exists.</summary>
public sealed class EventBus(string name, string arn)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    /// <summary>The bus's rules by name (ordinal order, as ListRules answers).</summary>
    public SortedDictionary<string, EventRule> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The patterns of the bus's enabled rules, by rule name: the router matches each event against all of
    /// them at once. Kept in step with <see cref="Rules"/> by <see cref="Refresh"/>; safe to match without a lock.
    /// </summary>
    public EventPatternSet Patterns { get; } = new();

    /// <summary>Brings <see cref="Patterns"/> in line with the rule <paramref name="name"/> after it changed or went.</summary>
    public void Refresh(string name)
    {
        if (Rules.TryGetValue(name, out var rule) && rule.Matcher is not null && RuleStates.IsEnabled(rule.State))
        {
            Patterns.Add(name, rule.Matcher);
        }
        else
        {
            Patterns.Remove(name);
        }
    }
}

/// <summary>A rule as PutRule stored it; PutRule replaces it whole, keeping its targets.</summary>
public sealed class EventRule
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string EventBusName { get; init; }

    public string? EventPattern { get; set; }

    /// <summary>The parsed <see cref="EventPattern"/>; null for schedule-only rules.</summary>
    public EventPattern? Matcher { get; set; }

    public string? ScheduleExpression { get; set; }

    public string State { get; set; } = RuleStates.Enabled;

    public string? Description { get; set; }

    public string? RoleArn { get; set; }

    public string? ManagedBy { get; set; }

    /// <summary>The account that created the rule (DescribeRule's <c>CreatedBy</c>).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Targets by id, in the order they were first put.</summary>
    public List<EventTarget> Targets { get; } = [];
}

/// <summary>The rule states of the API.</summary>
public static class RuleStates
{
    public const string Enabled = "ENABLED";
    public const string Disabled = "DISABLED";
    public const string EnabledWithManagementEvents = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

    public static readonly string[] All = [Enabled, Disabled, EnabledWithManagementEvents];

    public static bool IsEnabled(string state) => state != Disabled;
}

/// <summary>
/// A rule's target. <see cref="Json"/> keeps the whole entry as PutTargets received it (ListTargetsByRule
/// answers it back, parameters of target types the emulator does not deliver to included); the typed
/// members are what delivery needs.
/// </summary>
public sealed record EventTarget(string Id, string Arn, JsonObject Json)
{
    public string? Input { get; init; }

    public string? InputPath { get; init; }

    public InputTransformer? Transformer { get; init; }

    public int MaximumRetryAttempts { get; init; } = RetryDefaults.MaximumRetryAttempts;

    public int MaximumEventAgeInSeconds { get; init; } = RetryDefaults.MaximumEventAgeInSeconds;

    public string? DeadLetterArn { get; init; }

    public string? MessageGroupId { get; init; }
}

/// <summary>An input transformer: JSONPaths by variable name and the template they fill.</summary>
public sealed record InputTransformer(IReadOnlyDictionary<string, string> PathsMap, string Template);

/// <summary>EventBridge's retry policy defaults: 185 attempts within 24 hours.</summary>
public static class RetryDefaults
{
    public const int MaximumRetryAttempts = 185;
    public const int MaximumEventAgeInSeconds = 86400;
}
