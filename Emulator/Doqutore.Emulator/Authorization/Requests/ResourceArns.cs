using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Aws.Models;

namespace Doqutore.Emulator.Authorization.Requests;

/// <summary>
/// The resource ARN(s) an operation is authorized against, from its parsed input. Each service has an
/// ordered list of templates; the first whose members are all present in the input wins, and an operation
/// that names no resource is authorized against <c>*</c>, as AWS does for List*/Describe* calls.
/// Templates: <c>{Member}</c> inserts a member's value; <c>{Member:name}</c> takes the last segment of a
/// URL or ARN (SQS queue URLs); <c>{Member:bus}</c> likewise, but the default event bus counts as absent;
/// a name-or-ARN member (<c>FunctionName</c>) given an ARN stands for itself.
/// </summary>
public static partial class ResourceArns
{
    public const string Any = "*";

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["s3"] = ["arn:aws:s3:::{Bucket}/{Key}", "arn:aws:s3:::{Bucket}"],
        ["dynamodb"] =
        [
            "arn:aws:dynamodb:{region}:{account}:table/{TableName}/index/{IndexName}",
            "arn:aws:dynamodb:{region}:{account}:table/{TableName}",
            "{ResourceArn}",
        ],
        ["streams.dynamodb"] = ["{StreamArn}"],
        ["sqs"] = ["arn:aws:sqs:{region}:{account}:{QueueUrl:name}", "arn:aws:sqs:{region}:{account}:{QueueName}"],
        ["sns"] = ["{TopicArn}", "{TargetArn}", "{ResourceArn}", "arn:aws:sns:{region}:{account}:{Name}"],
        ["lambda"] = ["arn:aws:lambda:{region}:{account}:function:{FunctionName}", "{Resource}"],
        ["iam"] =
        [
            "{PolicyArn}",
            "arn:aws:iam::{account}:user/{UserName}",
            "arn:aws:iam::{account}:role/{RoleName}",
            "arn:aws:iam::{account}:group/{GroupName}",
            "{PolicySourceArn}",
        ],
        ["cloudtrail"] = ["arn:aws:cloudtrail:{region}:{account}:trail/{Name}", "arn:aws:cloudtrail:{region}:{account}:trail/{TrailName}", "{ResourceId}"],
        ["events"] =
        [
            "arn:aws:events:{region}:{account}:rule/{EventBusName:bus}/{Rule}",
            "arn:aws:events:{region}:{account}:rule/{Rule}",
            "arn:aws:events:{region}:{account}:rule/{EventBusName:bus}/{Name}",
            "arn:aws:events:{region}:{account}:rule/{Name}",
            "{ResourceARN}",
        ],
        ["logs"] =
        [
            "arn:aws:logs:{region}:{account}:log-group:{logGroupName}:log-stream:{logStreamName}",
            "arn:aws:logs:{region}:{account}:log-group:{logGroupName}",
            "{resourceArn}",
        ],
        ["cognito-idp"] = ["arn:aws:cognito-idp:{region}:{account}:userpool/{UserPoolId}"],
        ["sts"] = ["{RoleArn}"],
        ["cloudformation"] = ["arn:aws:cloudformation:{region}:{account}:stack/{StackName}/*"],
    };

    /// <summary>Operations whose resource differs from their service's usual one (EventBridge bus operations name a bus, not a rule).</summary>
    private static readonly Dictionary<(string Service, string Operation), string[]> OperationTemplates = new()
    {
        [("events", "CreateEventBus")] = ["arn:aws:events:{region}:{account}:event-bus/{Name}"],
        [("events", "DescribeEventBus")] = ["arn:aws:events:{region}:{account}:event-bus/{Name:name}", "arn:aws:events:{region}:{account}:event-bus/default"],
        [("events", "DeleteEventBus")] = ["arn:aws:events:{region}:{account}:event-bus/{Name}"],
        [("events", "UpdateEventBus")] = ["arn:aws:events:{region}:{account}:event-bus/{Name:name}", "arn:aws:events:{region}:{account}:event-bus/default"],
        [("events", "PutEvents")] = ["arn:aws:events:{region}:{account}:event-bus/default"],
    };

    /// <summary>
    /// The resources of a request; <c>["*"]</c> when the operation names none. IAM operations that act on the
    /// calling user when they name no user (ChangePassword, CreateAccessKey without UserName, …) are
    /// authorized against <paramref name="callerUserArn"/>, as AWS does.
    /// </summary>
    public static IReadOnlyList<string> For(ServiceModel model, Operation operation, JsonObject input, string account, string region, string? callerUserArn = null)
    {
        if (callerUserArn is not null && ActsOnCallerWhenUnnamed(model, operation) && input["UserName"] is null)
        {
            return [callerUserArn];
        }

        if (!OperationTemplates.TryGetValue((model.Id, operation.Name), out var templates) && !Templates.TryGetValue(model.Id, out templates))
        {
            return [Any];
        }

        // BatchGetItem / BatchWriteItem name their tables as the keys of RequestItems.
        if (input["RequestItems"] is JsonObject items && model.Id == "dynamodb")
        {
            return items.Select(i => $"arn:aws:dynamodb:{region}:{account}:table/{i.Key}").ToArray();
        }

        foreach (var template in templates)
        {
            if (Expand(template, input, account, region) is { } arn)
            {
                return [arn];
            }
        }

        return [Any];
    }

    /// <summary>IAM operations on "the user" that default to the caller: an optional UserName, or none at all (ChangePassword).</summary>
    private static bool ActsOnCallerWhenUnnamed(ServiceModel model, Operation operation) =>
        model.Id == "iam" && (operation.Name == "ChangePassword"
            || (operation.Input?.GetMember("UserName") is not null && !operation.Input.Required.Contains("UserName")));

    /// <summary>Members that take a name or a whole ARN (Lambda's FunctionName, CloudTrail's Name).</summary>
    private static readonly HashSet<string> NameOrArn = new(StringComparer.Ordinal) { "FunctionName", "Name", "TrailName", "StackName" };

    // Templates are split into literal and placeholder segments once, on first use: expanding one is then a
    // walk over its segments (this runs for every authorized request).
    private static readonly ConcurrentDictionary<string, Segment[]> Compiled = new(StringComparer.Ordinal);

    private static string? Expand(string template, JsonObject input, string account, string region)
    {
        var segments = Compiled.GetOrAdd(template, Compile);
        string? wholeArn = null;
        var parts = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            switch (segment.Placeholder)
            {
                case null:
                    parts[i] = segment.Text;
                    continue;
                case "account":
                    parts[i] = account;
                    continue;
                case "region":
                    parts[i] = region;
                    continue;
            }

            var name = segment.Placeholder;
            if (input[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 } text)
            {
                return null;
            }

            var transform = segment.Text;
            var last = transform.Length > 0 ? text.TrimEnd('/').Split('/', ':')[^1] : text;

            // Rules on the default bus have no bus in their ARN: fall through to the template without it.
            if (transform == "bus" && last == "default")
            {
                return null;
            }

            if (NameOrArn.Contains(name) && text.StartsWith("arn:", StringComparison.Ordinal))
            {
                wholeArn = text;
            }

            parts[i] = transform is "name" or "bus" ? last : text;
        }

        return wholeArn ?? string.Concat(parts);
    }

    /// <summary>A literal (<see cref="Placeholder"/> null, <see cref="Text"/> the text) or a placeholder (<see cref="Text"/> its transform, or empty).</summary>
    private sealed record Segment(string? Placeholder, string Text);

    private static Segment[] Compile(string template)
    {
        var segments = new List<Segment>();
        var at = 0;
        foreach (Match match in PlaceholderPattern().Matches(template))
        {
            if (match.Index > at)
            {
                segments.Add(new Segment(null, template[at..match.Index]));
            }

            segments.Add(new Segment(match.Groups["name"].Value, match.Groups["transform"].Value));
            at = match.Index + match.Length;
        }

        if (at < template.Length)
        {
            segments.Add(new Segment(null, template[at..]));
        }

        return [.. segments];
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:(?<transform>[a-z]+))?\}")]
    private static partial Regex PlaceholderPattern();
}
