using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>Log groups and their retention policies.</summary>
public sealed partial class LogsProvider
{
    /// <summary>The retention periods AWS accepts, in days.</summary>
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    public JsonObject CreateLogGroup(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        var tags = LogsInput.Tags(input);
        var kmsKeyId = LogsInput.Optional(input, "kmsKeyId");
        var groupClass = LogsInput.Optional(input, "logGroupClass") ?? "STANDARD";
        if (groupClass is not ("STANDARD" or "INFREQUENT_ACCESS" or "DELIVERY"))
        {
            throw LogsErrors.Constraint(groupClass, "logGroupClass", "Member must satisfy enum value set: [INFREQUENT_ACCESS, STANDARD, DELIVERY]");
        }

        return With(context, state =>
        {
            if (state.Groups.ContainsKey(name))
            {
                throw LogsErrors.GroupExists();
            }

            var group = new LogGroup(name, LogsStore.GroupArn(context.AccountId, context.Region, name), Now) { KmsKeyId = kmsKeyId, LogGroupClass = groupClass };
            foreach (var (key, value) in tags ?? [])
            {
                group.Tags[key] = value;
            }

            state.Groups[name] = group;
            return Empty();
        });
    }

    public JsonObject DeleteLogGroup(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        return With(context, state => state.Groups.Remove(name) ? Empty() : throw LogsErrors.GroupNotFound());
    }

    public JsonObject DescribeLogGroups(RequestContext context, JsonObject input)
    {
        var prefix = LogsInput.Optional(input, "logGroupNamePrefix");
        var pattern = LogsInput.Optional(input, "logGroupNamePattern");
        if (prefix is not null && pattern is not null)
        {
            throw LogsErrors.InvalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }

        if (prefix is not null)
        {
            LogsInput.CheckGroupName(prefix, "logGroupNamePrefix");
        }

        var groupClass = LogsInput.Optional(input, "logGroupClass");
        var limit = LogsInput.Int(input, "limit", 1, 50) ?? 50;
        var after = LogsInput.ReadToken(input);
        return With(context, state =>
        {
            var matching = state.Groups.Values
                .Where(g => prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal))
                // logGroupNamePattern is a case-insensitive substring match.
                .Where(g => pattern is null || g.Name.Contains(pattern, StringComparison.OrdinalIgnoreCase))
                .Where(g => groupClass is null || g.LogGroupClass == groupClass)
                .Where(g => after is null || string.CompareOrdinal(g.Name, after) > 0)
                .Take(limit + 1)
                .ToList();
            var page = matching.Take(limit).ToList();
            var output = new JsonObject { ["logGroups"] = new JsonArray([.. page.Select(GroupJson)]) };
            if (matching.Count > limit)
            {
                output["nextToken"] = LogsInput.Token(page[^1].Name);
            }

            return output;
        });
    }

    public JsonObject PutRetentionPolicy(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        var days = LogsInput.Long(input, "retentionInDays") ?? throw LogsErrors.Missing("retentionInDays");
        if (Array.IndexOf(RetentionDays, (int)Math.Clamp(days, int.MinValue, int.MaxValue)) < 0)
        {
            throw LogsErrors.Constraint(days.ToString(System.Globalization.CultureInfo.InvariantCulture), "retentionInDays",
                $"Member must satisfy enum value set: [{string.Join(", ", RetentionDays)}]");
        }

        return With(context, state =>
        {
            var group = Group(state, name);
            group.RetentionInDays = (int)days;
            group.Expire(Now);
            return Empty();
        });
    }

    public JsonObject DeleteRetentionPolicy(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        return With(context, state =>
        {
            Group(state, name).RetentionInDays = null;
            return Empty();
        });
    }

    private static JsonObject GroupJson(LogGroup group)
    {
        var json = new JsonObject
        {
            ["logGroupName"] = group.Name,
            ["creationTime"] = group.CreationTime,
        };
        if (group.RetentionInDays is { } days)
        {
            json["retentionInDays"] = days;
        }

        json["metricFilterCount"] = 0;
        json["arn"] = group.Arn + ":*";
        json["storedBytes"] = group.Streams.Values.Sum(s => s.Events.Sum(e => (long)e.Message.Length));
        if (group.KmsKeyId is not null)
        {
            json["kmsKeyId"] = group.KmsKeyId;
        }

        json["logGroupClass"] = group.LogGroupClass;
        json["logGroupArn"] = group.Arn;
        return json;
    }
}
