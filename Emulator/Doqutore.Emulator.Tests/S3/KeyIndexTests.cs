using Doqutore.Emulator.Providers.S3;

namespace Doqutore.Emulator.Tests.S3;

public sealed class KeyIndexTests
{
    [Fact]
    public void Keys_added_in_any_order_come_back_in_ordinal_order_from_any_point()
    {
        var keys = Enumerable.Range(0, 12_000).Select(i => $"k{(i * 7919) % 12_000:D5}").ToList();
        var index = new KeyIndex();
        foreach (var key in keys)
        {
            index[key] = [Version(key)];
        }

        foreach (var key in keys.Where((_, i) => i % 3 == 0))
        {
            Assert.True(index.Remove(key));
        }

        var expected = keys.Where((_, i) => i % 3 != 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, index.From(null, inclusive: true).Select(e => e.Key));
        Assert.Equal(expected.Where(k => string.CompareOrdinal(k, "k06000") > 0), index.From("k06000", inclusive: false).Select(e => e.Key));
        Assert.Equal(expected.Where(k => string.CompareOrdinal(k, "k06001") >= 0), index.From("k06001", inclusive: true).Select(e => e.Key));
        Assert.Equal(expected.Count, index.Count);
    }

    [Fact]
    public void A_delimited_listing_touches_one_key_per_common_prefix_and_none_outside_the_prefix()
    {
        var index = new KeyIndex();
        foreach (var key in Enumerable.Range(0, 10_000).Select(i => $"logs/{i % 10}/{i:D5}")
            .Concat(Enumerable.Range(0, 5_000).Select(i => $"other/{i:D5}"))
            .Append("logs/top.txt"))
        {
            index[key] = [Version(key)];
        }

        var touched = 0;
        var listed = index.Under("logs/", "/", start: null, inclusive: false, _ => ++touched > 0).ToList();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"logs/{i}/").Append("logs/top.txt"), listed.Select(e => e.Key));
        Assert.Equal(10, listed.Count(e => e.IsCommonPrefix));
        Assert.Equal(11, touched);
    }

    [Theory]
    [InlineData("a/", "a0")]
    [InlineData("a\uffff", "b")]
    [InlineData("\uffff", null)]
    public void Past_a_prefix_is_the_least_string_after_everything_under_it(string prefix, string? expected) =>
        Assert.Equal(expected, KeyIndex.PastPrefix(prefix));

    private static S3ObjectVersion Version(string key) => new() { Key = key };
}
