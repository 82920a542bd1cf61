using System.Security.Cryptography;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Object version ids: 32 URL-safe characters, random, as opaque as S3's.</summary>
internal static class VersionIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 32);

    public static bool IsWellFormed(string versionId) => versionId.Length == 32 && versionId.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
