namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>The bucket and key of a TemplateURL, in each S3 URL form CloudFormation accepts (and the emulator's own path-style URLs).</summary>
internal static class TemplateLocation
{
    public static (string Bucket, string Key)? Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var host = uri.Host;
        var virtualHost = host.IndexOf(".s3", StringComparison.Ordinal);
        if (virtualHost > 0)
        {
            return path.Length == 0 ? null : (host[..virtualHost], path);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == path.Length - 1 ? null : (path[..slash], path[(slash + 1)..]);
    }
}
