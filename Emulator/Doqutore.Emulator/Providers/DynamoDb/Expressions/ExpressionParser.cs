using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/*
 * Recursive-descent parser for the four grammars of DynamoDB's expression language (condition/filter/key
 * condition, update, projection), resolving #name and :value placeholders as it goes.
 *
 * Errors come in two waves, as AWS reports them: a syntax error stops parsing at once ("Syntax error; token: "x",
 * near: "a x b""); semantic problems (reserved words, unknown functions, undefined placeholders, operand types,
 * overlapping paths...) are collected into named slots while parsing continues, and the first filled slot in the
 * grammar's own order is reported. The orders below are those AWS shows when an expression has several problems.
 *
 * Precedence (lowest first): OR, AND, NOT, then comparisons / BETWEEN / IN / functions / parentheses.
 */
internal sealed class ExpressionParser
{
    private const int MaxPathDepth = 32;
    private const int MaxExpressionBytes = 4096;
    private const int MaxInOperands = 100;
    private const int MaxNesting = 256;

    private static readonly string[] ConditionErrorOrder = ["parens", "unknownFunction", "misusedFunction", "reserved", "attrNameVal", "operand", "distinct", "function"];
    private static readonly string[] UpdateErrorOrder = ["reserved", "unknownFunction", "section", "attrNameVal", "pathOverlap", "pathConflict", "operand", "function"];
    private static readonly string[] ProjectionErrorOrder = ["reserved", "attrNameVal", "pathOverlap", "pathConflict"];

    private static readonly Dictionary<string, int> ConditionFunctions = new(StringComparer.Ordinal)
    {
        ["attribute_exists"] = 1,
        ["attribute_not_exists"] = 1,
        ["attribute_type"] = 2,
        ["begins_with"] = 2,
        ["contains"] = 2,
        ["size"] = 1,
    };

    private static readonly Dictionary<string, int> UpdateFunctions = new(StringComparer.Ordinal)
    {
        ["if_not_exists"] = 2,
        ["list_append"] = 2,
    };

    private static readonly string[] AttributeTypes = ["S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M"];

