using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// A server that does nothing: Kestrel answering every AWS request with a canned body (an STS
/// GetCallerIdentity result for query requests, an empty DynamoDB ListTables result for json ones). The
/// SDK client measured against it gives the client's own ceiling on this machine, and its start-up the
/// floor of any Kestrel app.
/// </summary>
public static class StubServer
{
    private static readonly byte[] StsBody = Encoding.UTF8.GetBytes(
        """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:iam::000000000000:root</Arn>
            <UserId>000000000000</UserId>
            <Account>000000000000</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata>
            <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
          </ResponseMetadata>
        </GetCallerIdentityResponse>
        """);

    private static readonly byte[] JsonBody = Encoding.UTF8.GetBytes("""{"TableNames":[]}""");

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, args.Int("port", 4599));
        });
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task AnswerAsync(HttpContext http)
    {
        // Read the body as a real server must, then answer.
        await http.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
        var json = http.Request.Headers.ContainsKey("X-Amz-Target");
        var body = http.Request.Path.StartsWithSegments(ServerProcess.HealthPath) ? JsonBody
            : json ? JsonBody
            : StsBody;
        http.Response.StatusCode = 200;
        http.Response.ContentType = json ? "application/x-amz-json-1.0" : "text/xml";
        http.Response.ContentLength = body.Length;
        http.Response.Headers["x-amzn-RequestId"] = "01234567-89ab-cdef-0123-456789abcdef";
        await http.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
