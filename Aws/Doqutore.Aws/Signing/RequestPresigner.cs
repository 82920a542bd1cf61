using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>
/// Presigns <see cref="WireRequest"/>s (query form) with AWSSDK.Core's <see cref="AWSSigV4Signer"/>, the engine
/// behind <see cref="SigV4SigningHandler"/> (the handler itself only signs headers).
/// </summary>
public sealed class RequestPresigner(AWSCredentials credentials, string region, string service, DateTime? signedAt = null)
{
    /// <summary>The presigned URL for <paramref name="request"/>, valid for <paramref name="expiry"/>.</summary>
    public Uri Presign(WireRequest request, TimeSpan expiry)
    {
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(request.Method),
            RequestUri = RequestSigner.RawUri(request),
        };
        foreach (var (name, value) in request.Headers)
        {
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                signingRequest.Headers[name] = value;
            }
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt,
        };
        return AWSSigV4Signer.Presign(signingRequest, parameters, expiry).Uri;
    }

    /// <summary>Presigns and moves the presigned query onto <paramref name="request"/>.</summary>
    public void PresignInPlace(WireRequest request, TimeSpan expiry)
    {
        var uri = Presign(request, expiry);
        request.RawQuery = uri.Query.TrimStart('?');
    }
}
