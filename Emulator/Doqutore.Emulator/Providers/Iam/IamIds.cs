using System.Security.Cryptography;
using System.Text;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// IAM identifiers as AWS shapes them: unique ids are a four-letter prefix (<c>AIDA</c> user, <c>AROA</c> role,
/// <c>AGPA</c> group, <c>ANPA</c> managed policy) plus 17 characters of A–Z and 2–7 (21 in all). Access keys
/// come from <see cref="Core.AccessKeyIds"/>, which encodes the account in the key id as AWS does.
/// </summary>
public static class IamIds
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string UniqueId(string prefix) => prefix + RandomNumberGenerator.GetString(Base32, 17);

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
