using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.Oracle;

/// <summary>
/// Botocore generates random outputs of every operation; our codec serializes each as a response and
/// botocore's own parser must read back exactly that output.
/// </summary>
public sealed class OracleResponseTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Models => OracleRun.Models;

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Botocore_parses_our_responses_into_the_output_we_serialized(string id, string protocol)
    {
        var run = OracleRun.Start(id, protocol);
        var expected = new Dictionary<(string, int), JsonObject>();
        var responses = new List<string>();

        foreach (var line in BotocoreOracle.Run(run.Model, "outputs"))
        {
            var operationName = (string)line["operation"]!;
            var sample = (int)line["sample"]!;
            var operation = run.Model.GetOperation(operationName);
            run.Operations.Add(operationName);
            run.Checked++;
            var output = line["output"]!.AsObject();
            expected[(operationName, sample)] = OracleTree.Normalize(output, operation.Output);
            try
            {
                var response = run.Codec.SerializeResponse(run.Model, operation, ToOperationData(operation, output), "oracle-request-id");
                responses.Add(ToLine(operationName, sample, response).ToJsonString());
            }
            catch (Exception e)
            {
                run.Add(operationName, sample, "(serialize)", "a response", $"threw {e.GetType().Name}: {e.Message}");
            }
        }

        var file = Path.Combine(Path.GetTempPath(), $"doqutore-oracle-{run.Model.Id}-{run.Model.Protocol}-{Environment.ProcessId}.jsonl");
        File.WriteAllLines(file, responses);
        try
        {
            var wire = responses.Select(r => JsonNode.Parse(r)!.AsObject()).ToDictionary(r => ((string)r["operation"]!, (int)r["sample"]!));
            foreach (var line in BotocoreOracle.Run(run.Model, "parse-responses", file))
            {
                var key = ((string)line["operation"]!, (int)line["sample"]!);
                if (line["error"] is { } error)
                {
                    run.Add(key.Item1, key.Item2, "(botocore parse)", "a parsable response", $"botocore failed: {error}");
                }
                else
                {
                    var parsed = OracleTree.Normalize(line["parsed"]!.AsObject(), run.Model.GetOperation(key.Item1).Output);
                    OracleTree.Compare(expected[key], parsed, string.Empty, key.Item1, key.Item2, run.Mismatches);
                }

                run.RememberWire(key.Item1, key.Item2, () => Describe(wire[key]));
            }
        }
        finally
        {
            File.Delete(file);
        }

        run.AssertNoMismatch("responses (expected: the output our codec serialized; got: what botocore parsed)", output);
    }

    /// <summary>The tree our serializer takes: a streaming blob payload travels as the stream.</summary>
    private static OperationData ToOperationData(Operation operation, JsonObject output)
    {
        var values = (JsonObject)output.DeepClone();
        var data = new OperationData(values);
        if (operation.Output?.Payload is { } payload
            && operation.Output.GetMember(payload) is { Type: ShapeType.Blob, Streaming: true }
            && values[payload] is JsonValue body)
        {
            var bytes = Convert.FromBase64String(body.GetValue<string>());
            values.Remove(payload);
            data.Stream = new MemoryStream(bytes);
            data.StreamLength = bytes.Length;
        }

        return data;
    }

    private static JsonObject ToLine(string operation, int sample, WireResponse response)
    {
        byte[] body;
        if (response.BodyStream is { } stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            stream.Dispose();
            body = buffer.ToArray();
        }
        else
        {
            body = response.Body.ToArray();
        }

        var headers = new JsonArray();
        foreach (var (name, value) in response.Headers)
        {
            headers.Add(new JsonArray(name, value));
        }

        return new JsonObject
        {
            ["operation"] = operation,
            ["sample"] = sample,
            ["status"] = response.StatusCode,
            ["headers"] = headers,
            ["body"] = Convert.ToBase64String(body),
        };
    }

    private static string Describe(JsonObject wire)
    {
        var body = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)wire["body"]!));
        var headers = string.Join("; ", wire["headers"]!.AsArray().Select(h => $"{h![0]}: {h[1]}"));
        var text = $"HTTP {wire["status"]} [{headers}] {body}";
        return text.Length <= 600 ? text : string.Concat(text.AsSpan(0, 597), "...");
    }
}
