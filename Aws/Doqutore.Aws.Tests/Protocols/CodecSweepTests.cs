using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Tests.Shared;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Protocols;

/// <summary>
/// Every operation of every json and rest-json model: a generated input and output survive both directions,
/// and junk input yields only AWS errors.
/// </summary>
public class CodecSweepTests
{
    private static readonly Uri Endpoint = new("http://localhost:4566");

    public static TheoryData<string, Protocol> Models()
    {
        var data = new TheoryData<string, Protocol>();
        foreach (var model in ServiceModels.All().Where(m => m.Protocol is Protocol.Json or Protocol.RestJson))
        {
            data.Add(model.Id, model.Protocol);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_inputs_round_trip_through_client_and_emulator(string id, Protocol protocol)
    {
        var model = ServiceModels.Get(id, protocol)!;
        var codec = ProtocolCodecs.For(model);
        foreach (var operation in model.Operations.Values.Where(o => o.Input is not null))
        {
            var input = ModelSamples.Fixed(operation.Input!);
            var request = codec.SerializeRequest(model, operation, new OperationData((JsonObject)input.DeepClone()), Endpoint);

            var resolved = codec.ResolveOperation(model, request);
            var parsed = codec.ParseRequest(model, operation, request);

            Assert.True(operation == resolved, $"{id} {operation.Name} resolved as {resolved?.Name}");
            Assert.True(Canonical(input) == Canonical(parsed.Values), $"{id} {operation.Name}:\n{Canonical(input)}\n{Canonical(parsed.Values)}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_outputs_round_trip_through_emulator_and_client(string id, Protocol protocol)
    {
        var model = ServiceModels.Get(id, protocol)!;
        var codec = ProtocolCodecs.For(model);
        foreach (var operation in model.Operations.Values.Where(o => o.Output is not null))
        {
            var output = ModelSamples.Fixed(operation.Output!);
            var response = codec.SerializeResponse(model, operation, new OperationData((JsonObject)output.DeepClone()), "rid");

            var parsed = codec.ParseResponse(model, operation, response);

            Assert.True(Canonical(output) == Canonical(parsed.Values), $"{id} {operation.Name}:\n{Canonical(output)}\n{Canonical(parsed.Values)}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Junk_bodies_give_only_aws_errors(string id, Protocol protocol)
    {
        var model = ServiceModels.Get(id, protocol)!;
        var codec = ProtocolCodecs.For(model);
        JsonNode[] wrong = [1, "s", new JsonArray(1), new JsonObject { ["a"] = 1 }, true, 1.5, "AQ=="];
        foreach (var operation in model.Operations.Values.Where(o => o.Input is not null))
        {
            var bodies = new List<string> { "{", "[]", "null", "\"x\"", "{\"Unknown\":1}" };
            foreach (var member in operation.Input!.Members)
            {
                bodies.AddRange(wrong.Select(w => new JsonObject { [member.WireName] = w.DeepClone() }.ToJsonString()));
            }

            foreach (var body in bodies)
            {
                var request = new WireRequest { Method = operation.HttpMethod, RawPath = "/x", Body = Encoding.UTF8.GetBytes(body) };
                try
                {
                    codec.ParseRequest(model, operation, request);
                }
                catch (AwsServiceException e)
                {
                    Assert.Equal("SerializationException", e.Code);
                }
            }
        }
    }

    // Sorted keys; timestamps as epoch milliseconds; numbers as invariant text.
    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        JsonValue v when v.TryGetValue<DateTimeOffset>(out var t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
