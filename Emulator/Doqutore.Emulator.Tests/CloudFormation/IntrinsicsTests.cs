using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.CloudFormation;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Tests.CloudFormation;

public class IntrinsicsTests
{
    private static TemplateScope Scope(string conditions = "{}") => new()
    {
        AccountId = "123456789012",
        Region = "eu-west-1",
        StackName = "app",
        StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/app/1",
        Parameters = new Dictionary<string, JsonNode>
        {
            ["Env"] = JsonValue.Create("prod"),
            ["Subnets"] = new JsonArray("a", "b"),
        },
        Mappings = JsonNode.Parse("""{"Sizes":{"prod":{"Memory":512}}}""")!.AsObject(),
        ConditionDefinitions = JsonNode.Parse(conditions)!.AsObject(),
        ResourceNames = new HashSet<string> { "Queue" },
        ResourceRef = id => id == "Queue" ? "https://queue/url" : null,
        ResourceAttribute = (id, attribute) => id == "Queue" && attribute == "Arn" ? JsonValue.Create("arn:aws:sqs:eu-west-1:123456789012:q") : null,
        ImportValue = name => name == "shared-vpc" ? "vpc-1" : null,
    };

    private static string? Resolve(string template, TemplateScope? scope = null) =>
        Intrinsics.Resolve(JsonNode.Parse(template), scope ?? Scope())?.ToJsonString();

    [Theory]
    [InlineData("""{"Ref":"AWS::AccountId"}""", "\"123456789012\"")]
    [InlineData("""{"Ref":"AWS::Partition"}""", "\"aws\"")]
    [InlineData("""{"Ref":"AWS::URLSuffix"}""", "\"amazonaws.com\"")]
    [InlineData("""{"Ref":"Env"}""", "\"prod\"")]
    [InlineData("""{"Ref":"Subnets"}""", """["a","b"]""")]
    [InlineData("""{"Ref":"Queue"}""", "\"https://queue/url\"")]
    [InlineData("""{"Fn::GetAtt":["Queue","Arn"]}""", "\"arn:aws:sqs:eu-west-1:123456789012:q\"")]
    [InlineData("""{"Fn::GetAtt":"Queue.Arn"}""", "\"arn:aws:sqs:eu-west-1:123456789012:q\"")]
    [InlineData("""{"Fn::Sub":"${AWS::StackName}-${Env}-${Queue.Arn}-${!Literal}"}""", "\"app-prod-arn:aws:sqs:eu-west-1:123456789012:q-${Literal}\"")]
    [InlineData("""{"Fn::Sub":["${Name}-${AWS::Region}",{"Name":{"Ref":"Env"}}]}""", "\"prod-eu-west-1\"")]
    [InlineData("""{"Fn::Join":[",",[{"Ref":"Env"},"x",3]]}""", "\"prod,x,3\"")]
    [InlineData("""{"Fn::Select":["1",{"Ref":"Subnets"}]}""", "\"b\"")]
    [InlineData("""{"Fn::Split":["|","a|b||c"]}""", """["a","b","","c"]""")]
    [InlineData("""{"Fn::FindInMap":["Sizes",{"Ref":"Env"},"Memory"]}""", "512")]
    [InlineData("""{"Fn::ImportValue":"shared-vpc"}""", "\"vpc-1\"")]
    [InlineData("""{"Fn::Base64":"hi"}""", "\"aGk=\"")]
    [InlineData("""{"Fn::GetAZs":""}""", """["eu-west-1a","eu-west-1b","eu-west-1c"]""")]
    [InlineData("""{"Fn::Cidr":["10.0.0.0/16",3,8]}""", """["10.0.0.0/24","10.0.1.0/24","10.0.2.0/24"]""")]
    [InlineData("""{"Fn::Equals":[1,"1"]}""", "true")]
    [InlineData("""{"Fn::Not":[{"Fn::Contains":[["1","2"],"3"]}]}""", "true")]
    public void Functions_resolve_as_CloudFormation_resolves_them(string template, string expected)
    {
        Assert.Equal(expected, Resolve(template));
    }

    [Fact]
    public void NoValue_removes_the_property_or_list_item()
    {
        var resolved = Resolve("""{"A":{"Ref":"AWS::NoValue"},"B":[1,{"Ref":"AWS::NoValue"},2],"C":"kept"}""");

        Assert.Equal("""{"B":[1,2],"C":"kept"}""", resolved);
    }

    [Fact]
    public void If_picks_the_branch_its_condition_chooses()
    {
        var scope = Scope("""{"IsProd":{"Fn::Equals":[{"Ref":"Env"},"prod"]},"NotProd":{"Fn::Not":[{"Condition":"IsProd"}]},"Either":{"Fn::Or":[{"Condition":"IsProd"},{"Condition":"NotProd"}]}}""");

        Assert.Equal("\"big\"", Resolve("""{"Fn::If":["IsProd","big","small"]}""", scope));
        Assert.Equal("\"small\"", Resolve("""{"Fn::If":["NotProd","big","small"]}""", scope));
        Assert.True(Intrinsics.Condition("Either", scope));
        Assert.Null(Resolve("""{"Fn::If":["NotProd","x",{"Ref":"AWS::NoValue"}]}""", scope));
    }

    [Theory]
    [InlineData("""{"Fn::GetAtt":["Missing","Arn"]}""", "Template error: instance of Fn::GetAtt references undefined resource Missing")]
    [InlineData("""{"Fn::GetAtt":["Queue","Nope"]}""", "Template error: resource Queue does not support attribute type Nope in Fn::GetAtt")]
    [InlineData("""{"Ref":"Missing"}""", "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template")]
    [InlineData("""{"Fn::ImportValue":"absent"}""", "No export named absent found. Rollback requested by user.")]
    [InlineData("""{"Fn::FindInMap":["Sizes","dev","Memory"]}""", "Template error: Unable to get mapping for Sizes::dev::Memory")]
    [InlineData("""{"Fn::Select":["5",["a"]]}""", "Template error: Fn::Select cannot select nonexistent value at index 5")]
    [InlineData("""{"Fn::Bogus":1}""", "Template format error: Unrecognized function name: Fn::Bogus")]
    public void Bad_references_fail_with_AWSs_words(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Resolve(template));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_condition_that_refers_to_itself_is_circular()
    {
        var scope = Scope("""{"Loop":{"Fn::Not":[{"Condition":"Loop"}]}}""");

        var error = Assert.Throws<TemplateException>(() => Intrinsics.Condition("Loop", scope));

        Assert.Equal("Template format error: Circular dependency between conditions: [Loop]", error.Message);
    }
}
