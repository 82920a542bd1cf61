using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Aws.Events;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Rules: PutRule (which replaces the whole rule but keeps its targets), DescribeRule, ListRules, DeleteRule
/// (refused while targets remain), EnableRule, DisableRule.
/// </summary>
public sealed partial class EventsProvider
{
    public JsonObject PutRule(RequestContext context, JsonObject input)
    {
        var name = EventsInput.RuleName(input, "Name");
        var busName = EventsInput.BusName(input);
        var pattern = EventsInput.Optional(input, "EventPattern");
        var schedule = EventsInput.Optional(input, "ScheduleExpression");
        var state = EventsInput.Optional(input, "State") ?? RuleStates.Enabled;
        var description = EventsInput.Optional(input, "Description");
        var roleArn = EventsInput.Optional(input, "RoleArn");
        if (description is not null)
        {
            EventsInput.Length(description, "description", 0, 512);
        }

        if (roleArn is not null)
        {
            EventsInput.Length(roleArn, "roleArn", 1, 1600);
        }

        if (!RuleStates.All.Contains(state))
        {
            throw EventsErrors.Constraint(state, "state", $"Member must satisfy enum value set: [{string.Join(", ", RuleStates.All)}]");
        }

        if (pattern is null && schedule is null)
        {
            throw EventsErrors.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }

        var matcher = pattern is null ? null : ParsePattern(pattern);
        if (schedule is not null)
        {
            EventsInput.Length(schedule, "scheduleExpression", 0, 256);
            if (!ScheduleRegex().IsMatch(schedule))
            {
                throw EventsErrors.Validation("Parameter ScheduleExpression is not valid.");
            }

            if (busName != EventsStore.DefaultBus)
            {
                throw EventsErrors.Validation("ScheduleExpression is supported only on the default event bus.");
            }
        }

        var tags = EventsInput.Tags(input);
        var arn = With(context, region =>
        {
            var bus = Bus(region, busName);
            if (bus.Rules.TryGetValue(name, out var existing) && existing.ManagedBy is not null)
            {
                throw EventsErrors.ManagedRule($"Rule {name} is managed by {existing.ManagedBy} and cannot be changed.");
            }

            var rule = existing ?? new EventRule
            {
                Name = name,
                Arn = EventsStore.RuleArn(context.AccountId, context.Region, busName, name),
                EventBusName = busName,
                CreatedBy = context.AccountId,
            };

            // PutRule replaces the rule: what the request omits becomes null.
            rule.EventPattern = pattern;
            rule.Matcher = matcher;
            rule.ScheduleExpression = schedule;
            rule.State = state;
            rule.Description = description;
            rule.RoleArn = roleArn;
            bus.Rules[name] = rule;
            bus.Refresh(name);
            if (tags.Count > 0)
            {
                SetTags(region, rule.Arn, tags);
            }

            return rule.Arn;
        });

        if (schedule is not null)
        {
            LogScheduleNotFired(logger, arn);
        }

        return new JsonObject { ["RuleArn"] = arn };
    }

    public JsonObject DescribeRule(RequestContext context, JsonObject input)
    {
        var name = EventsInput.RuleName(input, "Name");
        var busName = EventsInput.BusName(input);
        return With(context, state =>
        {
            var json = RuleJson(Rule(state, busName, name));
            json["CreatedBy"] = Rule(state, busName, name).CreatedBy;
            return json;
        });
    }

    public JsonObject ListRules(RequestContext context, JsonObject input)
    {
        var prefix = EventsInput.Optional(input, "NamePrefix");
        if (prefix is not null)
        {
            EventsInput.Check(prefix, "namePrefix", 1, 64, EventsInput.RuleNameRegex(), EventsInput.RuleNamePattern);
        }

        var busName = EventsInput.BusName(input);
        var paging = EventsInput.Paging(input);
        return With(context, state =>
        {
            var rules = Bus(state, busName).Rules.Values.Where(r => prefix is null || r.Name.StartsWith(prefix, StringComparison.Ordinal));
            return EventsInput.Page("Rules", rules, r => r.Name, r => RuleJson(r), paging);
        });
    }

