using System.Net;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Trail name rules (§1.8): ASCII letters, digits, '.', '_', '-'; starts and ends with a letter or digit; 3-128
/// characters; no adjacent '.', '_' or '-'; not an IP address. Messages as AWS words them [guess: from memory of
/// AWS's answers, the reference lists the rules only].
/// </summary>
public static class TrailNames
{
    public const int MinLength = 3;
    public const int MaxLength = 128;

    /// <summary>Throws InvalidTrailNameException unless <paramref name="name"/> is a valid trail name.</summary>
    public static void Check(string name)
    {
        if (Problem(name) is { } message)
        {
            throw CloudTrailErrors.InvalidTrailName(message);
        }
    }

    /// <summary>What is wrong with <paramref name="name"/>, or null if it is a valid trail name.</summary>
    public static string? Problem(string name)
    {
        if (name.Length < MinLength)
        {
            return $"Trail name too short. Minimum allowed length: {MinLength} characters. Specified name length: {name.Length} characters.";
        }

        if (name.Length > MaxLength)
        {
            return $"Trail name too long. Maximum allowed length: {MaxLength} characters. Specified name length: {name.Length} characters.";
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return "Trail name must starts with a letter or number.";
        }

        if (!char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "Trail name must ends with a letter or number.";
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(name[i]) && !char.IsAsciiLetterOrDigit(name[i - 1]))
            {
                return "Trail name cannot have adjacent periods (.), hyphens (-), or underscores (_).";
            }
        }

        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
        {
            return "Trail name cannot be formatted as an IP address.";
        }

        return null;
    }
}
