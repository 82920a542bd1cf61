namespace Doqutore.Emulator.Providers.S3;

/// <summary>Reads <c>x-amz-copy-source</c>: <c>[/]bucket/key[?versionId=id]</c>, URL-encoded.</summary>
internal static class CopySource
{
    public static (string Bucket, string Key, string? VersionId) Parse(string header)
    {
        var text = header;
        string? versionId = null;
        var query = text.IndexOf("?versionId=", StringComparison.Ordinal);
        if (query >= 0)
        {
            versionId = Uri.UnescapeDataString(text[(query + "?versionId=".Length)..]);
            text = text[..query];
        }

        text = Uri.UnescapeDataString(text).TrimStart('/');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw S3Errors.InvalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
        }

        return (text[..slash], text[(slash + 1)..], versionId);
    }
}
