using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>S3's general-purpose bucket naming rules.</summary>
internal static partial class BucketNames
{
    /// <summary>
    /// 3–63 characters of lower-case letters, digits, dots and hyphens; starting and ending with a letter or
    /// digit; no two adjacent dots; not an IP address; not the reserved prefixes and suffixes.
    /// </summary>
    public static bool IsValid(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Contains(".-", StringComparison.Ordinal)
        && !name.Contains("-.", StringComparison.Ordinal)
        && !IpAddressForm().IsMatch(name)
        && !name.StartsWith("xn--", StringComparison.Ordinal)
        && !name.StartsWith("sthree-", StringComparison.Ordinal)
        && !name.EndsWith("-s3alias", StringComparison.Ordinal)
        && !name.EndsWith("--ol-s3", StringComparison.Ordinal);

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex IpAddressForm();
}
