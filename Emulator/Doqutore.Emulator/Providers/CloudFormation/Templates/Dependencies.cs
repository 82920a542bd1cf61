using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// The resources a resource depends on — its <c>DependsOn</c> plus every resource its properties name through
/// <c>Ref</c>, <c>Fn::GetAtt</c> and <c>Fn::Sub</c> — and the order that satisfies them all.
/// </summary>
public static class Dependencies
{
    /// <summary>The names a value refers to with <c>Ref</c>, <c>Fn::GetAtt</c> or <c>Fn::Sub</c> (parameters and pseudo parameters included).</summary>
    public static IEnumerable<string> Referenced(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj.First() is var (key, value) && Intrinsics.IsFunction(key):
                switch (key)
                {
                    case "Ref" when value is JsonValue name:
                        yield return (string)name!;
                        yield break;
                    case "Fn::GetAtt":
                        if (value is JsonArray { Count: > 0 } args && args[0] is JsonValue resource)
                        {
                            yield return (string)resource!;
                        }
                        else if (value is JsonValue dotted && ((string?)dotted)?.Split('.')[0] is { } head)
                        {
                            yield return head;
                        }

                        foreach (var inner in value is JsonArray rest ? rest.Skip(1).SelectMany(Referenced) : [])
                        {
                            yield return inner;
                        }

                        yield break;
                    case "Fn::Sub":
                        var (text, variables) = value switch
                        {
                            JsonValue s => ((string?)s, (JsonObject?)null),
                            JsonArray { Count: 2 } a => ((string?)(a[0] as JsonValue), a[1] as JsonObject),
                            _ => (null, null),
                        };
                        foreach (var variable in text is null ? [] : SubTemplate.Variables(text))
                        {
                            if (variables?.ContainsKey(variable) != true)
                            {
                                yield return variable.Split('.')[0] is var head && !PseudoParameters.IsPseudo(variable) ? head : variable;
                            }
                        }

                        foreach (var inner in variables is null ? [] : variables.Select(v => v.Value).SelectMany(Referenced))
                        {
                            yield return inner;
                        }

                        yield break;
                }

                foreach (var inner in Referenced(value))
                {
                    yield return inner;
                }

                yield break;
            case JsonObject obj:
                foreach (var inner in obj.SelectMany(p => Referenced(p.Value)))
                {
                    yield return inner;
                }

                yield break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(Referenced))
                {
                    yield return inner;
                }

                yield break;
        }
    }

    /// <summary>The logical ids of <paramref name="resources"/> a resource definition depends on.</summary>
    public static IReadOnlySet<string> Of(JsonObject definition, IReadOnlySet<string> resources)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in DependsOn(definition).Concat(Referenced(definition["Properties"])))
        {
            if (resources.Contains(name))
            {
                result.Add(name);
            }
        }

        return result;
    }

    public static IEnumerable<string> DependsOn(JsonObject definition) => definition["DependsOn"] switch
    {
        JsonValue one => [(string)one!],
        JsonArray many => many.Select(d => (string)d!),
        _ => [],
    };

    /// <summary>
    /// An order in which every resource comes after those it depends on (ties by logical id, so runs repeat);
    /// a cycle is AWS's "Circular dependency between resources" error.
    /// </summary>
    public static IReadOnlyList<string> Order(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var order = new List<string>(graph.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = new SortedSet<string>(graph.Keys, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(r => graph[r].All(done.Contains));
            if (ready is null)
            {
                throw new TemplateException($"Circular dependency between resources: [{string.Join(", ", pending)}]");
            }

            order.Add(ready);
            done.Add(ready);
            pending.Remove(ready);
        }

        return order;
    }
}
