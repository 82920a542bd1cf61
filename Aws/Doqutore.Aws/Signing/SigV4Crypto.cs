using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Doqutore.Aws.Signing;

/// <summary>The hashing primitives of SigV4: SHA-256, HMAC-SHA256, lowercase hex, key derivation.</summary>
internal static class SigV4Crypto
{
    /// <summary>Texts up to this many UTF-8 bytes are hashed from the stack; longer ones from a pooled buffer.</summary>
    private const int StackBytes = 1024;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string Sha256Hex(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return Sha256Hex(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static byte[] Hmac(ReadOnlySpan<byte> key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static string HmacHex(ReadOnlySpan<byte> key, string data)
    {
        var length = Encoding.UTF8.GetMaxByteCount(data.Length);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(key, buffer[..Encoding.UTF8.GetBytes(data, buffer)], mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

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

        // Equal strings have equal UTF-16 code units: compare those, with no encoding step.
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));
    }

    public static bool IsLowerOrUpperHex64(string value) => value.Length == 64 && !value.AsSpan().ContainsAnyExcept(HexDigits);
}
