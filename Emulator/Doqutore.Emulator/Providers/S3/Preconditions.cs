namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// HTTP conditional requests on an object as S3 evaluates them (RFC 7232 order): If-Match, else
/// If-Unmodified-Since, fail with 412; then If-None-Match, else If-Modified-Since, answer 304 on reads and 412 on
/// writes. Times compare at whole seconds, the precision of the Last-Modified header.
/// </summary>
internal static class Preconditions
{
    public static void Check(S3ObjectVersion current, string? ifMatch, DateTimeOffset? ifUnmodifiedSince, string? ifNoneMatch, DateTimeOffset? ifModifiedSince, string prefix = "")
    {
        var lastModified = Seconds(current.LastModified);
        if (ifMatch is not null)
        {
            if (!Matches(ifMatch, current.ETag))
            {
                throw S3Errors.PreconditionFailed(prefix + "If-Match");
            }
        }
        else if (ifUnmodifiedSince is { } unmodified && lastModified > Seconds(unmodified))
        {
            throw S3Errors.PreconditionFailed(prefix + "If-Unmodified-Since");
        }

        if (ifNoneMatch is not null)
        {
            if (Matches(ifNoneMatch, current.ETag))
            {
                throw prefix.Length == 0 ? S3Errors.NotModified() : S3Errors.PreconditionFailed(prefix + "If-None-Match");
            }
        }
        else if (ifModifiedSince is { } modified && lastModified <= Seconds(modified))
        {
            throw prefix.Length == 0 ? S3Errors.NotModified() : S3Errors.PreconditionFailed(prefix + "If-Modified-Since");
        }
    }

    /// <summary>Whether an If-Match/If-None-Match list (<c>*</c>, quoted or bare ETags, comma-separated) names the ETag.</summary>
    public static bool Matches(string header, string etag)
    {
        var bare = etag.Trim('"');
        foreach (var item in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = item.StartsWith("W/", StringComparison.Ordinal) ? item[2..] : item;
            if (candidate == "*" || candidate.Trim('"') == bare)
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset Seconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
