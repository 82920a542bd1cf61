using System.Security.Cryptography;

namespace Doqutore.Emulator.Core;

/// <summary>
/// Access key ids as AWS makes them: a four-letter prefix (<c>AKIA</c> long-term, <c>ASIA</c> temporary)
/// and 16 base32 characters that encode the owning account, so that <c>sts:GetAccessKeyInfo</c> can answer
/// for any key, as AWS does. The layout (account in bits 1–40 of the first six decoded bytes) is the one
/// published by security researchers for keys issued since 2019.
/// </summary>
public static class AccessKeyIds
{
    public const string LongTermPrefix = "AKIA";
    public const string TemporaryPrefix = "ASIA";

    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const ulong AccountMask = 0x7F_FFFF_FFFF_80;

    /// <summary>A new key id of the account, with random bits elsewhere.</summary>
    public static string New(string prefix, string accountId)
    {
        var account = ulong.Parse(accountId, System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var head = (account << 7) & AccountMask;
        head |= (ulong)(byte)(bytes[5] & 0x7F);
        head |= (ulong)(byte)(bytes[0] & 0x80) << 40;
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(head >> (8 * (5 - i)));
        }

        return prefix + Encode(bytes);
    }

    /// <summary>The account a key id encodes, or null when it is not a 20-character AWS-style key id.</summary>
    public static string? AccountOf(string accessKeyId)
    {
        if (accessKeyId.Length != 20 || Decode(accessKeyId[4..]) is not { } bytes)
        {
            return null;
        }

        ulong head = 0;
        for (var i = 0; i < 6; i++)
        {
            head = (head << 8) | bytes[i];
        }

        return ((head & AccountMask) >> 7).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A 40-character secret access key.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length * 8 / 5];
        var bits = 0;
        var buffer = 0;
        var c = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[c++] = Base32[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        return new string(chars);
    }

    private static byte[]? Decode(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        var bits = 0;
        var buffer = 0;
        var i = 0;
        foreach (var ch in text)
        {
            var value = Base32.IndexOf(ch, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes[i++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return bytes;
    }
}
