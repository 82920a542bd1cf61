// The MD5 digests SQS returns, exactly as AWS computes them (SQS Developer Guide, "Calculating the MD5 message
// digest for message attributes"); the AWS SDKs for .NET and Java verify them on send and receive.
//
// Body:       hex MD5 of the UTF-8 body.
// Attributes: sort the attributes by name (ordinal); for each, append
//               4-byte big-endian length + UTF-8 name,
//               4-byte big-endian length + UTF-8 data type,
//               one transport byte: 1 for String/Number types, 2 for Binary types,
//               4-byte big-endian length + value (UTF-8 string value, or the raw binary bytes);
//             then hex MD5 of the whole buffer. System attributes (AWSTraceHeader) use the same algorithm.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>MD5 digests of message bodies and message attributes as SQS computes them.</summary>
internal static class MessageDigests
{
    private const byte StringTransport = 1;
    private const byte BinaryTransport = 2;

    public static string OfBody(string body) => Hex(MD5.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>The digest of a set of attributes, or null when there are none (SQS then omits the member).</summary>
    public static string? OfAttributes(IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(name));
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(value.DataType));
            if (value.IsBinary)
            {
                buffer.WriteByte(BinaryTransport);
                WriteLengthPrefixed(buffer, value.BinaryValue ?? []);
            }
            else
            {
                buffer.WriteByte(StringTransport);
                WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(value.StringValue ?? string.Empty));
            }
        }

        return Hex(MD5.HashData(buffer.ToArray()));
    }

    private static void WriteLengthPrefixed(MemoryStream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
