using System.Text;
using Doqutore.Emulator.Providers.S3;

namespace Doqutore.Emulator.Tests.S3;

public sealed class ChecksumTests
{
    // The check values of the CRC catalogue ("123456789"): CRC-32 cbf43926, CRC-32C e3069283.
    [Theory]
    [InlineData("CRC32", "cbf43926")]
    [InlineData("CRC32C", "e3069283")]
    [InlineData("SHA1", "f7c3bc1d808e04732adf679965ccc34ca7ae3441")]
    public void Each_algorithm_gives_its_catalogue_check_value(string algorithm, string hex)
    {
        var checksum = NonCryptographicChecksum.For(algorithm)!;
        checksum.Append(Encoding.ASCII.GetBytes("123"));
        checksum.Append(Encoding.ASCII.GetBytes("456789"));

        Assert.Equal(hex, Convert.ToHexStringLower(checksum.GetHashAndReset()));
    }

    [Fact]
    public void An_unknown_algorithm_has_no_checksum()
    {
        Assert.Null(NonCryptographicChecksum.For("MD4"));
    }
}
