using System.Security.Cryptography;
using System.Text;

namespace Doqutore.Aws.Signing;

/// <summary>The hashing primitives of SigV4: SHA-256, HMAC-SHA256, lowercase hex, key derivation.</summary>
internal static class SigV4Crypto
{
    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    public static byte[] Hmac(ReadOnlySpan<byte> key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static string HmacHex(ReadOnlySpan<byte> key, string data) => Convert.ToHexStringLower(Hmac(key, data));

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, string date, string region, string service)
    {
        var dateKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        var regionKey = Hmac(dateKey, region);
        var serviceKey = Hmac(regionKey, service);
        return Hmac(serviceKey, SigV4Constants.Terminator);
    }

    /// <summary>Compares two signatures (or tokens) without leaking where they differ.</summary>
    public static bool FixedTimeEquals(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
    }

    public static bool IsLowerOrUpperHex64(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);
}
