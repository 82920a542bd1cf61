using Doqutore.Aws.Wire;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// The SigV4 credential scope of a request (<c>AKID/20150830/us-east-1/sts/aws4_request</c>), read from the
/// Authorization header or the presigned <c>X-Amz-Credential</c> parameter, for routing only: the
/// signature itself is checked by the authenticator.
/// </summary>
public sealed record CredentialScope(string AccessKeyId, string Date, string Region, string Service)
{
    public static CredentialScope? Read(WireRequest request)
    {
        var credential = FromAuthorization(request.Headers["Authorization"])
            ?? request.QueryLookup["X-Amz-Credential"].FirstOrDefault();
        if (credential is null)
        {
            return null;
        }

        var parts = credential.Split('/');
        return parts.Length == 5 ? new CredentialScope(parts[0], parts[1], parts[2], parts[3]) : null;
    }

    private static string? FromAuthorization(string? header)
    {
        if (header is null || !header.StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal))
        {
            return null;
        }

        const string Key = "Credential=";
        var start = header.IndexOf(Key, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Key.Length;
        var end = header.IndexOf(',', start);
        return (end < 0 ? header[start..] : header[start..end]).Trim();
    }
}
