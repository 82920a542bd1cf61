using System.Text.Json;

namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>
/// A JSON pattern's expression tree. Messages that are not a JSON object never match. A selector that
/// does not resolve makes every comparison false except <c>NOT EXISTS</c>.
/// </summary>
internal sealed class JsonPattern(JsonCondition root) : FilterPattern
{
    public override bool Matches(string message)
    {
        var start = 0;
        while (start < message.Length && char.IsWhiteSpace(message[start]))
        {
            start++;
        }

        if (start == message.Length || message[start] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(message);
            return root.Evaluate(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>A node of a JSON pattern.</summary>
internal abstract class JsonCondition
{
    public abstract bool Evaluate(JsonElement root);
}

internal sealed class JsonAnd(JsonCondition left, JsonCondition right) : JsonCondition
{
    public override bool Evaluate(JsonElement root) => left.Evaluate(root) && right.Evaluate(root);
}

internal sealed class JsonOr(JsonCondition left, JsonCondition right) : JsonCondition
{
    public override bool Evaluate(JsonElement root) => left.Evaluate(root) || right.Evaluate(root);
}

/// <summary>A selector <c>$.a.b[0]</c>: property names and array indexes from the root.</summary>
internal sealed class JsonSelector(IReadOnlyList<object> steps)
{
    public bool TryResolve(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var step in steps)
        {
            if (step is string name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else
            {
                var index = (int)step;
                if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
                {
                    return false;
                }

                value = value[index];
            }
        }

        return true;
    }
}

/// <summary><c>IS NULL</c>, <c>IS TRUE</c>, <c>IS FALSE</c> and <c>NOT EXISTS</c>.</summary>
internal sealed class JsonTest(JsonSelector selector, JsonValueKind? kind) : JsonCondition
{
    public override bool Evaluate(JsonElement root)
    {
        var found = selector.TryResolve(root, out var value);
        return kind is null ? !found : found && value.ValueKind == kind;
    }
}

/// <summary>
/// A comparison. A numeric literal compares JSON numbers numerically; a quoted or bare word compares
/// JSON strings (and, for a bare <c>*</c> wildcard, any scalar's text) with <c>*</c> wildcards.
/// [guess] <c>!=</c> on a missing selector is false, as for every other comparison.
/// </summary>
internal sealed class JsonComparison(JsonSelector selector, string op, string text, double? number, System.Text.RegularExpressions.Regex? regex = null) : JsonCondition
{
    public override bool Evaluate(JsonElement root)
    {
        if (!selector.TryResolve(root, out var value))
        {
            return false;
        }

        // A %regex% value matches a string, or a number or boolean by its JSON text.
        if (regex is not null)
        {
            var scalar = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
            return scalar is not null && regex.IsMatch(scalar) == (op == "=");
        }

        if (number is { } expected)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var actual))
            {
                return op == "!=" && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);
            }

            return op switch
            {
                "=" => actual == expected,
                "!=" => actual != expected,
                "<" => actual < expected,
                "<=" => actual <= expected,
                ">" => actual > expected,
                _ => actual >= expected,
            };
        }

        string? actualText = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            // A wildcard matches numbers and booleans by their text too (e.g. { $.code = 4* }).
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when text.Contains('*', StringComparison.Ordinal) => value.GetRawText(),
            _ => null,
        };
        if (actualText is null)
        {
            return op == "!=" && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);
        }

        var equal = Glob.Matches(text, actualText);
        return op == "=" ? equal : !equal;
    }
}
