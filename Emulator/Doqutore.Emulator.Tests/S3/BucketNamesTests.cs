using Doqutore.Emulator.Providers.S3;

namespace Doqutore.Emulator.Tests.S3;

public sealed class BucketNamesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("my.bucket-1")]
    [InlineData("123")]
    public void Valid_names_pass(string name) => Assert.True(BucketNames.IsValid(name));

    [Theory]
    [InlineData("ab")]
    [InlineData("a-bucket-name-that-is-much-too-long-to-be-accepted-by-s3-at-all-x")]
    [InlineData("Capital")]
    [InlineData("192.168.5.4")]
    [InlineData("a..b")]
    [InlineData("a.-b")]
    [InlineData("xn--bucket")]
    [InlineData("bucket-s3alias")]
    [InlineData("bucket-")]
    public void Invalid_names_fail(string name) => Assert.False(BucketNames.IsValid(name));
}
