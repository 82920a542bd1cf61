using System.Text.Json;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Authorization;

/// <summary>
/// Validates a policy document as IAM does and compiles it. Element names are case-sensitive; Statement may be
/// one object or an array; Action, Resource and principal values may be one string or an array. Which
/// elements are required or forbidden depends on <see cref="PolicyDocumentKind"/>.
/// </summary>
internal static partial class PolicyParser
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static PolicyDocument Parse(string json, PolicyParseOptions options)
    {
        if (!PolicyDocument.HasOnlyAllowedCharacters(json))
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.InvalidCharacters);
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException)
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.SyntaxErrors);
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Syntax();
            }

            string? version = null;
            string? id = null;
            JsonElement? statement = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "Version":
                        version = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : throw Syntax();
                        break;
                    case "Id":
                        id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : throw Syntax();
                        break;
                    case "Statement":
                        statement = property.Value;
                        break;
                    default:
                        throw Syntax();
                }
            }

            version ??= PolicyDocument.Version2008;
            if (version is not (PolicyDocument.Version2012 or PolicyDocument.Version2008))
            {
                throw new MalformedPolicyDocumentException(PolicyErrors.LegacyParsing);
            }

            var statementElements = statement switch
            {
                { ValueKind: JsonValueKind.Object } one => [one],
                { ValueKind: JsonValueKind.Array } many when many.GetArrayLength() > 0 => many.EnumerateArray().ToList(),
                _ => throw Syntax(),
            };

            var variablesEnabled = version == PolicyDocument.Version2012;
            var statements = new List<PolicyStatement>(statementElements.Count);
            var sids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in statementElements)
            {
                var compiled = ParseStatement(element, options, variablesEnabled);
                if (!string.IsNullOrEmpty(compiled.Sid) && !sids.Add(compiled.Sid))
                {
                    throw new MalformedPolicyDocumentException(PolicyErrors.DuplicateSid);
                }

                statements.Add(compiled);
            }

            return new PolicyDocument(json, version, id, options.Kind, statements);
        }
    }

    private static PolicyStatement ParseStatement(JsonElement element, PolicyParseOptions options, bool variablesEnabled)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Syntax();
        }

        string? sid = null;
        string? effect = null;
        JsonElement? principal = null, notPrincipal = null, action = null, notAction = null, resource = null, notResource = null, condition = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "Sid":
                    sid = value.ValueKind == JsonValueKind.String ? value.GetString() : throw Syntax();
                    break;
                case "Effect":
                    effect = value.ValueKind == JsonValueKind.String ? value.GetString() : throw Syntax();
                    break;
                case "Principal":
                    principal = value;
                    break;
                case "NotPrincipal":
                    notPrincipal = value;
                    break;
                case "Action":
                    action = value;
                    break;
                case "NotAction":
                    notAction = value;
                    break;
                case "Resource":
                    resource = value;
                    break;
                case "NotResource":
                    notResource = value;
                    break;
                case "Condition":
                    condition = value;
                    break;
                default:
                    throw Syntax();
            }
        }

        if ((action is not null && notAction is not null) || (resource is not null && notResource is not null) || (principal is not null && notPrincipal is not null))
        {
            throw Syntax();
        }

        if (options.Kind == PolicyDocumentKind.Identity && sid is not null && !AlphanumericSid().IsMatch(sid))
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.SidNotAlphanumeric);
        }

        var parsedEffect = effect switch
        {
            null => throw new MalformedPolicyDocumentException(PolicyErrors.MissingEffect),
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            _ => throw new MalformedPolicyDocumentException(PolicyErrors.InvalidEffect(effect)),
        };

        PrincipalElement? compiledPrincipal = null;
        if (options.Kind == PolicyDocumentKind.Identity)
        {
            if (principal is not null || notPrincipal is not null)
            {
                throw new MalformedPolicyDocumentException(PolicyErrors.PrincipalNotAllowed);
            }
        }
        else
        {
            compiledPrincipal = (principal ?? notPrincipal) is { } element2
                ? ParsePrincipal(element2, options)
                : throw new MalformedPolicyDocumentException(PolicyErrors.MissingPrincipal);
        }

        var actions = (action ?? notAction) is { } actionElement ? StringList(actionElement) : [];
        if (actions.Count == 0)
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.MissingActions);
        }

        foreach (var name in actions)
        {
            if (name != "*" && (name.IndexOf(':', StringComparison.Ordinal) <= 0))
            {
                throw new MalformedPolicyDocumentException(PolicyErrors.MissingVendor);
            }
        }

        IReadOnlyList<string>? resources = null;
        if ((resource ?? notResource) is { } resourceElement)
        {
            if (options.Kind == PolicyDocumentKind.RoleTrust)
            {
                throw new MalformedPolicyDocumentException(PolicyErrors.ProhibitedField(resource is not null ? "Resource" : "NotResource"));
            }

            resources = StringList(resourceElement);
            if (resources.Count == 0)
            {
                throw new MalformedPolicyDocumentException(PolicyErrors.MissingResources);
            }

            foreach (var entry in resources)
            {
                if (entry != "*" && !entry.StartsWith("arn:", StringComparison.Ordinal))
                {
                    throw new MalformedPolicyDocumentException(PolicyErrors.ResourceNotArn(entry));
                }
            }
        }
        else if (options.Kind == PolicyDocumentKind.Identity)
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.MissingResources);
        }

        var conditions = condition is { } conditionElement ? ParseConditions(conditionElement, variablesEnabled) : [];
        return new PolicyStatement(sid, parsedEffect, compiledPrincipal, notPrincipal is not null, actions, notAction is not null, resources, notResource is not null, conditions, variablesEnabled);
    }

    private static List<ConditionClause> ParseConditions(JsonElement element, bool variablesEnabled)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Syntax();
        }

        var clauses = new List<ConditionClause>();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            if (!ConditionOperator.TryParse(operatorProperty.Name, out var op))
            {
                throw new MalformedPolicyDocumentException(PolicyErrors.InvalidConditionType(operatorProperty.Name));
            }

            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                throw Syntax();
            }

            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                if (keyProperty.Name.IndexOf(':', StringComparison.Ordinal) <= 0)
                {
                    throw new MalformedPolicyDocumentException(PolicyErrors.MissingVendor);
                }

                var values = ConditionValues(keyProperty.Value);
                clauses.Add(new ConditionClause(op, keyProperty.Name, values, variablesEnabled));
            }
        }

        return clauses;
    }

    private static List<string> ConditionValues(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>(element.GetArrayLength());
            foreach (var item in element.EnumerateArray())
            {
                list.Add(ConditionScalar(item));
            }

            return list.Count > 0 ? list : throw Syntax();
        }

        return [ConditionScalar(element)];
    }

    private static string ConditionScalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw Syntax(),
    };

    private static PrincipalElement ParsePrincipal(JsonElement element, PolicyParseOptions options)
    {
        var aws = new HashSet<string>(StringComparer.Ordinal);
        var services = new HashSet<string>(StringComparer.Ordinal);
        var federated = new HashSet<string>(StringComparer.Ordinal);
        var canonical = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            return text == "*"
                ? new PrincipalElement(true, aws, services, federated, canonical)
                : throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal("AWS", text));
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Syntax();
        }

        foreach (var property in element.EnumerateObject())
        {
            var values = StringList(property.Value);
            if (values.Count == 0)
            {
                throw Syntax();
            }

            foreach (var value in values)
            {
                switch (property.Name)
                {
                    case "AWS":
                        if (value == "*")
                        {
                            any = true;
                        }
                        else
                        {
                            aws.Add(NormaliseAwsPrincipal(value, options));
                        }

                        break;
                    case "Service":
                        services.Add(value.Length > 0 && !value.Any(char.IsWhiteSpace) ? value : throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal(property.Name, value)));
                        break;
                    case "Federated":
                        federated.Add(value.Length > 0 && !value.Any(char.IsWhiteSpace) ? value : throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal(property.Name, value)));
                        break;
                    case "CanonicalUser":
                        canonical.Add(value.Length > 0 ? value : throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal(property.Name, value)));
                        break;
                    default:
                        throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal(property.Name, value));
                }
            }
        }

        return new PrincipalElement(any, aws, services, federated, canonical);
    }

    private static string NormaliseAwsPrincipal(string value, PolicyParseOptions options)
    {
        if (AccountId().IsMatch(value))
        {
            return $"arn:aws:iam::{value}:root";
        }

        var match = AwsPrincipalArn().Match(value);
        if (!match.Success)
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal("AWS", value));
        }

        var kind = match.Groups["kind"].Value;
        if ((kind.StartsWith("user/", StringComparison.Ordinal) || kind.StartsWith("role/", StringComparison.Ordinal))
            && options.PrincipalExists is { } exists && !exists(value))
        {
            throw new MalformedPolicyDocumentException(PolicyErrors.InvalidPrincipal("AWS", value));
        }

        return value;
    }

    private static List<string> StringList(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.Array:
                var list = new List<string>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Syntax());
                }

                return list;
            default:
                throw Syntax();
        }
    }

    private static MalformedPolicyDocumentException Syntax() => new(PolicyErrors.SyntaxErrors);

    [GeneratedRegex("^[0-9A-Za-z]*$")]
    private static partial Regex AlphanumericSid();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^arn:aws[a-z-]*:(iam::[0-9]{12}:(?<kind>root|user/.+|role/.+)|sts::[0-9]{12}:(?<kind>assumed-role/[^/]+/.+|federated-user/.+))$")]
    private static partial Regex AwsPrincipalArn();
}