    public JsonObject DeleteRule(RequestContext context, JsonObject input)
    {
        var name = EventsInput.RuleName(input, "Name");
        var busName = EventsInput.BusName(input);
        var force = EventsInput.Bool(input, "Force");
        return With(context, state =>
        {
            var bus = Bus(state, busName);

            // [guess] Deleting a rule that does not exist succeeds, as AWS's idempotent deletes do.
            if (!bus.Rules.TryGetValue(name, out var rule))
            {
                return Empty();
            }

            if (rule.ManagedBy is not null && !force)
            {
                throw EventsErrors.ManagedRule($"Rule {name} is managed by {rule.ManagedBy}; use Force to delete it.");
            }

            if (rule.Targets.Count > 0)
            {
                throw EventsErrors.Validation("Rule can't be deleted since it has targets.");
            }

            bus.Rules.Remove(name);
            bus.Refresh(name);
            state.Tags.Remove(rule.Arn);
            return Empty();
        });
    }

    public JsonObject EnableRule(RequestContext context, JsonObject input) => SetState(context, input, enable: true);

    public JsonObject DisableRule(RequestContext context, JsonObject input) => SetState(context, input, enable: false);

    private JsonObject SetState(RequestContext context, JsonObject input, bool enable)
    {
        var name = EventsInput.RuleName(input, "Name");
        var busName = EventsInput.BusName(input);
        return With(context, state =>
        {
            var bus = Bus(state, busName);
            var rule = Rule(state, busName, name);
            if (rule.ManagedBy is not null)
            {
                throw EventsErrors.ManagedRule($"Rule {name} is managed by {rule.ManagedBy} and cannot be changed.");
            }

            // [guess] EnableRule keeps a rule that already opted in to read-only management events opted in.
            rule.State = !enable ? RuleStates.Disabled : rule.State == RuleStates.EnabledWithManagementEvents ? rule.State : RuleStates.Enabled;
            bus.Refresh(name);
            return Empty();
        });
    }

    /// <summary>Parses a pattern with the shared matcher, answering AWS's InvalidEventPatternException.</summary>
    private static EventPattern ParsePattern(string pattern)
    {
        EventsInput.Length(pattern, "eventPattern", 0, EventPattern.MaxLength);
        try
        {
            return EventPattern.Parse(pattern);
        }
        catch (InvalidEventPatternException invalid)
        {
            throw EventsErrors.InvalidEventPattern(invalid.Message);
        }
    }

    private static JsonObject RuleJson(EventRule rule)
    {
        var json = new JsonObject { ["Name"] = rule.Name, ["Arn"] = rule.Arn };
        Put(json, "EventPattern", rule.EventPattern);
        Put(json, "ScheduleExpression", rule.ScheduleExpression);
        json["State"] = rule.State;
        Put(json, "Description", rule.Description);
        Put(json, "RoleArn", rule.RoleArn);
        Put(json, "ManagedBy", rule.ManagedBy);
        json["EventBusName"] = rule.EventBusName;
        return json;
    }

    private static void Put(JsonObject json, string member, string? value)
    {
        if (value is not null)
        {
            json[member] = value;
        }
    }

    // rate(1 minute), rate(5 minutes) ...; cron with six fields.
    [GeneratedRegex(@"^(rate\((1 (minute|hour|day)|[1-9][0-9]* (minutes|hours|days))\)|cron\(\S+( \S+){5}\))\z")]
    private static partial Regex ScheduleRegex();

    [LoggerMessage(Level = LogLevel.Information, Message = "EventBridge rule {RuleArn} has a schedule; the emulator stores schedules but does not fire them")]
    private static partial void LogScheduleNotFired(ILogger logger, string ruleArn);
}
