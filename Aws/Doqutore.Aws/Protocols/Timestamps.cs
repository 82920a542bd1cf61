using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Protocols;

/// <summary>
/// Timestamp formats of the AWS protocols: <c>iso8601</c> (query and rest-xml bodies, query strings),
/// <c>unixTimestamp</c> (json and rest-json bodies; seconds with fractions), <c>rfc822</c> (headers).
/// A member's <c>timestampFormat</c> trait overrides the protocol default.
/// </summary>
public static class Timestamps
{
    public const string Iso8601 = "iso8601";
    public const string UnixTimestamp = "unixTimestamp";
    public const string Rfc822 = "rfc822";

    public static string Format(DateTimeOffset value, string format) => format switch
    {
        UnixTimestamp => ToEpoch(value).ToString("0.###", CultureInfo.InvariantCulture),
        Rfc822 => value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture),
        _ => value.UtcDateTime.Millisecond == 0
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    public static double ToEpoch(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Epoch seconds AWS can express: years 0001 to 9999.</summary>
    public static bool IsEpochInRange(double seconds) => double.IsFinite(seconds) && seconds > -62135596800 && seconds < 253402300800;

    /// <summary>A timestamp from epoch seconds; <see cref="FormatException"/> outside years 0001–9999.</summary>
    public static DateTimeOffset FromEpoch(double seconds) => IsEpochInRange(seconds)
        ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000))
        : throw new FormatException($"{seconds.ToString(CultureInfo.InvariantCulture)} is not a timestamp in range.");

    /// <summary>Parses any of the three formats (AWS clients are lenient in the same way).</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && !text.Contains('-', StringComparison.Ordinal))
        {
            if (!IsEpochInRange(epoch))
            {
                value = default;
                return false;
            }

            value = FromEpoch(epoch);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a timestamp.");

    /// <summary>Reads a timestamp from the neutral tree: a <see cref="DateTimeOffset"/>, a string or an epoch number.</summary>
    public static DateTimeOffset Read(JsonNode node)
    {
        var value = node.AsValue();
        if (value.TryGetValue<DateTimeOffset>(out var dto))
        {
            return dto;
        }

        if (value.TryGetValue<DateTime>(out var dt))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return FromEpoch(ScalarValues.ReadDouble(value));
        }

        return Parse(value.GetValue<string>());
    }
}
