using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// The forms Lambda accepts for <c>FunctionName</c>: a name (<c>my-function</c>), a name with qualifier
/// (<c>my-function:$LATEST</c>), a partial ARN (<c>123456789012:function:my-function</c>) or a full ARN.
/// </summary>
internal static partial class FunctionNames
{
    public const string Pattern = @"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";

    public static string Arn(string region, string accountId, string name) => $"arn:aws:lambda:{region}:{accountId}:function:{name}";

    /// <summary>The parts of a FunctionName value; account and region are null where the value does not give them.</summary>
    public static (string Name, string? Account, string? Region, string? Qualifier)? Parse(string? value)
    {
        if (value is null || value.Length is 0 or > 170 || FunctionNamePattern().Match(value) is not { Success: true } match)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var qualifier = match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null;
        var account = match.Groups["account"].Success ? match.Groups["account"].Value : null;
        var region = match.Groups["region"].Success ? match.Groups["region"].Value : null;
        return name.Length > 64 ? null : (name, account, region, qualifier);
    }

    /// <summary>A bare function name (CreateFunction): letters, digits, hyphens and underscores, 1 to 64 characters.</summary>
    public static bool IsName(string? value) => value is { Length: > 0 and <= 64 } && BareNamePattern().IsMatch(value);

    [GeneratedRegex(@"^(arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z]{2}(-gov)?-[a-z]+-\d):(?<account>\d{12}):function:|(?<account>\d{12}):function:)?(?<name>[a-zA-Z0-9-_]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$")]
    private static partial Regex FunctionNamePattern();

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex BareNamePattern();
}
