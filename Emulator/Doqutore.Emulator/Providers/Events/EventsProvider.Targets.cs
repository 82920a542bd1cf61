using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Targets: PutTargets (at most 5 per rule), RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget.
/// Constraint breaks (ids, ARN format, input forms, retry ranges) fail the whole request, as AWS validates
/// the request before it writes; checks of one target against its kind (dead-letter queue, FIFO
/// parameters) fail that entry alone in <c>FailedEntries</c> [guess: AWS's split is not documented].
/// </summary>
public sealed partial class EventsProvider
{
    public const int TargetsPerRule = 5;

    public JsonObject PutTargets(RequestContext context, JsonObject input)
    {
        var ruleName = EventsInput.RuleName(input, "Rule");
        var busName = EventsInput.BusName(input);
        if (input["Targets"] is not JsonArray entries)
        {
            throw EventsErrors.Constraint("null", "targets", "Member must not be null");
        }

        if (entries.Count is < 1 or > 100)
        {
            throw EventsErrors.Constraint("[...]", "targets", entries.Count < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100");
        }

        var targets = new List<(EventTarget? Target, string Id, string? Error)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var json = entries[i] as JsonObject ?? [];
            var target = ReadTarget(json, $"targets.{i + 1}.member");
            targets.Add((target, target.Id, TargetProblem(target)));
        }

        return With(context, state =>
        {
            var rule = Rule(state, busName, ruleName);
            var added = targets.Where(t => t.Error is null).Select(t => t.Id).Distinct(StringComparer.Ordinal).Count(id => !rule.Targets.Exists(e => e.Id == id));
            if (rule.Targets.Count + added > TargetsPerRule)
            {
                throw EventsErrors.LimitExceeded("The requested resource exceeds the maximum number allowed.");
            }

            var failed = new JsonArray();
            foreach (var (target, id, error) in targets)
            {
                if (error is not null)
                {
                    failed.Add(new JsonObject { ["TargetId"] = id, ["ErrorCode"] = "ValidationException", ["ErrorMessage"] = error });
                    continue;
                }

                var index = rule.Targets.FindIndex(e => e.Id == id);
                if (index >= 0)
                {
                    rule.Targets[index] = target!;
                }
                else
                {
                    rule.Targets.Add(target!);
                }
            }

            return new JsonObject { ["FailedEntryCount"] = failed.Count, ["FailedEntries"] = failed };
        });
    }

