using System.Text.Json.Nodes;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.S3;
using Doqutore.Emulator.Providers.S3.Storage;

namespace Doqutore.Emulator.Tests.S3;

/// <summary>
/// Paging by 7 through 10,000+ keys: every key and every common prefix is listed exactly once, in order, whether a
/// page ends on a key or on a common prefix, as ListObjectsV2, ListObjects and ListObjectVersions page in AWS.
/// </summary>
public sealed class ListingPagingTests
{
    private const string Bucket = "paging";
    private const int PageSize = 7;
    private static readonly List<string> Keys = MakeKeys();
    private readonly S3Provider _provider;

    public ListingPagingTests()
    {
        var store = new S3Store(new MemoryBlobStore());
        store.AddOrGet(new S3Bucket(new S3BucketSettings { Name = Bucket, Owner = "000000000000", Region = "us-east-1" }));
        _provider = new S3Provider(store, TimeProvider.System);
        foreach (var key in Keys)
        {
            _provider.PutAsService(Bucket, key, [1], "text/plain", "000000000000");
        }
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("", "/")]
    [InlineData("photos/", "/")]
    [InlineData("photos/2", "/")]
    [InlineData("docs/", null)]
    [InlineData("photos/", "-")]
    public void ListObjectsV2_pages_of_7_list_each_key_and_common_prefix_once(string prefix, string? delimiter)
    {
        var listed = new List<string>();
        string? token = null;
        do
        {
            var page = _provider.ListObjectsV2(Context(), Input(prefix, delimiter, ("ContinuationToken", token)));
            var entries = Entries(page);
            Assert.True(entries.Count <= PageSize);
            Assert.Equal(entries.Count, (int)page["KeyCount"]!);
            listed.AddRange(entries);
            token = (bool)page["IsTruncated"]! ? (string)page["NextContinuationToken"]! : null;
        }
        while (token is not null);

        Assert.Equal(Expected(prefix, delimiter), listed);
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("photos/", "/")]
    [InlineData("", null)]
    public void ListObjects_v1_pages_of_7_list_each_key_and_common_prefix_once(string prefix, string? delimiter)
    {
        var listed = new List<string>();
        string? marker = null;
        do
        {
            var page = _provider.ListObjects(Context(), Input(prefix, delimiter, ("Marker", marker)));
            var entries = Entries(page);
            listed.AddRange(entries);

            // Without a delimiter S3 sends no NextMarker: the client goes on from the last key.
            marker = (bool)page["IsTruncated"]! ? (string?)page["NextMarker"] ?? entries[^1] : null;
        }
        while (marker is not null);

        Assert.Equal(Expected(prefix, delimiter), listed);
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("photos/", "/")]
    [InlineData("docs/", null)]
    public void ListObjectVersions_pages_of_7_list_each_version_and_common_prefix_once(string prefix, string? delimiter)
    {
        var listed = new List<string>();
        string? keyMarker = null;
        string? versionMarker = null;
        do
        {
            var page = _provider.ListObjectVersions(Context(), Input(prefix, delimiter, ("KeyMarker", keyMarker), ("VersionIdMarker", versionMarker)));
            var entries = (page["Versions"]?.AsArray() ?? []).Select(v => (string)v!["Key"]!)
                .Concat((page["CommonPrefixes"]?.AsArray() ?? []).Select(p => (string)p!["Prefix"]!))
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.True(entries.Count <= PageSize);
            listed.AddRange(entries);
            var truncated = (bool)page["IsTruncated"]!;
            keyMarker = truncated ? (string)page["NextKeyMarker"]! : null;
            versionMarker = truncated ? (string?)page["NextVersionIdMarker"] : null;
        }
        while (keyMarker is not null);

        Assert.Equal(Expected(prefix, delimiter), listed);
    }

    /// <summary>What AWS lists: each key under the prefix, rolled up to its common prefix where the delimiter follows the prefix.</summary>
    private static List<string> Expected(string prefix, string? delimiter) =>
        Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => delimiter is not null && k.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var at and >= 0 ? k[..(at + delimiter.Length)] : k)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> Entries(JsonObject page) =>
        (page["Contents"]?.AsArray() ?? []).Select(c => (string)c!["Key"]!)
            .Concat((page["CommonPrefixes"]?.AsArray() ?? []).Select(p => (string)p!["Prefix"]!))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static JsonObject Input(string prefix, string? delimiter, params (string Name, string? Value)[] markers)
    {
        var input = new JsonObject { ["Bucket"] = Bucket, ["Prefix"] = prefix, ["MaxKeys"] = (long)PageSize };
        if (delimiter is not null)
        {
            input["Delimiter"] = delimiter;
        }

        foreach (var (name, value) in markers)
        {
            if (value is not null)
            {
                input[name] = value;
            }
        }

        return input;
    }

    private static RequestContext Context() => new(new WireRequest(), "req", DateTimeOffset.UtcNow) { Principal = Principal.Root("000000000000", "test") };

    /// <summary>
    /// 10,500 keys: photos/&lt;year&gt;/&lt;month&gt;-&lt;n&gt;.jpg in groups of varied sizes (so pages end inside groups, on
    /// group boundaries and on plain keys), loose keys between the groups, and a docs/ tree.
    /// </summary>
    private static List<string> MakeKeys()
    {
        var keys = new List<string>();
        for (var i = 0; i < 9_000; i++)
        {
            keys.Add($"photos/{2000 + (i % 23)}/{i % 12:D2}-{i}.jpg");
        }

        for (var i = 0; i < 500; i++)
        {
            keys.Add($"photos/loose-{i:D3}.txt");
            keys.Add($"docs/{i % 9}/{i}.md");
        }

        for (var i = 0; i < 500; i++)
        {
            keys.Add($"z{i:D4}");
        }

        return keys;
    }
}
