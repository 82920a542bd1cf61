using System.Net;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>Sends a hand-built (and perhaps hand-signed) request exactly as given, for wire-level tests.</summary>
public static class RawHttp
{
    private static readonly HttpClient Http = new();

    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(WireRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.ToUri());
        message.Content = new ByteArrayContent(request.Body.ToArray());
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await Http.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
