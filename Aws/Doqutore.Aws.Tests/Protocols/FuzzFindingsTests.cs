using System.Text;
using System.Xml.Linq;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.Json;
using Doqutore.Aws.Protocols.Xml;

namespace Doqutore.Aws.Tests.Protocols;

/// <summary>Inputs the gateway fuzzer found answering 500; each must now be a clean AWS error or value.</summary>
public class FuzzFindingsTests
{
    [Fact]
    public void A_lone_surrogate_in_a_JSON_string_is_a_SerializationException()
    {
        var input = ServiceModels.Get("dynamodb").GetOperation("DescribeTable").Input!;

        var error = Assert.Throws<AwsServiceException>(() => JsonShapeSerializer.Read(input, """{"TableName":"\ud800"}"""u8));

        Assert.Equal("SerializationException", error.Code);
        Assert.StartsWith("The body is not valid JSON: a string is not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_XML_text_are_replaced_rather_than_failing_the_response()
    {
        var element = new XElement("Error", new XElement("Message", "The action \u0001 is not valid"));

        var xml = Encoding.UTF8.GetString(XmlDocuments.ToBytes(element, declaration: false));

        Assert.Equal("<Error><Message>The action \uFFFD is not valid</Message></Error>", xml);
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("-99999999999999999999")]
    [InlineData("1e300")]
    public void Epoch_timestamps_beyond_year_9999_are_not_timestamps(string text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Timestamps.FromEpoch(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
