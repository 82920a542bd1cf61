using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.Json;

namespace Doqutore.Aws.Tests.Protocols.Json;

public class JsonShapeSerializerTests
{
    private static Shape Input(string service, string operation) => ServiceModels.Get(service).GetOperation(operation).Input!;

    private static AwsServiceException ReadFails(Shape shape, string json) =>
        Assert.Throws<AwsServiceException>(() => JsonShapeSerializer.Read(shape, Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Null_values_are_absent()
    {
        var values = JsonShapeSerializer.Read(Input("sqs", "ListQueues"), """{"QueueNamePrefix":null,"MaxResults":3}"""u8);

        Assert.Equal("""{"MaxResults":3}""", values.ToJsonString());
    }

    [Fact]
    public void Special_floats_are_written_as_strings_and_read_back()
    {
        var shape = Input("monitoring", "PutMetricData");
        var values = new JsonObject
        {
            ["Namespace"] = "n",
            ["MetricData"] = new JsonArray(new JsonObject { ["MetricName"] = "m", ["Value"] = double.NaN }, new JsonObject { ["MetricName"] = "m", ["Value"] = 2.5 }),
        };

        var json = Encoding.UTF8.GetString(JsonShapeSerializer.Write(shape, values));
        var back = JsonShapeSerializer.Read(shape, Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"Value\":\"NaN\"", json, StringComparison.Ordinal);
        Assert.Equal("NaN", back["MetricData"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal(2.5, back["MetricData"]![1]!["Value"]!.GetValue<double>());
    }

    [Fact]
    public void An_object_where_a_list_is_expected_names_the_member_path()
    {
        var error = ReadFails(Input("dynamodb", "PutItem"), """{"TableName":"t","Item":{"a":{"L":{"x":1}}}}""");

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal("Invalid value for member 'Item.a.L': expected a list, found an object.", error.Message);
    }

    [Fact]
    public void Bad_base64_is_a_SerializationException()
    {
        var error = ReadFails(Input("dynamodb", "PutItem"), """{"TableName":"t","Item":{"a":{"B":"not base64!"}}}""");

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal("Invalid value for member 'Item.a.B': the blob is not valid base64.", error.Message);
    }

    [Fact]
    public void A_bad_timestamp_is_a_SerializationException()
    {
        var error = ReadFails(Input("cloudtrail", "LookupEvents"), """{"StartTime":"yesterday"}""");

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal("Invalid value for member 'StartTime': \"yesterday\" is not a timestamp.", error.Message);
    }

    [Fact]
    public void A_fraction_where_an_integer_is_expected_is_a_SerializationException()
    {
        var error = ReadFails(Input("sqs", "ListQueues"), """{"MaxResults":1.5}""");

        Assert.Equal("Invalid value for member 'MaxResults': 1.5 is not an integer in range.", error.Message);
    }

    [Fact]
    public void A_number_where_a_string_is_expected_is_a_SerializationException()
    {
        var error = ReadFails(Input("sqs", "ListQueues"), """{"QueueNamePrefix":12}""");

        Assert.Equal("Invalid value for member 'QueueNamePrefix': expected a string, found a number.", error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_cap_is_a_SerializationException()
    {
        var deep = new StringBuilder("{\"TableName\":\"t\",\"Item\":{\"a\":");
        for (var i = 0; i < 100; i++)
        {
            deep.Append("{\"M\":{\"a\":");
        }

        deep.Append("{\"S\":\"x\"}").Append(new string('}', 202)).Append('}');

        var error = ReadFails(Input("dynamodb", "PutItem"), deep.ToString());

        Assert.Equal("SerializationException", error.Code);
        Assert.StartsWith("The body is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_a_SerializationException()
    {
        var error = Assert.Throws<AwsServiceException>(() => JsonShapeSerializer.Read(Input("sqs", "ListQueues"), new byte[] { (byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}' }));

        Assert.Equal("SerializationException", error.Code);
    }

    [Fact]
    public void Timestamps_with_an_iso8601_trait_are_written_as_text()
    {
        // Timestamps in the tree may be strings, numbers or DateTimeOffset values; the trait decides the wire.
        var shape = Input("cloudtrail", "LookupEvents");
        var json = Encoding.UTF8.GetString(JsonShapeSerializer.Write(shape, new JsonObject { ["StartTime"] = 1700000000 }));

        Assert.Equal("""{"StartTime":1700000000}""", json);
    }

    [Theory]
    [InlineData("""{"MetricData":[{"MetricName":"m","Value":1e400}]}""", "Invalid value for member 'MetricData[0].Value': 1e400 is out of range.")]
    [InlineData("""{"MetricData":[{"MetricName":"m","Timestamp":1e400}]}""", "Invalid value for member 'MetricData[0].Timestamp': 1e400 is not a timestamp.")]
    [InlineData("""{"MetricData":[{"MetricName":"m","Values":[1,"2"]}]}""", "Invalid value for member 'MetricData[0].Values[1]': expected a number, found the string \"2\".")]
    public void Numbers_out_of_range_or_of_the_wrong_type_are_SerializationExceptions(string json, string message)
    {
        var error = ReadFails(Input("monitoring", "PutMetricData"), json);

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal(message, error.Message);
    }
}
