using System.Globalization;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>A resolved byte range of an object: first and last byte, inclusive.</summary>
internal readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public string ContentRange(long size) => $"bytes {First}-{Last}/{size}";

    /// <summary>
    /// Reads a <c>Range</c> header against an object's size: null when the header is absent or not a single
    /// byte range (S3 then answers the whole object, as it ignores what it does not understand);
    /// <c>InvalidRange</c> (416) when the range starts past the end.
    /// </summary>
    public static ByteRange? Parse(string? header, long size)
    {
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal) || spec.IndexOf('-', StringComparison.Ordinal) is var dash && dash < 0)
        {
            return null;
        }

        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            if (suffix == 0 || size == 0)
            {
                throw S3Errors.InvalidRange(size, header);
            }

            return new ByteRange(Math.Max(0, size - suffix), size - 1);
        }

        if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return null;
        }

        var last = size - 1;
        if (lastText.Length > 0)
        {
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first)
            {
                return null;
            }
        }

        if (first >= size)
        {
            throw S3Errors.InvalidRange(size, header);
        }

        return new ByteRange(first, Math.Min(last, size - 1));
    }
}
