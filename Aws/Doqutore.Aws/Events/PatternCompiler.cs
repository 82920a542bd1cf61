// The pattern compiler: a port of aws/event-ruler's JsonRuleCompiler (the parser behind EventBridge's
// InvalidEventPatternException reasons), reading tokens in the same order so the same error wins, with the same
// reason texts. Reasons raised through event-ruler's barf(parser, ...) carry Jackson's location; those raised as
// plain IllegalArgumentExceptions (number range, numeric bounds) do not.
//
// Deliberate choices where EventBridge's own documentation differs from the library:
//  - a number in a pattern matches by its string form only (EventBridge: 300 does not match 300.0); event-ruler
//    would also add a numeric-equality matcher;
//  - numeric bounds follow the ComparableNumber limits EventBridge documents (±5.0e9, 6 decimal places).
// Texts marked [guess] are reconstructed from memory of event-ruler's source and not checked against AWS.
namespace Doqutore.Aws.Events;

internal sealed class PatternCompileException(string message) : Exception(message);

internal static class PatternCompiler
{
    /// <summary>EventBridge refuses patterns whose <c>$or</c>s expand to more than this many combinations.</summary>
    public const int MaxCombinations = 1000;

    private const string Or = "$or";

    private sealed class RuleBuilder
    {
        public Dictionary<string, List<ValueMatcher>> Fields { get; } = new(StringComparer.Ordinal);

        public RuleBuilder Copy()
        {
            var copy = new RuleBuilder();
            foreach (var (path, values) in Fields)
            {
                copy.Fields[path] = values;
            }
            return copy;
        }
    }

    /// <summary>Compiles; throws <see cref="PatternSyntaxException"/> (with location) or <see cref="PatternCompileException"/>.</summary>
    public static CompiledRule[] Compile(string json)
    {
        var reader = new PatternReader(json);
        var rules = new List<RuleBuilder> { new() };
        if (reader.Next() != PatternToken.StartObject)
        {
            throw reader.Error("Filter is not an object");
        }
        ParseObject(rules, "", reader);
        return [.. rules.Select(Build)];
    }