    public JsonObject RemoveTargets(RequestContext context, JsonObject input)
    {
        var ruleName = EventsInput.RuleName(input, "Rule");
        var busName = EventsInput.BusName(input);
        var ids = EventsInput.Strings(input, "Ids");
        if (ids.Count is < 1 or > 100)
        {
            throw EventsErrors.Constraint("[...]", "ids", ids.Count < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            EventsInput.Check(ids[i], $"ids.{i + 1}.member", 1, 64, TargetIdRegex(), EventsInput.TargetIdPattern);
        }

        return With(context, state =>
        {
            var rule = Rule(state, busName, ruleName);

            // [guess] Ids the rule does not have are ignored, not failed.
            rule.Targets.RemoveAll(t => ids.Contains(t.Id, StringComparer.Ordinal));
            return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
        });
    }

    public JsonObject ListTargetsByRule(RequestContext context, JsonObject input)
    {
        var ruleName = EventsInput.RuleName(input, "Rule");
        var busName = EventsInput.BusName(input);
        var paging = EventsInput.Paging(input);
        return With(context, state =>
        {
            var indexed = Rule(state, busName, ruleName).Targets.Select((t, i) => (Target: t, Key: i.ToString("D3", CultureInfo.InvariantCulture)));
            return EventsInput.Page("Targets", indexed, t => t.Key, t => t.Target.Json.DeepClone(), paging);
        });
    }

    public JsonObject ListRuleNamesByTarget(RequestContext context, JsonObject input)
    {
        var targetArn = EventsInput.Required(input, "TargetArn");
        EventsInput.Length(targetArn, "targetArn", 1, 1600);
        var busName = EventsInput.BusName(input);
        var paging = EventsInput.Paging(input);
        return With(context, state =>
        {
            var names = Bus(state, busName).Rules.Values.Where(r => r.Targets.Exists(t => t.Arn == targetArn)).Select(r => r.Name);
            return EventsInput.Page("RuleNames", names, n => n, n => JsonValue.Create(n), paging);
        });
    }

    /// <summary>Reads one target entry, failing the request on a constraint of the API reference.</summary>
    private static EventTarget ReadTarget(JsonObject json, string path)
    {
        var id = EventsInput.Optional(json, "Id") ?? throw EventsErrors.Constraint("null", $"{path}.id", "Member must not be null");
        EventsInput.Check(id, $"{path}.id", 1, 64, TargetIdRegex(), EventsInput.TargetIdPattern);
        var arn = EventsInput.Optional(json, "Arn") ?? throw EventsErrors.Constraint("null", $"{path}.arn", "Member must not be null");
        EventsInput.Length(arn, $"{path}.arn", 1, 1600);
        if (!ArnRegex().IsMatch(arn))
        {
            throw EventsErrors.Validation($"Parameter {arn} is not valid. Reason: Provided Arn is not in correct format.");
        }

        var input = EventsInput.Optional(json, "Input");
        var inputPath = EventsInput.Optional(json, "InputPath");
        var transformer = json["InputTransformer"] as JsonObject;
        if ((input is null ? 0 : 1) + (inputPath is null ? 0 : 1) + (transformer is null ? 0 : 1) > 1)
        {
            // [guess] AWS's wording.
            throw EventsErrors.Validation("Only one of Input, InputPath, or InputTransformer must be provided.");
        }

        if (input is not null)
        {
            EventsInput.Length(input, $"{path}.input", 0, 8192);
            if (!IsJson(input))
            {
                // [guess] AWS's wording.
                throw EventsErrors.Validation($"Input for target {id} is not valid JSON text.");
            }
        }

        if (inputPath is not null)
        {
            EventsInput.Length(inputPath, $"{path}.inputPath", 0, 256);
            if (JsonPath.TryParse(inputPath) is null)
            {
                // [guess] AWS's wording.
                throw EventsErrors.Validation($"InputPath for target {id} is not a valid JSON path: {inputPath}");
            }
        }

        var retry = json["RetryPolicy"] as JsonObject ?? [];
        var dlq = json["DeadLetterConfig"] as JsonObject;
        var deadLetterArn = dlq is null ? null : EventsInput.Optional(dlq, "Arn");
        if (deadLetterArn is not null)
        {
            EventsInput.Length(deadLetterArn, $"{path}.deadLetterConfig.arn", 1, 1600);
        }

        return new EventTarget(id, arn, (JsonObject)json.DeepClone())
        {
            Input = input,
            InputPath = inputPath,
            Transformer = transformer is null ? null : ReadTransformer(transformer, id, $"{path}.inputTransformer"),
            MaximumRetryAttempts = EventsInput.Integer(retry, "MaximumRetryAttempts", 0, 185, $"{path}.retryPolicy.maximumRetryAttempts") ?? RetryDefaults.MaximumRetryAttempts,
            MaximumEventAgeInSeconds = EventsInput.Integer(retry, "MaximumEventAgeInSeconds", 60, 86400, $"{path}.retryPolicy.maximumEventAgeInSeconds") ?? RetryDefaults.MaximumEventAgeInSeconds,
            DeadLetterArn = deadLetterArn,
            MessageGroupId = (json["SqsParameters"] as JsonObject) is { } sqs ? EventsInput.Optional(sqs, "MessageGroupId") : null,
        };
    }

    private static InputTransformer ReadTransformer(JsonObject json, string id, string path)
    {
        var template = EventsInput.Optional(json, "InputTemplate") ?? throw EventsErrors.Constraint("null", $"{path}.inputTemplate", "Member must not be null");
        EventsInput.Length(template, $"{path}.inputTemplate", 1, 8192);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json["InputPathsMap"] is JsonObject map)
        {
            if (map.Count > 100)
            {
                throw EventsErrors.Constraint("{...}", $"{path}.inputPathsMap", "Member must have length less than or equal to 100");
            }

            foreach (var (name, value) in map)
            {
                EventsInput.Check(name, $"{path}.inputPathsMap.key", 1, 256, PathsMapKeyRegex(), @"[A-Za-z0-9\_\-]+");
                if (name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase))
                {
                    // [guess] AWS's wording.
                    throw EventsErrors.Validation($"InputTransformer for target {id}: InputPathsMap key {name} must not start with \"AWS.\".");
                }

                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
                EventsInput.Length(text, $"{path}.inputPathsMap.value", 0, 256);
                if (JsonPath.TryParse(text) is null)
                {
                    // [guess] AWS's wording.
                    throw EventsErrors.Validation($"InputTransformer for target {id}: {text} is not a valid JSON path.");
                }

                paths[name] = text;
            }
        }

        foreach (var placeholder in TargetInput.Placeholders(template))
        {
            if (!paths.ContainsKey(placeholder) && !TargetInput.Reserved.Contains(placeholder))
            {
                // [guess] AWS's wording.
                throw EventsErrors.Validation($"InputTemplate for target {id} contains invalid placeholder {placeholder}.");
            }
        }

        return new InputTransformer(paths, template);
    }

    /// <summary>A check of one target against its kind; null when it is fine. [guess] AWS's wording.</summary>
    private static string? TargetProblem(EventTarget target)
    {
        if (target.DeadLetterArn is { } dlq)
        {
            if (TargetDispatcher.ServiceOf(dlq) != "sqs")
            {
                return $"Parameter DeadLetterConfig.Arn {dlq} is not valid. Reason: a dead-letter queue must be an SQS queue.";
            }

            if (dlq.EndsWith(".fifo", StringComparison.Ordinal))
            {
                return $"Parameter DeadLetterConfig.Arn {dlq} is not valid. Reason: a dead-letter queue must be a standard queue, not FIFO.";
            }
        }

        var fifo = TargetDispatcher.ServiceOf(target.Arn) == "sqs" && target.Arn.EndsWith(".fifo", StringComparison.Ordinal);
        if (fifo && target.MessageGroupId is null)
        {
            return "The MessageGroupId parameter (SqsParameters) is required for FIFO queue targets.";
        }

        if (!fifo && target.MessageGroupId is not null)
        {
            return "SqsParameters can only be used with FIFO queue targets.";
        }

        return null;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+\z")]
    private static partial Regex TargetIdRegex();

    [GeneratedRegex(@"^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12})?:.+\z")]
    private static partial Regex ArnRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+\z")]
    private static partial Regex PathsMapKeyRegex();
}
