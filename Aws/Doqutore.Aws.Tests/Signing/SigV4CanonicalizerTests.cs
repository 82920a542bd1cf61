using Doqutore.Aws.Models;
using Doqutore.Aws.Signing;

namespace Doqutore.Aws.Tests.Signing;

public class SigV4CanonicalizerTests
{
    [Theory]
    [InlineData("/a//b/./c/../d/", "/a/b/d/")]
    [InlineData("/a%20b/%E1%88%B4", "/a%2520b/%25E1%2588%25B4")]
    [InlineData("", "/")]
    public void Other_services_normalize_and_double_encode_the_wire_path(string raw, string canonical) =>
        Assert.Equal(canonical, SigV4Canonicalizer.CanonicalPath(raw, SigV4Conventions.Default));

    [Theory]
    [InlineData("/bucket/a//b/../c", "/bucket/a//b/../c")]
    [InlineData("/bucket/a%20b+c%2Bd", "/bucket/a%20b%2Bc%2Bd")]
    [InlineData("/bucket/x%2Fy", "/bucket/x/y")]
    [InlineData("/bucket/%e1%88%b4", "/bucket/%E1%88%B4")]
    public void S3_encodes_the_decoded_key_once_without_normalizing(string raw, string canonical) =>
        Assert.Equal(canonical, SigV4Canonicalizer.CanonicalPath(raw, ServiceQuirks.SigV4ConventionsFor("s3")));

    [Theory]
    [InlineData("b=2&a=1&a=0", "a=0&a=1&b=2")]
    [InlineData("flag&x=a+b", "flag=&x=a%20b")]
    [InlineData("k=%2B%7e", "k=%2B~")]
    public void The_query_is_decoded_encoded_and_sorted(string raw, string canonical) =>
        Assert.Equal(canonical, SigV4Canonicalizer.CanonicalQuery(raw));

    [Theory]
    [InlineData("s3", false)]
    [InlineData("s3-object-lambda", false)]
    [InlineData("sts", true)]
    [InlineData("dynamodb", true)]
    public void Only_the_s3_family_skips_path_normalization(string signingName, bool normalizes) =>
        Assert.Equal(normalizes, ServiceQuirks.SigV4ConventionsFor(signingName).NormalizePath);

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a/b/", "/a/b/")]
    [InlineData("//", "/")]
    [InlineData("/a//", "/a/")]
    [InlineData("/./", "/")]
    [InlineData("/a/.", "/a")]
    [InlineData("/..", "/")]
    [InlineData("/a/..b/.c", "/a/..b/.c")]
    [InlineData("a/b", "/a/b")]
    public void Path_normalization_removes_only_empty_dot_and_dot_dot_segments(string path, string normalized) =>
        Assert.Equal(normalized, SigV4Canonicalizer.NormalizePath(path));

    [Theory]
    [InlineData("/AZaz09-_.~/x")]
    [InlineData("/bucket/key")]
    public void A_path_of_unreserved_characters_is_its_own_canonical_form(string path)
    {
        Assert.Equal(path, SigV4Canonicalizer.CanonicalPath(path, SigV4Conventions.Default));
        Assert.Equal(path, SigV4Canonicalizer.CanonicalPath(path, ServiceQuirks.SigV4ConventionsFor("s3")));
    }

    [Fact]
    public void Header_values_are_trimmed_collapsed_and_repeated_ones_joined()
    {
        var request = new Doqutore.Aws.Wire.WireRequest();
        request.Headers.Add("X-Custom", "  a   b\t c  ");
        request.Headers.Add("x-custom", "d");
        request.Headers.Add("X-Plain", "plain value");

        Assert.Equal("a b c,d", SigV4Canonicalizer.CanonicalHeaderValue(request, "x-custom"));
        Assert.Equal("plain value", SigV4Canonicalizer.CanonicalHeaderValue(request, "x-plain"));
        Assert.Equal("localhost", SigV4Canonicalizer.CanonicalHeaderValue(request, "host"));
    }
}
