using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.CloudFormation;
using Doqutore.Emulator.Providers.CloudFormation.Resources;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Tests.CloudFormation;

public class TemplateTests
{
    private static readonly ResourceTypes Types = new([new SqsQueue(), new SnsTopic(), new CdkMetadata()]);

    private static readonly Dictionary<string, string> Ssm = new() { ["/cdk-bootstrap/hnb659fds/version"] = "21" };

    private static DeploymentPlan Plan(string body, Dictionary<string, string?>? parameters = null, Dictionary<string, string>? ssm = null) =>
        DeploymentPlan.Prepare(Template.Parse(body), parameters ?? [], ssm ?? Ssm, new DeploymentPlan.Target("app", "arn:aws:cloudformation:us-east-1:123456789012:stack/app/1", "123456789012", "us-east-1"), Types);

    [Fact]
    public void Yaml_short_forms_read_as_their_long_forms()
    {
        var template = Template.Parse("""
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${AWS::StackName}-q"
                  Tags:
                    - Key: arn
                      Value: !GetAtt T.TopicArn
                    - Key: joined
                      Value: !Join [",", [!Ref AWS::Region, !Select [0, !GetAZs ""]]]
              T:
                Type: AWS::SNS::Topic
                Condition: Always
            Conditions:
              Always: !Equals [true, true]
            """);

        var properties = template.Resources["Q"]!["Properties"]!;
        Assert.Equal("""{"Fn::Sub":"${AWS::StackName}-q"}""", properties["QueueName"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["T","TopicArn"]}""", properties["Tags"]![0]!["Value"]!.ToJsonString());
        Assert.Equal("""{"Fn::Join":[",",[{"Ref":"AWS::Region"},{"Fn::Select":[0,{"Fn::GetAZs":""}]}]]}""", properties["Tags"]![1]!["Value"]!.ToJsonString());
        Assert.Equal("""{"Fn::Equals":[true,true]}""", template.Conditions["Always"]!.ToJsonString());
    }

    [Fact]
    public void Resources_are_ordered_after_what_they_reference()
    {
        var plan = Plan("""
            {"Resources":{
              "Sub":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":{"Fn::Sub":"${Queue.Arn}"}}},
              "Queue":{"Type":"AWS::SQS::Queue","DependsOn":"Topic"},
              "Topic":{"Type":"AWS::SNS::Topic"},
              "Meta":{"Type":"AWS::CDK::Metadata"}}}
            """);

        Assert.Equal(["Meta", "Topic", "Queue", "Sub"], plan.Order);
        Assert.Equal(["Queue"], plan.Graph["Sub"]);
    }

    [Fact]
    public void Resources_whose_condition_is_false_are_left_out()
    {
        var plan = Plan("""
            {"Parameters":{"Env":{"Type":"String","Default":"dev"}},
             "Conditions":{"Prod":{"Fn::Equals":[{"Ref":"Env"},"prod"]}},
             "Resources":{"Q":{"Type":"AWS::SQS::Queue"},"P":{"Type":"AWS::SQS::Queue","Condition":"Prod"}}}
            """);

        Assert.Equal(["Q"], plan.Order);
    }

    [Theory]
    [InlineData("""{"Parameters":{"N":{"Type":"Number"}},"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}""", "N", "ten", "Parameter 'N' must be a number.")]
    [InlineData("""{"Parameters":{"S":{"Type":"String","AllowedPattern":"[a-z]+"}},"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}""", "S", "ABC", "Parameter 'S' must match pattern [a-z]+")]
    [InlineData("""{"Parameters":{"S":{"Type":"String","MaxLength":2}},"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}""", "S", "abc", "Parameter 'S' must contain at most 2 characters")]
    [InlineData("""{"Parameters":{"N":{"Type":"Number","MinValue":5}},"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}""", "N", "4", "Parameter 'N' must be a number not less than 5")]
    [InlineData("""{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}""", "Extra", "x", "Parameters: [Extra] do not exist in the template")]
    [InlineData("""{"Parameters":{"V":{"Type":"AWS::SSM::Parameter::Value<String>"}},"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}""", "V", "/not/there", "Unable to fetch parameters [/not/there] from parameter store for this account.")]
    public void Parameter_values_are_checked_against_their_declaration(string body, string key, string value, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Plan(body, new Dictionary<string, string?> { [key] = value }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void List_parameters_resolve_to_lists_and_ssm_parameters_to_their_value()
    {
        var plan = Plan("""
            {"Parameters":{"L":{"Type":"CommaDelimitedList","Default":"a, b"},"V":{"Type":"AWS::SSM::Parameter::Value<String>","Default":"/cdk-bootstrap/hnb659fds/version","NoEcho":"true"}},
             "Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}
            """);

        Assert.Equal("""["a","b"]""", plan.Parameters[0].Resolved.ToJsonString());
        Assert.Equal(("/cdk-bootstrap/hnb659fds/version", "21", true), (plan.Parameters[1].Value, plan.Parameters[1].ResolvedValue, plan.Parameters[1].NoEcho));
    }

    [Theory]
    [InlineData("21", null)]
    [InlineData("5", "CDK bootstrap stack version 6 required.")]
    public void Cdk_CheckBootstrapVersion_rule_holds_for_recent_bootstraps_only(string version, string? message)
    {
        const string body = """
            {"Parameters":{"BootstrapVersion":{"Type":"AWS::SSM::Parameter::Value<String>","Default":"/cdk-bootstrap/hnb659fds/version"}},
             "Rules":{"CheckBootstrapVersion":{"Assertions":[{"Assert":{"Fn::Not":[{"Fn::Contains":[["1","2","3","4","5"],{"Ref":"BootstrapVersion"}]}]},"AssertDescription":"CDK bootstrap stack version 6 required."}]}},
             "Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}
            """;
        var ssm = new Dictionary<string, string> { ["/cdk-bootstrap/hnb659fds/version"] = version };

        var error = Record.Exception(() => Plan(body, ssm: ssm));

        Assert.Equal(message, error?.Message);
    }

    [Theory]
    [InlineData("""{"Resources":{"Q":{"Type":"AWS::Foo::Bar"},"R":{"Type":"AWS::EC2::VPC"}}}""", "Template format error: Unrecognized resource types: [AWS::Foo::Bar]")]
    [InlineData("""{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":{"Fn::Sub":"${Nope}-x"}}}}}""", "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template")]
    [InlineData("""{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}},"Outputs":{"O":{"Value":{"Fn::GetAtt":["Gone","Arn"]}}}}""", "Template format error: Unresolved resource dependencies [Gone] in the Resources block of the template")]
    [InlineData("""{"Resources":{"A":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":{"Ref":"B"}}},"B":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":{"Fn::GetAtt":["A","QueueName"]}}}}}""", "Circular dependency between resources: [A, B]")]
    [InlineData("""{"Resources":{"Q":{"Properties":{}}}}""", "Template format error: [/Resources/Q] Every Resources object must contain a Type member.")]
    [InlineData("""{"Resource":{}}""", "Template format error: Invalid template property or properties [Resource]")]
    [InlineData("""{"Resources":{"Q":{"Type":5}}}""", "Template format error: [/Resources/Q] Every Resources object must contain a Type member.")]
    [InlineData("Resources:\n  ? [a, b]\n  : x\n", "Template format error: YAML not well-formed. Mapping keys must be scalars.")]
    public void Broken_templates_are_refused_before_anything_is_created(string body, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Plan(body));

        Assert.Equal(message, error.Message);
    }
}
