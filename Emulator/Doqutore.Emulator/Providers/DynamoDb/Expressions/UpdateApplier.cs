using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>
/// Applies a parsed UpdateExpression to an item. As in DynamoDB, every SET value is computed from the item as it was
/// before the update, then the actions are applied; list elements removed by index are removed from the highest
/// index down so that the indexes all refer to the original list. Runtime type errors carry AWS's messages.
/// </summary>
internal static class UpdateApplier
{
    public const string IncorrectDataType = "An operand in the update expression has an incorrect data type";
    public const string MissingAttribute = "The provided expression refers to an attribute that does not exist in the item";
    public const string InvalidPath = "The document path provided in the update expression is invalid for update";

    /// <summary>Returns the updated copy of <paramref name="original"/>; the original is left untouched.</summary>
    public static JsonObject Apply(UpdateExpression update, JsonObject original)
    {
        var values = update.Actions
            .Where(a => a.Kind == UpdateActionKind.Set)
            .Select(a => (a.Path, Value: SetValue(a.Value!, original)))
            .ToList();
        var item = AttributeValues.Clone(original);
        foreach (var (path, value) in values)
        {
            Assign(item, path, AttributeValues.Clone(value));
        }

        var removals = update.Actions.Where(a => a.Kind == UpdateActionKind.Remove)
            .OrderByDescending(a => a.Path.Elements[^1].IsIndex ? a.Path.Elements[^1].Index : -1);
        foreach (var removal in removals)
        {
            Remove(item, removal.Path);
        }

        foreach (var action in update.Actions.Where(a => a.Kind is UpdateActionKind.Add or UpdateActionKind.Delete))
        {
            var operand = ((ValueNode)action.Value!).Value!;
            var current = DocumentPaths.Resolve(item, action.Path);
            if (action.Kind == UpdateActionKind.Add)
            {
                Assign(item, action.Path, Add(current, operand));
            }
            else if (current is not null)
            {
                var remaining = Delete(current, operand);
                if (remaining is null)
                {
                    Remove(item, action.Path);
                }
                else
                {
                    Assign(item, action.Path, remaining);
                }
            }
        }

        return item;
    }

    private static JsonObject SetValue(Node node, JsonObject item)
    {
        switch (node)
        {
            case PathNode path:
                return DocumentPaths.Resolve(item, path.Path) ?? throw new ExpressionException(MissingAttribute);
            case ValueNode value:
                return value.Value!;
            case FunctionNode { Name: "if_not_exists" } ifNotExists:
                return DocumentPaths.Resolve(item, ((PathNode)ifNotExists.Arguments[0]).Path) ?? SetValue(ifNotExists.Arguments[1], item);
            case FunctionNode { Name: "list_append" } append:
                var first = SetValue(append.Arguments[0], item);
                var second = SetValue(append.Arguments[1], item);
                if (AttributeValues.TypeOf(first) != "L" || AttributeValues.TypeOf(second) != "L")
                {
                    throw new ExpressionException(IncorrectDataType);
                }

                var list = new JsonArray();
                foreach (var element in first["L"]!.AsArray().Concat(second["L"]!.AsArray()))
                {
                    list.Add(element!.DeepClone());
                }

                return new JsonObject { ["L"] = list };
            case ArithmeticNode arithmetic:
                var left = SetValue(arithmetic.Left, item);
                var right = SetValue(arithmetic.Right, item);
                if (AttributeValues.TypeOf(left) != "N" || AttributeValues.TypeOf(right) != "N")
                {
                    throw new ExpressionException(IncorrectDataType);
                }

                return new JsonObject { ["N"] = AttributeValues.AddNumbers((string)left["N"]!, (string)right["N"]!, arithmetic.Operator == '-') };
            default:
                throw new ExpressionException(IncorrectDataType);
        }
    }

    private static JsonObject Add(JsonObject? current, JsonObject operand)
    {
        var type = AttributeValues.TypeOf(operand);
        if (current is null)
        {
            return AttributeValues.Clone(operand);
        }

        if (AttributeValues.TypeOf(current) != type)
        {
            throw new ExpressionException(IncorrectDataType);
        }

        if (type == "N")
        {
            return new JsonObject { ["N"] = AttributeValues.AddNumbers((string)current["N"]!, (string)operand["N"]!) };
        }

        var union = current[type!]!.AsArray().Select(e => (string)e!).ToList();
        foreach (var element in operand[type!]!.AsArray().Select(e => (string)e!))
        {
            if (!union.Any(existing => SameElement(type!, existing, element)))
            {
                union.Add(element);
            }
        }

        return new JsonObject { [type!] = new JsonArray([.. union.Select(e => (JsonNode)JsonValue.Create(e))]) };
    }

    private static JsonObject? Delete(JsonObject current, JsonObject operand)
    {
        var type = AttributeValues.TypeOf(operand);
        if (AttributeValues.TypeOf(current) != type)
        {
            throw new ExpressionException(IncorrectDataType);
        }

        var removed = operand[type!]!.AsArray().Select(e => (string)e!).ToList();
        var remaining = current[type!]!.AsArray().Select(e => (string)e!).Where(e => !removed.Any(r => SameElement(type!, e, r))).ToList();
        return remaining.Count == 0 ? null : new JsonObject { [type!] = new JsonArray([.. remaining.Select(e => (JsonNode)JsonValue.Create(e))]) };
    }

    private static bool SameElement(string setType, string a, string b) =>
        setType == "NS" ? AttributeValues.CompareNumbers(a, b) == 0 : a == b;

    private static void Assign(JsonObject item, DocumentPath path, JsonObject value)
    {
        if (path.Elements.Count == 1)
        {
            item[path.Head] = value;
            return;
        }

        var parent = DocumentPaths.Resolve(item, new DocumentPath(path.Elements.Take(path.Elements.Count - 1).ToList()));
        var last = path.Elements[^1];
        if (last.IsIndex && parent?["L"] is JsonArray list)
        {
            if (last.Index < list.Count)
            {
                list[last.Index] = value;
            }
            else
            {
                list.Add(value);
            }
        }
        else if (!last.IsIndex && parent?["M"] is JsonObject map)
        {
            map[last.Name!] = value;
        }
        else
        {
            throw new ExpressionException(InvalidPath);
        }
    }

    private static void Remove(JsonObject item, DocumentPath path)
    {
        if (path.Elements.Count == 1)
        {
            item.Remove(path.Head);
            return;
        }

        var parent = DocumentPaths.Resolve(item, new DocumentPath(path.Elements.Take(path.Elements.Count - 1).ToList()));
        var last = path.Elements[^1];
        if (last.IsIndex && parent?["L"] is JsonArray list)
        {
            if (last.Index < list.Count)
            {
                list.RemoveAt(last.Index);
            }
        }
        else if (!last.IsIndex && parent?["M"] is JsonObject map)
        {
            map.Remove(last.Name!);
        }
        else if (parent is null || (last.IsIndex ? parent["L"] is null : parent["M"] is null))
        {
            // [guess] removing below a missing or scalar attribute is invalid, as it is for SET.
            throw new ExpressionException(InvalidPath);
        }
    }
}
