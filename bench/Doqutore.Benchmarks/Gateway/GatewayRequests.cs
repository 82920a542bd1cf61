using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Gateway;
using Doqutore.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.Benchmarks.Gateway;

/// <summary>
/// The emulator's gateway chain without Kestrel or a client: a real emulator's <see cref="GatewayPipeline"/>
/// handed an <see cref="HttpContext"/> built from a request signed as the SDK signs it (root credentials
/// test/test, with the SDK's usual extra headers). What a call costs here is what the emulator adds on top of
/// Kestrel's HTTP/1.1 parsing and writing. Setup creates the table, item, bucket and object the reads need,
/// through the same pipeline.
/// </summary>
public sealed class GatewayRequests : IDisposable
{
    private const string Region = "us-east-1";
    private static readonly Uri Endpoint = new("http://127.0.0.1:4566");
    private static readonly byte[] Object4K = Encoding.ASCII.GetBytes(new string('x', 4096));

    private readonly WebApplication _app;
    private readonly GatewayPipeline _pipeline;

    public GatewayRequests()
    {
        _app = EmulatorHost.Create(["--Logging:LogLevel:Default=Warning"], o => o.Port = 0);
        _pipeline = _app.Services.GetRequiredService<GatewayPipeline>();
        Send(Signed("dynamodb", "CreateTable", new JsonObject
        {
            ["TableName"] = "bench",
            ["AttributeDefinitions"] = new JsonArray(new JsonObject { ["AttributeName"] = "pk", ["AttributeType"] = "S" }),
            ["KeySchema"] = new JsonArray(new JsonObject { ["AttributeName"] = "pk", ["KeyType"] = "HASH" }),
            ["BillingMode"] = "PAY_PER_REQUEST",
        }));
        Send(Request("ddb-put"));
        Send(Signed("s3", "CreateBucket", new JsonObject { ["Bucket"] = "bench" }));
        Send(Request("s3-put"));
    }

    /// <summary>The operations measured, as the load driver names them.</summary>
    public static IReadOnlyList<string> Operations { get; } = ["sts", "ddb-get", "ddb-put", "s3-get", "s3-put"];

    /// <summary>A signed wire request for one of <see cref="Operations"/> (signed now: SigV4 allows 15 minutes of skew).</summary>
    public static WireRequest Request(string operation) => operation switch
    {
        "sts" => Signed("sts", "GetCallerIdentity", []),
        "ddb-get" => Signed("dynamodb", "GetItem", new JsonObject { ["TableName"] = "bench", ["Key"] = new JsonObject { ["pk"] = S("item-1") } }),
        "ddb-put" => Signed("dynamodb", "PutItem", new JsonObject
        {
            ["TableName"] = "bench",
            ["Item"] = new JsonObject { ["pk"] = S("item-1"), ["name"] = S("Ada"), ["visits"] = new JsonObject { ["N"] = "3" } },
        }),
        "s3-get" => Signed("s3", "GetObject", new JsonObject { ["Bucket"] = "bench", ["Key"] = "object-4k" }),
        "s3-put" => Signed("s3", "PutObject", new JsonObject { ["Bucket"] = "bench", ["Key"] = "object-4k", ["ContentLength"] = Object4K.Length }, Object4K),
        _ => throw new ArgumentException($"Unknown operation '{operation}' ({string.Join(", ", Operations)})."),
    };

    /// <summary>Runs one request through the gateway; returns the status code.</summary>
    public async Task<int> SendAsync(WireRequest request)
    {
        var http = ToHttpContext(request);
        await _pipeline.HandleAsync(http).ConfigureAwait(false);
        return http.Response.StatusCode;
    }

    /// <summary>Only the harness's share: the <see cref="HttpContext"/> a call starts from, without the gateway.</summary>
    public static int ContextOnly(WireRequest request) => ToHttpContext(request).Response.StatusCode;

    public void Dispose() => ((IDisposable)_app).Dispose();

    private void Send(WireRequest request)
    {
        var status = SendAsync(request).GetAwaiter().GetResult();
        if (status != 200)
        {
            throw new InvalidOperationException($"Setup request {request.Method} {request.RawPath} answered {status}.");
        }
    }

    private static WireRequest Signed(string service, string operation, JsonObject input, byte[]? body = null)
    {
        var model = ServiceModels.Get(service);
        var data = new OperationData(input) { Stream = body is null ? null : new MemoryStream(body) };
        var request = ProtocolCodecs.For(model).SerializeRequest(model, model.GetOperation(operation), data, Endpoint);
        if (body is not null)
        {
            request.BodyStream = null;
            request.Body = body;
        }

        // What the AWS SDK for .NET adds to every call.
        request.Headers["User-Agent"] = "aws-sdk-dotnet-coreclr/4.0.0 ua/2.1 os/linux lang/.NET_Core#10.0 md/aws-sdk-dotnet-core#4.0";
        request.Headers["amz-sdk-invocation-id"] = Guid.NewGuid().ToString();
        request.Headers["amz-sdk-request"] = "attempt=1; max=1";
        using var signer = new RequestSigner(new BasicAWSCredentials("test", "test"), Region, model.Metadata.SigningName);
        signer.Sign(request);
        return request;
    }

    private static HttpContext ToHttpContext(WireRequest request)
    {
        var features = new FeatureCollection();
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers)
        {
            headers.Append(name, value);
        }

        if (!headers.ContainsKey("Host"))
        {
            headers["Host"] = request.Host;
        }

        var target = request.RawPath + (request.RawQuery.Length > 0 ? "?" + request.RawQuery : string.Empty);
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = request.Method,
            Scheme = request.Scheme,
            Path = Uri.UnescapeDataString(request.RawPath),
            QueryString = request.RawQuery.Length > 0 ? "?" + request.RawQuery : string.Empty,
            RawTarget = target,
            Headers = headers,
            Body = new MemoryStream(request.Body.ToArray(), writable: false),
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Loopback, LocalIpAddress = IPAddress.Loopback });
        return new DefaultHttpContext(features);
    }

    private static JsonObject S(string value) => new() { ["S"] = value };
}
