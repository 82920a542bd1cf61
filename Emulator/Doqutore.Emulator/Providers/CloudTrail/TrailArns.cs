namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>Trail ARNs: <c>arn:aws:cloudtrail:{region}:{account}:trail/{name}</c>.</summary>
internal static class TrailArns
{
    public static string Of(string region, string account, string name) => $"arn:aws:cloudtrail:{region}:{account}:trail/{name}";

    /// <summary>Reads a trail ARN; false for anything else (a plain name included).</summary>
    public static bool TryParse(string value, out string region, out string account, out string name)
    {
        region = account = name = string.Empty;
        var parts = value.Split(':', 6);
        if (parts is not ["arn", _, "cloudtrail", { Length: > 0 } r, { Length: > 0 } a, var resource]
            || !resource.StartsWith("trail/", StringComparison.Ordinal) || resource.Length == "trail/".Length)
        {
            return false;
        }

        (region, account, name) = (r, a, resource["trail/".Length..]);
        return true;
    }

    public static bool LooksLikeArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);
}
