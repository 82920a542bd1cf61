using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Events;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// A subscription filter policy: SNS's own checks (JSON object, no nesting in attribute scope, at most
/// <see cref="MaxKeys"/> keys, at most <see cref="MaxCombinations"/> value combinations) on top of the shared
/// event-pattern engine, whose validation messages become SNS's <c>Invalid parameter: FilterPolicy: …</c>.
/// Attribute scope matches the attributes as a JSON object (see <see cref="SnsMessageAttributes.ToFilterInput"/>);
/// body scope matches the message parsed as JSON, and a body that is no JSON object matches nothing.
/// </summary>
internal sealed class SnsFilterPolicy
{
    public const string AttributeScope = "MessageAttributes";
    public const string BodyScope = "MessageBody";

    /// <summary>SNS quota: keys in one filter policy ([guess] applied to both scopes).</summary>
    public const int MaxKeys = 5;

    /// <summary>SNS quota: the total combination of values.</summary>
    public const int MaxCombinations = 150;

    private readonly EventPattern? _pattern;

    private SnsFilterPolicy(string scope, EventPattern? pattern)
    {
        Scope = scope;
        _pattern = pattern;
    }

    public string Scope { get; }

    /// <summary>Parses and validates a policy, throwing SNS's <c>InvalidParameter</c> errors.</summary>
    public static SnsFilterPolicy Parse(string json, string scope)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // The engine words JSON errors as AWS's parser does (Jackson's message and location).
            throw Invalid(EventPattern.TryParse(json, out _, out var reason) ? "failed to parse JSON" : Reason(reason!));
        }

        if (root is not JsonObject policy)
        {
            throw Invalid("Filter policy must be a JSON object"); // [guess]
        }

        if (policy.Count == 0)
        {
            return new SnsFilterPolicy(scope, null);
        }

        if (scope == AttributeScope && IsNested(policy))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
        }

        var (keys, combinations) = Measure(policy);
        if (keys > MaxKeys)
        {
            throw Invalid($"Filter policy can not have more than {MaxKeys} keys");
        }

        if (combinations > MaxCombinations)
        {
            throw Invalid("Filter policy is too complex");
        }

        try
        {
            return new SnsFilterPolicy(scope, EventPattern.Parse(json));
        }
        catch (InvalidEventPatternException error)
        {
            throw Invalid(Reason(error.Message));
        }
    }

    /// <summary>The reason of an EventBridge message (<c>Event pattern is not valid. Reason: …</c>).</summary>
    private static string Reason(string message) =>
        message.StartsWith(EventPattern.InvalidPrefix, StringComparison.Ordinal) ? message[EventPattern.InvalidPrefix.Length..] : message;

    /// <summary>True when the message passes the policy.</summary>
    public bool Matches(SnsPublication publication, string message)
    {
        if (_pattern is null)
        {
            return true;
        }

        if (Scope == AttributeScope)
        {
            return _pattern.Matches(SnsMessageAttributes.ToFilterInput(publication.Attributes));
        }

        try
        {
            return JsonNode.Parse(message) is JsonObject body && _pattern.Matches(body);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Doqutore.Aws.Protocols.AwsServiceException Invalid(string reason) =>
        SnsErrors.InvalidParameter($"Invalid parameter: FilterPolicy: {reason}");

    /// <summary>An object value under a key other than <c>$or</c> (operators live inside arrays, so they do not count).</summary>
    private static bool IsNested(JsonObject policy) =>
        policy.Any(p => p.Key == "$or"
            ? p.Value is JsonArray branches && branches.OfType<JsonObject>().Any(IsNested)
            : p.Value is JsonObject);

    /// <summary>
    /// Leaf keys and value combinations: a key's values multiply with its siblings'; <c>$or</c> branches add up.
    /// Keys are counted on the widest branch.
    /// </summary>
    private static (int Keys, long Combinations) Measure(JsonObject policy)
    {
        var keys = 0;
        long combinations = 1;
        foreach (var (name, value) in policy)
        {
            switch (value)
            {
                case JsonArray branches when name == "$or":
                    var orKeys = 0;
                    long orCombinations = 0;
                    foreach (var branch in branches.OfType<JsonObject>())
                    {
                        var (k, c) = Measure(branch);
                        orKeys = Math.Max(orKeys, k);
                        orCombinations += c;
                    }

                    keys += orKeys;
                    combinations *= Math.Max(orCombinations, 1);
                    break;
                case JsonObject nested:
                    var (nestedKeys, nestedCombinations) = Measure(nested);
                    keys += nestedKeys;
                    combinations *= nestedCombinations;
                    break;
                case JsonArray values:
                    keys++;
                    combinations *= Math.Max(values.Count, 1);
                    break;
                default:
                    keys++;
                    break;
            }

            combinations = Math.Min(combinations, int.MaxValue);
        }

        return (keys, combinations);
    }
}
