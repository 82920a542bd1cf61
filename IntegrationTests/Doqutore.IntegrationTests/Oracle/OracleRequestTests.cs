using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.Oracle;

/// <summary>
/// Botocore serializes random inputs of every operation; our codec must resolve each request to the same
/// operation and parse back exactly the input botocore was given.
/// </summary>
public sealed class OracleRequestTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Models => OracleRun.Models;

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Our_codec_parses_botocore_requests_into_the_input_botocore_was_given(string id, string protocol)
    {
        var run = OracleRun.Start(id, protocol);

        foreach (var line in BotocoreOracle.Run(run.Model, "requests"))
        {
            var operationName = (string)line["operation"]!;
            var sample = (int)line["sample"]!;
            run.Operations.Add(operationName);
            run.Checked++;
            if (line["error"] is { } error)
            {
                run.Add(operationName, sample, "(oracle)", $"could not serialize a generated input: {error}", "-");
                continue;
            }

            var request = ToWireRequest(line["request"]!.AsObject());
            Check(run, operationName, sample, request, line["input"]!.AsObject());
            run.RememberWire(operationName, sample, () => Describe(request));
        }

        run.AssertNoMismatch("requests (expected: the input botocore serialized; got: what our codec parsed)", output);
    }

    private static void Check(OracleRun run, string operationName, int sample, WireRequest request, JsonObject input)
    {
        var operation = run.Model.GetOperation(operationName);
        try
        {
            var resolved = run.Codec.ResolveOperation(run.Model, request);
            if (resolved is not null && resolved.Name != operationName && SameBinding(resolved, operation))
            {
                // Two operations on one method and URI (S3's deprecated GetBucketLifecycle and its successor):
                // no server can tell them apart, so either answer is right. The parse is still checked.
                run.Indistinguishable.Add($"{operationName} ~ {resolved.Name}");
            }
            else if (resolved?.Name != operationName)
            {
                run.Add(operationName, sample, "(operation)", operationName, resolved?.Name ?? "(none)");
                return;
            }

            var parsed = run.Codec.ParseRequest(run.Model, operation, request);
            var expected = OracleTree.Normalize(input, operation.Input);
            var actual = OracleTree.Normalize(parsed, operation.Input);
            OracleTree.Compare(expected, actual, string.Empty, operationName, sample, run.Mismatches);
        }
        catch (Exception e)
        {
            var what = e is AwsServiceException aws ? $"{aws.Code}: {aws.Message}" : $"{e.GetType().Name}: {e.Message}";
            run.Add(operationName, sample, "(parse)", "a parsed input", $"threw {what}");
        }
    }

    private static bool SameBinding(Operation a, Operation b) =>
        a.HttpMethod == b.HttpMethod && a.RequestUri == b.RequestUri;

    private static WireRequest ToWireRequest(JsonObject wire)
    {
        var request = new WireRequest
        {
            Method = (string)wire["method"]!,
            Host = (string)wire["host"]!,
            Scheme = "http",
            RawPath = (string)wire["path"]!,
            RawQuery = (string)wire["query"]!,
            Body = Convert.FromBase64String((string)wire["body"]!),
        };
        foreach (var header in wire["headers"]!.AsArray())
        {
            request.Headers.Add((string)header![0]!, (string)header[1]!);
        }

        if (request.Headers["Host"] is null)
        {
            request.Headers.Add("Host", request.Host);
        }

        return request;
    }

    private static string Describe(WireRequest request)
    {
        var body = Encoding.UTF8.GetString(request.Body.Span);
        var headers = string.Join("; ", request.Headers.Select(h => $"{h.Key}: {h.Value}"));
        var text = $"{request.Method} {request.RawPath}{(request.RawQuery.Length > 0 ? "?" + request.RawQuery : string.Empty)} [{headers}] {body}";
        return text.Length <= 600 ? text : string.Concat(text.AsSpan(0, 597), "...");
    }
}