    private readonly string expressionName;
    private readonly string source;
    private readonly List<Token> tokens;
    private readonly ExpressionAttributes attributes;
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);
    private readonly bool update;
    private int position;
    private int nesting;

    private ExpressionParser(string expressionName, string source, ExpressionAttributes attributes, bool update)
    {
        this.expressionName = expressionName;
        this.source = source;
        this.attributes = attributes;
        this.update = update;
        tokens = Tokenizer.Tokenize(source);
    }

    /// <summary>Parses a ConditionExpression, FilterExpression or KeyConditionExpression (named by <paramref name="expressionName"/>).</summary>
    public static Node ParseCondition(string expressionName, string source, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser(expressionName, source, attributes, update: false);
        parser.CheckNotEmpty();
        var condition = parser.ParseOr();
        parser.ExpectEnd();
        parser.CheckMisusedSize(condition);
        parser.ThrowFirst(ConditionErrorOrder);
        return condition;
    }

    /// <summary>Parses an UpdateExpression.</summary>
    public static UpdateExpression ParseUpdate(string source, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser("UpdateExpression", source, attributes, update: true);
        parser.CheckNotEmpty();
        var actions = parser.ParseUpdateSections();
        parser.CheckOverlaps(actions.Select(a => a.Path).ToList());
        parser.ThrowFirst(UpdateErrorOrder);
        return new UpdateExpression(actions);
    }

    /// <summary>Parses a ProjectionExpression.</summary>
    public static ProjectionExpression ParseProjection(string source, ExpressionAttributes attributes)
    {
        var parser = new ExpressionParser("ProjectionExpression", source, attributes, update: false);
        parser.CheckNotEmpty();
        var paths = new List<DocumentPath> { parser.ParsePath() };
        while (parser.Current.Is(","))
        {
            parser.position++;
            paths.Add(parser.ParsePath());
        }

        parser.ExpectEnd();
        parser.CheckOverlaps(paths);
        parser.ThrowFirst(ProjectionErrorOrder);
        return new ProjectionExpression(paths);
    }

    private Token Current => tokens[position];

    private void CheckNotEmpty()
    {
        if (tokens.Count == 1)
        {
            throw Invalid("The expression can not be empty;");
        }

        // [guess] wording of the 4 KB expression limit.
        if (System.Text.Encoding.UTF8.GetByteCount(source) > MaxExpressionBytes)
        {
            throw Invalid($"Expression size has exceeded the maximum allowed size; expression size: {System.Text.Encoding.UTF8.GetByteCount(source)}");
        }
    }

    // ---- conditions ----

    private Node ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsKeyword("OR"))
        {
            position++;
            left = new OrNode(left, ParseAnd());
        }

        return left;
    }

    private Node ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsKeyword("AND"))
        {
            position++;
            left = new AndNode(left, ParseNot());
        }

        return left;
    }

    private Node ParseNot()
    {
        // Guards the recursion: a 4 KB expression of parentheses or NOTs must not exhaust the stack.
        // [guess] AWS's answer to absurd nesting; a syntax error at the token that goes too deep.
        if (++nesting > MaxNesting)
        {
            throw SyntaxError();
        }

        try
        {
            return ParseNotUnguarded();
        }
        finally
        {
            nesting--;
        }
    }

    private Node ParseNotUnguarded()
    {
        if (Current.IsKeyword("NOT"))
        {
            position++;
            var operand = ParseNot();
            CheckMisusedSize(operand);
            return new NotNode(operand);
        }

        return ParsePredicate();
    }

    private Node ParsePredicate()
    {
        if (Current.Is("("))
        {
            position++;
            var inner = ParseOr();
            Expect(")");
            if (inner is ParenthesesNode)
            {
                Record("parens", "The expression has redundant parentheses;");
            }

            CheckMisusedSize(inner);
            return new ParenthesesNode(inner);
        }

        var left = ParseOperand();
        var token = Current;
        if (token.Kind == TokenKind.Symbol && token.Text is "=" or "<>" or "<" or "<=" or ">" or ">=")
        {
            position++;
            var right = ParseOperand();
            CheckMisusedFunctions(left, right);
            CheckDistinct(token.Text, left, right);
            return new ComparisonNode(token.Text, left, right);
        }

        if (token.IsKeyword("BETWEEN"))
        {
            position++;
            var lower = ParseOperand();
            ExpectKeyword("AND");
            var upper = ParseOperand();
            CheckMisusedFunctions(left, lower, upper);
            CheckDistinct("BETWEEN", left, lower, upper);
            CheckBetweenBounds(lower, upper);
            return new BetweenNode(left, lower, upper);
        }

        if (token.IsKeyword("IN"))
        {
            position++;
            Expect("(");
            var candidates = new List<Node> { ParseOperand() };
            while (Current.Is(","))
            {
                position++;
                candidates.Add(ParseOperand());
            }

            Expect(")");
            CheckMisusedFunctions([left, .. candidates]);
            CheckDistinct("IN", [left, .. candidates]);
            if (candidates.Count > MaxInOperands)
            {
                // [guess] wording of the 100-operand limit of IN.
                Record("function", $"Too many operands for operator or function; operator or function: IN, number of operands: {candidates.Count}");
            }

            return new InNode(left, candidates);
        }

        if (left is FunctionNode function)
        {
            return function;
        }

        throw SyntaxError();
    }

    // ---- operands ----

    private Node ParseOperand()
    {
        var token = Current;
        if (token.Kind == TokenKind.ValuePlaceholder)
        {
            position++;
            var value = attributes.ResolveValue(token.Text);
            if (value is null)
            {
                Record("attrNameVal", $"An expression attribute value used in expression is not defined; attribute value: {token.Text}");
            }

            return new ValueNode(token.Text, value);
        }

        if (token.Kind == TokenKind.Identifier && tokens[position + 1].Is("("))
        {
            return ParseFunction();
        }

        return new PathNode(ParsePath());
    }

    private FunctionNode ParseFunction()
    {
        var name = Current.Text;
        position += 2;
        var arguments = new List<Node>();
        if (!Current.Is(")"))
        {
            arguments.Add(update ? ParseSetValue() : ParseOperand());
            while (Current.Is(","))
            {
                position++;
                arguments.Add(update ? ParseSetValue() : ParseOperand());
            }
        }

        Expect(")");
        var function = new FunctionNode(name, arguments);
        CheckFunction(function);
        return function;
    }

    private DocumentPath ParsePath()
    {
        var elements = new List<PathElement> { ParsePathName() };
        while (true)
        {
            if (Current.Is("."))
            {
                position++;
                elements.Add(ParsePathName());
            }
            else if (Current.Is("["))
            {
                position++;
                var index = Current;
                if (index.Kind != TokenKind.Number || !int.TryParse(index.Text, out var value))
                {
                    throw SyntaxError();
                }

                position++;
                Expect("]");
                elements.Add(new PathElement(null, value));
            }
            else
            {
                break;
            }
        }

        if (elements.Count > MaxPathDepth)
        {
            // [guess] wording of the 32-level nesting limit.
            Record("attrNameVal", $"The document path has too many nesting levels; nesting levels: {elements.Count}");
        }

        return new DocumentPath(elements);
    }

    private PathElement ParsePathName()
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier)
        {
            position++;
            if (ReservedWords.Contains(token.Text))
            {
                Record("reserved", $"Attribute name is a reserved keyword; reserved keyword: {token.Text}");
            }

            return new PathElement(token.Text, 0);
        }

        if (token.Kind == TokenKind.NamePlaceholder)
        {
            position++;
            var name = attributes.ResolveName(token.Text);
            if (name is null)
            {
                Record("attrNameVal", $"An expression attribute name used in the document path is not defined; attribute name: {token.Text}");
            }

            return new PathElement(name ?? token.Text, 0);
        }

        throw SyntaxError();
    }

    // ---- update ----

    private List<UpdateAction> ParseUpdateSections()
    {
        var actions = new List<UpdateAction>();
        var sections = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var keyword = Current;
            var kind = keyword.Kind != TokenKind.Identifier ? (UpdateActionKind?)null : keyword.Text.ToUpperInvariant() switch
            {
                "SET" => UpdateActionKind.Set,
                "REMOVE" => UpdateActionKind.Remove,
                "ADD" => UpdateActionKind.Add,
                "DELETE" => UpdateActionKind.Delete,
                _ => null,
            };
            if (kind is null)
            {
                throw SyntaxError();
            }

            position++;
            var sectionName = keyword.Text.ToUpperInvariant();
            if (!sections.Add(sectionName))
            {
                Record("section", $"The \"{sectionName}\" section can only be used once in an update expression;");
            }

            do
            {
                actions.Add(ParseUpdateAction(kind.Value));
            }
            while (Current.Is(",") && position++ >= 0);
        }
        while (Current.Kind != TokenKind.End);

        return actions;
    }

    private UpdateAction ParseUpdateAction(UpdateActionKind kind)
    {
        var path = ParsePath();
        switch (kind)
        {
            case UpdateActionKind.Set:
                Expect("=");
                return new UpdateAction(kind, path, ParseSetValue());
            case UpdateActionKind.Remove:
                return new UpdateAction(kind, path, null);
            default:
                var value = ParseOperand();
                if (value is not ValueNode literal)
                {
                    throw SyntaxError(tokens[position - 1]);
                }

                CheckAddDeleteOperand(kind, literal);
                return new UpdateAction(kind, path, value);
        }
    }

    private Node ParseSetValue()
    {
        var left = ParseOperand();
        if (Current.Is("+") || Current.Is("-"))
        {
            var op = Current.Text[0];
            position++;
            var right = ParseOperand();
            var arithmetic = new ArithmeticNode(op, left, right);
            foreach (var operand in new[] { left, right })
            {
                if (ImmediateType(operand) is { } type and not "N")
                {
                    Record("function", $"Incorrect operand type for operator or function; operator or function: {op}, operand type: {type}");
                }
            }

            return arithmetic;
        }

        return left;
    }

    private void CheckAddDeleteOperand(UpdateActionKind kind, ValueNode value)
    {
        var type = AttributeValues.TypeOf(value.Value);
        var name = kind == UpdateActionKind.Add ? "ADD" : "DELETE";
        var described = type switch
        {
            "S" => "STRING",
            "N" => kind == UpdateActionKind.Add ? null : "NUMBER",
            "B" => "BINARY",
            "NULL" => "NULL",
            "BOOL" => "BOOLEAN",
            "L" => "LIST",
            "M" => "MAP",
            _ => null,
        };
        if (described is not null)
        {
            Record("operand", $"Incorrect operand type for operator or function; operator: {name}, operand type: {described}");
        }
    }

    // ---- semantic checks ----

    private void CheckFunction(FunctionNode function)
    {
        var known = update ? UpdateFunctions : ConditionFunctions;
        if (!known.TryGetValue(function.Name, out var arity))
        {
            Record("unknownFunction", $"Invalid function name; function: {function.Name}");
            return;
        }

        if (arity != function.Arguments.Count)
        {
            Record(update ? "function" : "operand", $"Incorrect number of operands for operator or function; operator or function: {function.Name}, number of operands: {function.Arguments.Count}");
            return;
        }

        if (!update)
        {
            CheckMisusedFunctions([.. function.Arguments]);
            CheckDistinct(function.Name, [.. function.Arguments]);
        }

        var args = function.Arguments;
        switch (function.Name)
        {
            case "attribute_exists" or "attribute_not_exists" or "if_not_exists" when args[0] is not PathNode:
                Record("function", $"Operator or function requires a document path; operator or function: {function.Name}");
                break;
            case "begins_with":
                foreach (var arg in args)
                {
                    if (TypeOfOperand(arg) is { } type and not "S" and not "B")
                    {
                        Record("function", $"Incorrect operand type for operator or function; operator or function: begins_with, operand type: {type}");
                    }
                }

                break;
            case "attribute_type":
                var typeName = args[1] is ValueNode { Value: { } v } && AttributeValues.TypeOf(v) == "S" ? (string)v["S"]! : null;
                if (typeName is null)
                {
                    Record("function", $"Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {TypeOfOperand(args[1]) ?? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"}");
                }
                else if (Array.IndexOf(AttributeTypes, typeName) < 0)
                {
                    Record("function", $"Invalid attribute type name found; type: {typeName}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}");
                }

                break;
            case "size" when TypeOfOperand(args[0]) is "N" or "BOOL" or "NULL":
                Record("function", $"Incorrect operand type for operator or function; operator or function: size, operand type: {TypeOfOperand(args[0])}");
                break;
            case "list_append":
                foreach (var arg in args)
                {
                    if (ImmediateType(arg) is { } type and not "L")
                    {
                        Record("function", $"Incorrect operand type for operator or function; operator or function: list_append, operand type: {type}");
                    }
                }

                break;
        }
    }

    /// <summary>Condition-only functions (everything but size) cannot be operands of a comparison.</summary>
    private void CheckMisusedFunctions(params Node[] operands)
    {
        foreach (var operand in operands)
        {
            if (operand is FunctionNode { Name: not "size" } function && ConditionFunctions.ContainsKey(function.Name))
            {
                Record("misusedFunction", $"The function is not allowed to be used this way in an expression; function: {function.Name}");
            }
        }
    }

    /// <summary>size() yields a number, not a condition.</summary>
    private void CheckMisusedSize(Node node)
    {
        if (node is FunctionNode { Name: "size" })
        {
            Record("misusedFunction", "The function is not allowed to be used this way in an expression; function: size");
        }
    }

    private void CheckDistinct(string operatorName, params Node[] operands)
    {
        if (operands[0] is not PathNode first)
        {
            return;
        }

        foreach (var other in operands.Skip(1))
        {
            if (other is PathNode path && path.Path.Elements.SequenceEqual(first.Path.Elements))
            {
                Record("distinct", $"The first operand must be distinct from the remaining operands for this operator or function; operator: {operatorName}, first operand: {first.Path}");
                return;
            }
        }
    }

    private void CheckBetweenBounds(Node lower, Node upper)
    {
        if (lower is not ValueNode { Value: { } low } || upper is not ValueNode { Value: { } high })
        {
            return;
        }

        var lowType = AttributeValues.TypeOf(low)!;
        var highType = AttributeValues.TypeOf(high)!;
        var bounds = $"lower bound operand: AttributeValue: {{{lowType}:{Render(low)}}}, upper bound operand: AttributeValue: {{{highType}:{Render(high)}}}";
        if (lowType != highType)
        {
            Record("function", "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
        }
        else if (AttributeValues.CompareScalars(low, high) > 0)
        {
            Record("function", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
        }
    }

    private static string Render(JsonObject value) => value.First().Value?.ToJsonString().Trim('"') ?? "null";

    private void CheckOverlaps(List<DocumentPath> paths)
    {
        for (var i = 1; i < paths.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var one = paths[j].Elements;
                var two = paths[i].Elements;
                var same = true;
                for (var k = 0; k < Math.Min(one.Count, two.Count); k++)
                {
                    if (one[k].IsIndex != two[k].IsIndex)
                    {
                        Record("pathConflict", $"Two document paths conflict with each other; must remove or rewrite one of these paths; path one: {paths[j]}, path two: {paths[i]}");
                        same = false;
                        break;
                    }

                    if (one[k] != two[k])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    Record("pathOverlap", $"Two document paths overlap with each other; must remove or rewrite one of these paths; path one: {paths[j]}, path two: {paths[i]}");
                }
            }
        }
    }

    /// <summary>The type of a literal value operand, or of a function's result (size is N); null for paths.</summary>
    private static string? TypeOfOperand(Node node) => node switch
    {
        ValueNode { Value: { } value } => AttributeValues.TypeOf(value),
        FunctionNode { Name: "size" } => "N",
        _ => null,
    };

    private static string? ImmediateType(Node node) => node is ValueNode { Value: { } value } ? AttributeValues.TypeOf(value) : null;

    // ---- plumbing ----

    private void Record(string slot, string message) => errors.TryAdd(slot, message);

    private void ThrowFirst(string[] order)
    {
        foreach (var slot in order)
        {
            if (errors.TryGetValue(slot, out var message))
            {
                throw Invalid(message);
            }
        }
    }

    private void Expect(string symbol)
    {
        if (!Current.Is(symbol))
        {
            throw SyntaxError();
        }

        position++;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            throw SyntaxError();
        }

        position++;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw SyntaxError();
        }
    }

    private ExpressionException Invalid(string message) => new($"Invalid {expressionName}: {message}");

    private ExpressionException SyntaxError() => SyntaxError(Current);

    /// <summary>
    /// AWS's "Syntax error; token: "x", near: "..."": near spans the token before, the offending token and the one
    /// after, as written in the source. [guess] the exact span of "near" (observed examples fit it).
    /// </summary>
    private ExpressionException SyntaxError(Token token)
    {
        var index = tokens.IndexOf(token);
        var from = index > 0 ? tokens[index - 1].Start : token.Start;
        var to = token.Kind == TokenKind.End ? source.Length : index + 1 < tokens.Count ? tokens[index + 1].End : token.End;
        var text = token.Kind == TokenKind.End ? "<EOF>" : token.Text;
        return Invalid($"Syntax error; token: \"{text}\", near: \"{source[from..to]}\"");
    }
}
