using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// CRC-32 (polynomial 0xEDB88320, S3's CRC32) and CRC-32C (Castagnoli, 0x82F63B78, S3's CRC32C), reflected, as an
/// incremental hash; the value is the big-endian 4 bytes S3 base64-encodes in <c>x-amz-checksum-crc32(c)</c>.
/// </summary>
internal sealed class Crc32 : NonCryptographicChecksum
{
    private static readonly uint[] Ieee = Table(0xEDB88320u);
    private static readonly uint[] Castagnoli = Table(0x82F63B78u);
    private readonly uint[] _table;
    private uint _crc = 0xFFFFFFFFu;

    private Crc32(uint[] table) => _table = table;

    public static Crc32 CreateIeee() => new(Ieee);

    public static Crc32 CreateCastagnoli() => new(Castagnoli);

    public override void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data)
        {
            crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
    }

    public override byte[] GetHashAndReset()
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, ~_crc);
        _crc = 0xFFFFFFFFu;
        return value;
    }

    private static uint[] Table(uint polynomial)
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}

/// <summary>One incremental checksum: a CRC or a cryptographic hash.</summary>
internal abstract class NonCryptographicChecksum
{
    public abstract void Append(ReadOnlySpan<byte> data);

    public abstract byte[] GetHashAndReset();

    /// <summary>The checksum S3 names <paramref name="algorithm"/> (CRC32, CRC32C, SHA1, SHA256), or null.</summary>
    public static NonCryptographicChecksum? For(string algorithm) => algorithm.ToUpperInvariant() switch
    {
        "CRC32" => Crc32.CreateIeee(),
        "CRC32C" => Crc32.CreateCastagnoli(),
        "SHA1" => new Hashed(IncrementalHash.CreateHash(HashAlgorithmName.SHA1)),
        "SHA256" => new Hashed(IncrementalHash.CreateHash(HashAlgorithmName.SHA256)),
        _ => null,
    };

    private sealed class Hashed(IncrementalHash hash) : NonCryptographicChecksum
    {
        public override void Append(ReadOnlySpan<byte> data) => hash.AppendData(data);

        public override byte[] GetHashAndReset() => hash.GetHashAndReset();
    }
}
