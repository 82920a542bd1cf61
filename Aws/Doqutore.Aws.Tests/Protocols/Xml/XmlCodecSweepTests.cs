using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Tests.Shared;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Protocols.Xml;

/// <summary>
/// Every operation of every query and rest-xml model: a generated input and output survive both directions,
/// and junk input yields only the protocol's AWS errors.
/// </summary>
public class XmlCodecSweepTests
{
    public static TheoryData<string, Protocol> Models()
    {
        var data = new TheoryData<string, Protocol>();
        foreach (var model in ServiceModels.All().Where(m => m.Protocol is Protocol.Query or Protocol.RestXml))
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
        foreach (var operation in model.Operations.Values.Where(o => o.Input is not null && !HasEventStream(o.Input)))
        {
            var input = ModelSamples.Fixed(operation.Input!, ModelSamples.Style.Xml);
            var request = codec.SerializeRequest(model, operation, new OperationData((JsonObject)input.DeepClone()), CodecHarness.Endpoint);

            var resolved = codec.ResolveOperation(model, request);
            var parsed = codec.ParseRequest(model, operation, request);

            // A deprecated operation (S3 GetBucketLifecycle) is the same request as its successor; S3 Express's
            // ListDirectoryBuckets is ListBuckets' request sent to another endpoint.
            var twin = operation.Deprecated || (id, operation.Name) == ("s3", "ListDirectoryBuckets");
            Assert.True(operation == resolved || (twin && resolved?.Uri.Text == operation.Uri.Text), $"{id} {operation.Name} resolved as {resolved?.Name}");
            // Deprecated S3 Put/GetBucketNotification name both a member and a flattened list "Event".
            Assert.True(operation.Deprecated || Canonical(input) == Canonical(parsed.Values), $"{id} {operation.Name}:\n{Canonical(input)}\n{Canonical(parsed.Values)}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_outputs_round_trip_through_emulator_and_client(string id, Protocol protocol)
    {
        var model = ServiceModels.Get(id, protocol)!;
        var codec = ProtocolCodecs.For(model);
        // Deprecated S3 GetBucketNotification names both a member and a flattened list "Event": no document can tell them apart.
        foreach (var operation in model.Operations.Values.Where(o => o.Output is not null && !HasEventStream(o.Output) && !o.Deprecated))
        {
            var output = ModelSamples.Fixed(operation.Output!, ModelSamples.Style.Xml);
            var response = codec.SerializeResponse(model, operation, new OperationData((JsonObject)output.DeepClone()), "rid");

            var parsed = codec.ParseResponse(model, operation, response);

            Assert.True(Canonical(output) == Canonical(parsed.Values), $"{id} {operation.Name}:\n{Canonical(output)}\n{Canonical(parsed.Values)}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Junk_input_gives_only_aws_errors(string id, Protocol protocol)
    {
        var model = ServiceModels.Get(id, protocol)!;
        var codec = ProtocolCodecs.For(model);
        string[] junk = ["<", "<a><b></a>", "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "x", "<a>\u0001</a>"];
        foreach (var operation in model.Operations.Values.Where(o => o.Input is not null))
        {
            var bodies = new List<string>(junk);
            foreach (var member in operation.Input!.Members)
            {
                bodies.Add($"{member.WireName}=%ZZ&{member.WireName}.member.1=q&{member.WireName}.1.x=1");
                bodies.Add($"<{operation.Name}><{member.WireName}>notanumber</{member.WireName}><{member.WireName}><member>x</member></{member.WireName}></{operation.Name}>");
                bodies.Add($"{member.WireName}=notanumber&{member.WireName}.entry.1.value=1");
            }

            foreach (var body in bodies)
            {
                var request = new WireRequest { Method = operation.HttpMethod, RawPath = "/b/k", RawQuery = "uploadId=1", Body = Encoding.UTF8.GetBytes(body) };
                try
                {
                    codec.ParseRequest(model, operation, request);
                }
                catch (AwsServiceException e)
                {
                    Assert.Contains(e.Code, (string[])["MalformedXML", "ValidationError", "InvalidArgument"]);
                }
            }
        }
    }

    private static bool HasEventStream(Shape shape) => shape.Members.Any(m => m.Shape.EventStream);

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
