using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Xml;
using static Doqutore.Aws.Tests.Protocols.Xml.CodecHarness;

namespace Doqutore.Aws.Tests.Protocols.Xml;

public class XmlShapeSerializerTests
{
    private static Member AccessControlPolicy => ServiceModels.Get("s3").GetOperation("PutBucketAcl").Input!.GetMember("AccessControlPolicy")!;

    [Fact]
    public void An_xmlAttribute_member_is_written_with_its_prefixed_namespace_and_read_back()
    {
        var values = Tree("""{"Grants":[{"Grantee":{"Type":"CanonicalUser","ID":"abc"},"Permission":"READ"}],"Owner":{"ID":"abc"}}""");
        var root = XmlShapeSerializer.CreateRoot("AccessControlPolicy", AccessControlPolicy.XmlNamespace);

        XmlShapeSerializer.WriteMembers(root, AccessControlPolicy.Shape, values);
        var xml = root.ToString(SaveOptions.DisableFormatting);
        var read = XmlShapeSerializer.ReadMembers(XmlDocuments.Load(Encoding.UTF8.GetBytes(xml)), AccessControlPolicy.Shape);

        Assert.Contains("<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>abc</ID></Grantee>", xml);
        Assert.StartsWith("<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><AccessControlList><Grant>", xml);
        AssertTree(values, read);
    }

    [Fact]
    public void Unknown_elements_and_namespaces_are_ignored_when_reading()
    {
        var xml = """<x:AccessControlPolicy xmlns:x="urn:other"><x:Owner><x:ID>o</x:ID><Extra>1</Extra></x:Owner><Unknown><a/></Unknown></x:AccessControlPolicy>""";

        var read = XmlShapeSerializer.ReadMembers(XmlDocuments.Load(Encoding.UTF8.GetBytes(xml)), AccessControlPolicy.Shape);

        AssertTree(Tree("""{"Owner":{"ID":"o"}}"""), read);
    }

    [Fact]
    public void A_document_with_a_DTD_is_refused()
    {
        var xxe = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>""";

        var error = Assert.Throws<FormatException>(() => XmlDocuments.Load(Encoding.UTF8.GetBytes(xxe)));

        Assert.Contains("not well-formed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_nested_too_deep_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100));

        var error = Assert.Throws<FormatException>(() => XmlDocuments.Load(Encoding.UTF8.GetBytes(deep)));

        Assert.Equal($"The XML nests deeper than {XmlDocuments.MaxDepth} elements.", error.Message);
    }

    [Fact]
    public void Truncated_xml_is_a_FormatException_not_an_XmlException()
    {
        Assert.Throws<FormatException>(() => XmlDocuments.Load("<a><b>"u8.ToArray()));
    }

    [Fact]
    public void A_bad_integer_names_the_value_and_type()
    {
        var member = ServiceModels.Get("iam").GetOperation("ListUsers").Input!.GetMember("MaxItems")!;

        var error = Assert.Throws<FormatException>(() => XmlShapeSerializer.ReadScalar(member, "99999999999999999999999"));

        Assert.Equal("Value '99999999999999999999999' is not a valid integer.", error.Message);
    }

    [Fact]
    public void A_bad_base64_blob_is_refused()
    {
        var member = ServiceModels.Get("sqs", Protocol.Query)!.GetOperation("SendMessage").Input!.GetMember("MessageAttributes")!.Shape.MapValue!.Shape.GetMember("BinaryValue")!;

        Assert.Throws<FormatException>(() => XmlShapeSerializer.ReadScalar(member, "not base64!"));
    }

    [Fact]
    public void A_wrapped_map_is_written_with_entry_key_value()
    {
        var output = ServiceModels.Get("sns").GetOperation("GetTopicAttributes").Output!;
        var root = new XElement("R");

        XmlShapeSerializer.WriteMembers(root, output, new JsonObject { ["Attributes"] = new JsonObject { ["Policy"] = "{}" } });

        Assert.Equal("<R><Attributes><entry><key>Policy</key><value>{}</value></entry></Attributes></R>", root.ToString(SaveOptions.DisableFormatting));
        AssertTree(Tree("""{"Attributes":{"Policy":"{}"}}"""), XmlShapeSerializer.ReadMembers(root, output));
    }
}
