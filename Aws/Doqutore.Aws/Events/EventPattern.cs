using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Events;

/// <summary>
/// A compiled EventBridge event pattern: the whole pattern language as aws/event-ruler implements it (exact,
/// prefix, suffix, equals-ignore-case, anything-but, numeric, exists, cidr, wildcard, <c>$or</c>, nested objects,
/// arrays). Parse once, match many events; to match one event against many patterns, use
/// <see cref="EventPatternSet"/>, which flattens the event once.
/// </summary>
public sealed class EventPattern
{
    /// <summary>The API's limit on <c>EventPattern</c> (PutRule, TestEventPattern); checked by the provider, not here.</summary>
    public const int MaxLength = 4096;

    /// <summary>The prefix of every <see cref="InvalidEventPatternException"/> message.</summary>
    public const string InvalidPrefix = "Event pattern is not valid. Reason: ";

    private readonly NamedPaths _paths;
    private readonly int[][] _slots;

    private EventPattern(string json, CompiledRule[] alternatives)
    {
        Json = json;
        Alternatives = alternatives;
        _paths = NamedPaths.From(alternatives);
        _slots = [.. alternatives.Select(_paths.SlotsOf)];
    }

    /// <summary>The pattern as given.</summary>
    public string Json { get; }

    /// <summary>The <c>$or</c>-expanded alternatives; the pattern matches when one of them does.</summary>
    internal CompiledRule[] Alternatives { get; }

    /// <summary>Parses and validates; throws <see cref="InvalidEventPatternException"/> whose message is AWS's text.</summary>
    public static EventPattern Parse(string patternJson)
    {
        ArgumentNullException.ThrowIfNull(patternJson);
        try
        {
            return new EventPattern(patternJson, PatternCompiler.Compile(patternJson));
        }
        catch (PatternSyntaxException e)
        {
            // Jackson's JsonProcessingException.getMessage(): the reason, a newline, " at " and the location.
            throw new InvalidEventPatternException($"{InvalidPrefix}{e.Message}\n at {e.Location}");
        }
        catch (PatternCompileException e)
        {
            throw new InvalidEventPatternException(InvalidPrefix + e.Message);
        }
    }

    /// <summary>Parses; on an invalid pattern returns false with AWS's message in <paramref name="error"/>.</summary>
    public static bool TryParse(string patternJson, out EventPattern? pattern, out string? error)
    {
        try
        {
            pattern = Parse(patternJson);
            error = null;
            return true;
        }
        catch (InvalidEventPatternException e)
        {
            pattern = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Matches an event given as JSON text; throws <see cref="ArgumentException"/> if it is not valid JSON.</summary>
    public bool Matches(string eventJson)
    {
        using var flat = FlatEvent.Parse(eventJson, _paths);
        return Matches(flat);
    }

    /// <summary>Matches an already-parsed event (e.g. SNS message attributes built as a JSON object).</summary>
    public bool Matches(JsonNode? @event)
    {
        using var flat = FlatEvent.From(@event, _paths);
        return Matches(flat);
    }

    /// <summary>Matches an already-parsed event.</summary>
    public bool Matches(JsonElement @event)
    {
        using var flat = FlatEvent.From(@event, _paths);
        return Matches(flat);
    }

    private bool Matches(FlatEvent flat)
    {
        for (var i = 0; i < Alternatives.Length; i++)
        {
            if (Alternatives[i].Matches(flat, _slots[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Json;
}
