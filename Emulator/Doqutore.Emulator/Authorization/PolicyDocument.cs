namespace Doqutore.Emulator.Authorization;

/// <summary>
/// A compiled, immutable IAM policy document. <see cref="Parse(string, PolicyParseOptions)"/> validates as IAM does and
/// throws <see cref="MalformedPolicyDocumentException"/>; the result is safe to share between threads and
/// cheap to evaluate (see <see cref="PolicyEvaluator"/>).
/// </summary>
public sealed class PolicyDocument
{
    public const string Version2012 = "2012-10-17";
    public const string Version2008 = "2008-10-17";

    internal PolicyDocument(string text, string version, string? id, PolicyDocumentKind kind, IReadOnlyList<PolicyStatement> statements)
    {
        Text = text;
        Version = version;
        Id = id;
        Kind = kind;
        Statements = statements;
    }

    /// <summary>The document exactly as given.</summary>
    public string Text { get; }

    /// <summary><c>2012-10-17</c>, or <c>2008-10-17</c> (also when Version is absent): policy variables work only in 2012-10-17.</summary>
    public string Version { get; }

    public string? Id { get; }

    public PolicyDocumentKind Kind { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses and validates an identity-based policy (no Principal allowed).</summary>
    public static PolicyDocument Parse(string json) => Parse(json, PolicyParseOptions.Identity);

    /// <summary>Parses and validates a document of the given kind.</summary>
    public static PolicyDocument Parse(string json, PolicyDocumentKind kind) => Parse(json, kind switch
    {
        PolicyDocumentKind.Resource => PolicyParseOptions.Resource,
        PolicyDocumentKind.RoleTrust => PolicyParseOptions.RoleTrust,
        _ => PolicyParseOptions.Identity,
    });

    /// <summary>
    /// Parses and validates a document. Throws <see cref="MalformedPolicyDocumentException"/> with IAM's
    /// wording (see <see cref="PolicyErrors"/> for which texts are known and which are guesses).
    /// </summary>
    public static PolicyDocument Parse(string json, PolicyParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        return PolicyParser.Parse(json, options);
    }

    /// <summary>
    /// The size IAM counts against its policy quotas: characters other than whitespace (IAM's quotas say
    /// "IAM doesn't count white space characters"). Size limits depend on the entity, so the IAM provider
    /// applies them.
    /// </summary>
    public static int CountNonWhitespaceCharacters(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var count = 0;
        foreach (var c in json)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether the text uses only the characters IAM accepts in a document: tab, LF, CR and U+0020–U+00FF.</summary>
    public static bool HasOnlyAllowedCharacters(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        foreach (var c in json)
        {
            if (c is not ('\t' or '\n' or '\r' or (>= '\u0020' and <= '\u00FF')))
            {
                return false;
            }
        }

        return true;
    }
}
