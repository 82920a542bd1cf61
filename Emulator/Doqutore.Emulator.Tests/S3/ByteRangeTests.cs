using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Providers.S3;

namespace Doqutore.Emulator.Tests.S3;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-4", 0, 4)]
    [InlineData("bytes=5-", 5, 9)]
    [InlineData("bytes=-3", 7, 9)]
    [InlineData("bytes=8-100", 8, 9)]
    [InlineData("bytes=-100", 0, 9)]
    public void A_single_range_resolves_against_the_size(string header, long first, long last)
    {
        Assert.Equal(new ByteRange(first, last), ByteRange.Parse(header, 10));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("items=0-1")]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=a-b")]
    public void What_is_not_one_byte_range_is_ignored(string? header)
    {
        Assert.Null(ByteRange.Parse(header, 10));
    }

    [Theory]
    [InlineData("bytes=10-")]
    [InlineData("bytes=-0")]
    public void A_range_past_the_end_is_InvalidRange(string header)
    {
        var error = Assert.Throws<AwsServiceException>(() => ByteRange.Parse(header, 10));

        Assert.Equal("InvalidRange", error.Code);
        Assert.Equal(416, error.StatusCode);
        Assert.Equal("bytes */10", error.Headers["Content-Range"]);
    }
}
