using System.Security.Cryptography;
using System.Text;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// IAM identifiers as AWS shapes them: unique ids are a four-letter prefix (<c>AIDA</c> user, <c>AROA</c> role,
/// <c>AGPA</c> group, <c>ANPA</c> managed policy) plus 17 characters of A–Z and 2–7 (21 in all); access key
/// ids are <c>AKIA</c> plus 16 (20 in all); secrets are 40 characters of base64 alphabet.
/// </summary>
public static class IamIds
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string UniqueId(string prefix) => prefix + RandomNumberGenerator.GetString(Base32, 17);

    public static string AccessKeyId() => "AKIA" + RandomNumberGenerator.GetString(Base32, 16);

    public static string SecretAccessKey() => RandomNumberGenerator.GetString(SecretAlphabet, 40);

    /// <summary>A unique id derived from a key, the same in every run (AWS managed policies' ids).</summary>
    public static string Stable(string prefix, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var id = new StringBuilder(prefix, 21);
        for (var i = 0; i < 17; i++)
        {
            id.Append(Base32[hash[i] % 32]);
        }

        return id.ToString();
    }
}
