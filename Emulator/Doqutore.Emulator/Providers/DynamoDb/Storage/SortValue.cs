using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Storage;

/// <summary>
/// A sort-key value made cheap to compare, computed once when an item is stored: strings as their UTF-8 bytes and
/// binaries as their bytes (DynamoDB orders both bytewise), numbers by value. <see cref="Min"/> and
/// <see cref="Max"/> bound every value, for open-ended ranges.
/// </summary>
internal readonly struct SortValue : IComparable<SortValue>
{
    private readonly sbyte bound;
    private readonly byte[]? bytes;
    private readonly decimal? exact;
    private readonly double approximate;

    private SortValue(sbyte bound, byte[]? bytes, decimal? exact, double approximate)
    {
        this.bound = bound;
        this.bytes = bytes;
        this.exact = exact;
        this.approximate = approximate;
    }

    public static SortValue Min { get; } = new(-1, null, null, 0);

    public static SortValue Max { get; } = new(1, null, null, 0);

    /// <summary>The value of a tableʼs only key when it has no sort key: every item of a partition compares equal.</summary>
    public static SortValue None { get; } = new(0, [], null, 0);

    public static SortValue Of(JsonObject? value) => AttributeValues.TypeOf(value) switch
    {
        "S" => new SortValue(0, Encoding.UTF8.GetBytes((string)value!["S"]!), null, 0),
        "B" => new SortValue(0, AttributeValues.Bytes(value!), null, 0),
        "N" => Number((string)value!["N"]!),
        _ => None,
    };

    /// <summary>The least byte string greater than every string starting with this one (Max when there is none), for begins_with.</summary>
    public SortValue PrefixEnd()
    {
        var end = bytes!.AsSpan().TrimEnd((byte)0xff).ToArray();
        if (end.Length == 0)
        {
            return Max;
        }

        end[^1]++;
        return new SortValue(0, end, null, 0);
    }

    public int CompareTo(SortValue other)
    {
        if (bound != 0 || other.bound != 0)
        {
            return bound.CompareTo(other.bound);
        }

        if (bytes is not null && other.bytes is not null)
        {
            return bytes.AsSpan().SequenceCompareTo(other.bytes);
        }

        return exact is { } x && other.exact is { } y ? x.CompareTo(y) : approximate.CompareTo(other.approximate);
    }

    private static SortValue Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? new SortValue(0, null, exact, (double)exact)
            : new SortValue(0, null, null, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
}