    private static CompiledRule Build(RuleBuilder rule) =>
        new([.. rule.Fields
            .OrderBy(f => f.Value.TrueForAll(m => m is AbsentMatcher) ? 0 : 1)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FieldCondition(f.Key, [.. f.Value]))]);

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static void ParseObject(List<RuleBuilder> rules, string prefix, PatternReader reader)
    {
        var fieldsPresent = false;
        while (reader.Next() != PatternToken.EndObject)
        {
            fieldsPresent = true;
            var name = reader.CurrentName!;
            if (name == Or)
            {
                ParseOr(rules, prefix, reader);
                continue;
            }
            switch (reader.Next())
            {
                case PatternToken.StartObject:
                    ParseObject(rules, Join(prefix, name), reader);
                    break;
                case PatternToken.StartArray:
                    WriteRules(rules, Join(prefix, name), reader);
                    break;
                default:
                    throw reader.Error($"\"{name}\" must be an object or an array");
            }
        }
        if (!fieldsPresent)
        {
            throw reader.Error("Empty objects are not allowed");
        }
    }

    // Each object of the $or array extends a copy of the rules so far; the results replace them (a product).
    private static void ParseOr(List<RuleBuilder> rules, string prefix, PatternReader reader)
    {
        var current = rules.Select(r => r.Copy()).ToList();
        rules.Clear();
        if (reader.Next() != PatternToken.StartArray)
        {
            throw reader.Error("It must be an Array followed with $or."); // [guess]
        }
        var alternatives = 0;
        PatternToken token;
        while ((token = reader.Next()) != PatternToken.EndArray)
        {
            alternatives++;
            if (token != PatternToken.StartObject)
            {
                throw reader.Error("Only JSON object is allowed in array of $or relationship."); // [guess]
            }
            var extended = current.Select(r => r.Copy()).ToList();
            if (extended.Count == 0)
            {
                extended.Add(new RuleBuilder());
            }
            ParseObject(extended, prefix, reader);
            rules.AddRange(extended);
            if (rules.Count > MaxCombinations)
            {
                // EventBridge's own limit (not event-ruler's); its wording is not documented. [guess]
                throw new PatternCompileException($"The event pattern has more than {MaxCombinations} combinations of $or values.");
            }
        }
        if (alternatives < 2)
        {
            throw reader.Error("There must have at least 2 Objects in $or relationship."); // [guess]
        }
    }

    private static void WriteRules(List<RuleBuilder> rules, string path, PatternReader reader)
    {
        var values = new List<ValueMatcher>();
        PatternToken token;
        while ((token = reader.Next()) != PatternToken.EndArray)
        {
            switch (token)
            {
                case PatternToken.StartObject:
                    values.Add(ProcessMatchExpression(reader));
                    break;
                case PatternToken.String:
                    values.Add(new ExactMatcher(LeafKind.String, reader.Text));
                    break;
                case PatternToken.NumberInt:
                case PatternToken.NumberFloat:
                    values.Add(new ExactMatcher(LeafKind.Number, reader.Text));
                    break;
                case PatternToken.True:
                    values.Add(new ExactMatcher(LeafKind.True, "true"));
                    break;
                case PatternToken.False:
                    values.Add(new ExactMatcher(LeafKind.False, "false"));
                    break;
                case PatternToken.Null:
                    values.Add(new ExactMatcher(LeafKind.Null, "null"));
                    break;
                default:
                    throw reader.Error("Match value must be String, number, true, false, or null");
            }
        }
        if (values.Count == 0)
        {
            throw reader.Error("Empty arrays are not allowed");
        }
        // A path given twice (duplicate key) keeps the last array, as event-ruler's map put does.
        foreach (var rule in rules)
        {
            rule.Fields[path] = values;
        }
    }

    private static ValueMatcher ProcessMatchExpression(PatternReader reader)
    {
        if (reader.Next() == PatternToken.EndObject)
        {
            throw reader.Error("Empty objects are not allowed");
        }
        var matchType = reader.CurrentName!;
        switch (matchType)
        {
            case "prefix":
            {
                var token = reader.Next();
                if (token == PatternToken.StartObject)
                {
                    return ProcessIgnoreCaseAffix(reader, isPrefix: true);
                }
                if (token != PatternToken.String)
                {
                    throw reader.Error("prefix match pattern must be a string");
                }
                var matcher = new PrefixMatcher(reader.Text, ignoreCase: false);
                ExpectEnd(reader);
                return matcher;
            }
            case "suffix":
            {
                var token = reader.Next();
                if (token == PatternToken.StartObject)
                {
                    return ProcessIgnoreCaseAffix(reader, isPrefix: false);
                }
                if (token != PatternToken.String)
                {
                    throw reader.Error("suffix match pattern must be a string");
                }
                var matcher = new SuffixMatcher(reader.Text, ignoreCase: false);
                ExpectEnd(reader);
                return matcher;
            }
            case "anything-but":
                return ProcessAnythingBut(reader);
            case "numeric":
            {
                if (reader.Next() != PatternToken.StartArray)
                {
                    throw reader.Error("Value of numeric must be an array.");
                }
                var matcher = ProcessNumeric(reader);
                ExpectEnd(reader);
                return matcher;
            }
            case "exists":
            {
                var token = reader.Next();
                ValueMatcher matcher = token switch
                {
                    PatternToken.True => ExistsMatcher.Instance,
                    PatternToken.False => AbsentMatcher.Instance,
                    _ => throw reader.Error("exists match pattern must be either true or false."),
                };
                ExpectEnd(reader);
                return matcher;
            }
            case "cidr":
            {
                if (reader.Next() != PatternToken.String)
                {
                    // event-ruler reuses the prefix text here. [guess]
                    throw reader.Error("prefix match pattern must be a string");
                }
                var range = IpRange.TryParse(reader.Text, out var error) ?? throw reader.Error(error!);
                ExpectEnd(reader);
                return new CidrMatcher(range);
            }
            case "equals-ignore-case":
            {
                if (reader.Next() != PatternToken.String)
                {
                    throw reader.Error("equals-ignore-case match pattern must be a string");
                }
                var matcher = new EqualsIgnoreCaseMatcher(reader.Text);
                ExpectEnd(reader);
                return matcher;
            }
            case "wildcard":
            {
                if (reader.Next() != PatternToken.String)
                {
                    throw reader.Error("wildcard match pattern must be a string");
                }
                var matcher = new WildcardMatcher(ParseWildcard(reader));
                ExpectEnd(reader);
                return matcher;
            }
            default:
                throw reader.Error("Unrecognized match type " + matchType);
        }
    }

    private static WildcardPattern ParseWildcard(PatternReader reader) =>
        WildcardPattern.TryParse(reader.Text, out var error) ?? throw reader.Error(error!);

    private static void ExpectEnd(PatternReader reader)
    {
        if (reader.Next() != PatternToken.EndObject)
        {
            throw reader.Error("Only one key allowed in match expression"); // [guess]
        }
    }

    // {"prefix": {"equals-ignore-case": "x"}} and the suffix twin.
    private static ValueMatcher ProcessIgnoreCaseAffix(PatternReader reader, bool isPrefix)
    {
        var kind = isPrefix ? "Prefix" : "Suffix";
        if (reader.Next() != PatternToken.FieldName)
        {
            throw reader.Error($"{kind} expression name not found"); // [guess]
        }
        var op = reader.CurrentName!;
        if (op != "equals-ignore-case")
        {
            throw reader.Error($"Unsupported {kind.ToLowerInvariant()} pattern: {op}"); // [guess]
        }
        if (reader.Next() != PatternToken.String)
        {
            throw reader.Error("equals-ignore-case match pattern must be a string");
        }
        ValueMatcher matcher = isPrefix ? new PrefixMatcher(reader.Text, ignoreCase: true) : new SuffixMatcher(reader.Text, ignoreCase: true);
        ExpectEnd(reader);
        ExpectEnd(reader);
        return matcher;
    }

    private static ValueMatcher ProcessAnythingBut(PatternReader reader)
    {
        var token = reader.Next();
        if (token == PatternToken.StartObject)
        {
            return ProcessAnythingButOperator(reader);
        }
        ValueMatcher excluded;
        if (token == PatternToken.StartArray)
        {
            excluded = ProcessAnythingButList(reader);
        }
        else
        {
            excluded = token switch
            {
                PatternToken.String => new StringSetMatcher([reader.Text]),
                PatternToken.NumberInt or PatternToken.NumberFloat => new NumberSetMatcher([CheckedComparable(reader.DoubleValue)]),
                _ => throw reader.Error("Inside anything-but list, start|null|boolean is not supported."), // [guess]
            };
        }
        ExpectEnd(reader);
        return new AnythingButMatcher(excluded);
    }

    private static ValueMatcher ProcessAnythingButList(PatternReader reader)
    {
        var strings = new List<string>();
        var numbers = new List<long>();
        PatternToken token;
        while ((token = reader.Next()) != PatternToken.EndArray)
        {
            switch (token)
            {
                case PatternToken.String:
                    strings.Add(reader.Text);
                    break;
                case PatternToken.NumberInt:
                case PatternToken.NumberFloat:
                    numbers.Add(CheckedComparable(reader.DoubleValue));
                    break;
                default:
                    throw reader.Error("Inside anything but list, start|null|boolean is not supported."); // [guess]
            }
        }
        if ((strings.Count > 0) == (numbers.Count > 0))
        {
            throw reader.Error("Inside anything but list, either all values are number or string, mixed type is not supported"); // [guess]
        }
        return strings.Count > 0 ? new StringSetMatcher(strings) : new NumberSetMatcher(numbers);
    }

    // {"anything-but": {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": "x" or ["x", ...]}}
    private static ValueMatcher ProcessAnythingButOperator(PatternReader reader)
    {
        if (reader.Next() != PatternToken.FieldName)
        {
            throw reader.Error("Anything-But expression name not found"); // [guess]
        }
        var op = reader.CurrentName!;
        Func<string, ValueMatcher>? make = op switch
        {
            "prefix" => text => new PrefixMatcher(text, ignoreCase: false),
            "suffix" => text => new SuffixMatcher(text, ignoreCase: false),
            "equals-ignore-case" => text => new EqualsIgnoreCaseMatcher(text),
            "wildcard" => null,
            _ => throw reader.Error("Unsupported anything-but pattern: " + op), // [guess]
        };
        ValueMatcher Make(string text) => make is null ? new WildcardMatcher(ParseWildcard(reader)) : make(text);

        var token = reader.Next();
        ValueMatcher excluded;
        if (token == PatternToken.StartArray)
        {
            var members = new List<ValueMatcher>();
            while ((token = reader.Next()) != PatternToken.EndArray)
            {
                if (token != PatternToken.String)
                {
                    throw reader.Error($"Inside anything-but/{(op == "equals-ignore-case" ? "ignore-case" : op)} list, number|start|null|boolean is not supported."); // [guess]
                }
                members.Add(Make(reader.Text));
            }
            if (members.Count == 0)
            {
                throw reader.Error("Empty arrays are not allowed"); // [guess]
            }
            excluded = members.Count == 1 ? members[0] : new AnyOfMatcher([.. members]);
        }
        else
        {
            if (token != PatternToken.String)
            {
                throw reader.Error(op is "prefix" or "suffix"
                    ? "prefix/suffix match pattern must be a string"
                    : $"{op} match pattern must be a string"); // [guess] for the latter
            }
            var text = reader.Text;
            if (text.Length == 0 && op is "prefix" or "suffix")
            {
                throw reader.Error("Null prefix/suffix not allowed");
            }
            excluded = Make(text);
        }
        ExpectEnd(reader);
        ExpectEnd(reader);
        return new AnythingButMatcher(excluded);
    }

    // ["=", 5] | [">", 0] | [">=", 0, "<", 10] ...: at most one lower and one upper bound, or one equality.
    private static ValueMatcher ProcessNumeric(PatternReader reader)
    {
        long? bottom = null, top = null;
        bool bottomOpen = false, topOpen = false, equality = false;
        var terms = 0;
        PatternToken token;
        while ((token = reader.Next()) != PatternToken.EndArray)
        {
            if (token != PatternToken.String)
            {
                throw reader.Error("Invalid member in numeric match: " + reader.Text);
            }
            var op = reader.Text;
            if (op is not ("=" or "<" or "<=" or ">" or ">="))
            {
                throw reader.Error("Unrecognized numeric range operator: " + op);
            }
            if (equality || (op == "=" && terms > 0) || (op[0] == '>' && bottom is not null) || (op[0] == '<' && top is not null))
            {
                throw reader.Error("Invalid member in numeric match: " + op); // [guess]
            }
            token = reader.Next();
            if (token is not (PatternToken.NumberInt or PatternToken.NumberFloat))
            {
                throw reader.Error($"Value of {op} must be numeric");
            }
            var value = CheckedComparable(reader.DoubleValue);
            switch (op)
            {
                case "=":
                    equality = true;
                    bottom = top = value;
                    break;
                case ">":
                case ">=":
                    bottom = value;
                    bottomOpen = op == ">";
                    break;
                default:
                    top = value;
                    topOpen = op == "<";
                    break;
            }
            terms++;
        }
        if (terms == 0)
        {
            throw reader.Error("Empty numeric match"); // [guess]
        }
        if (!equality && bottom is { } b && top is { } t && b >= t)
        {
            throw new PatternCompileException("Bottom must be less than top"); // [guess]
        }
        return new NumericMatcher(bottom, bottomOpen, top, topOpen);
    }

    private static long CheckedComparable(double value) =>
        ComparableNumber.InRange(value)
            ? ComparableNumber.From(value)
            : throw new PatternCompileException(ComparableNumber.OutOfRangeMessage);
}
