using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>AWS::Lambda::Function and AWS::Lambda::Permission made through Lambda's own API, read back, updated and deleted.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class LambdaStackTests(EmulatorFixture emulator) : IDisposable
{
    private readonly Stacks _stacks = new(emulator);
    private readonly string _name = Stacks.Unique("fn-");

    private static string Template(int timeout) => """
        {"Resources":{
          "Role":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}}},
          "Fn":{"Type":"AWS::Lambda::Function","Properties":{"Runtime":"python3.12","Handler":"index.handler","Timeout":TIMEOUT,
            "Role":{"Fn::GetAtt":["Role","Arn"]},"Code":{"ZipFile":"def handler(event, context):\n    return event\n"},
            "Environment":{"Variables":{"STAGE":{"Ref":"AWS::StackName"}}}}},
          "Rule":{"Type":"AWS::Events::Rule","Properties":{"EventPattern":{"source":["aws.s3"]},"Targets":[{"Id":"fn","Arn":{"Fn::GetAtt":["Fn","Arn"]}}]}},
          "Invoke":{"Type":"AWS::Lambda::Permission","Properties":{"FunctionName":{"Ref":"Fn"},"Action":"lambda:InvokeFunction","Principal":"events.amazonaws.com","SourceArn":{"Fn::GetAtt":["Rule","Arn"]}}}},
         "Outputs":{"Arn":{"Value":{"Fn::GetAtt":["Fn","Arn"]}}}}
        """.Replace("TIMEOUT", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public async Task A_function_and_its_permission_are_created_updated_and_deleted_through_Lambda()
    {
        await _stacks.CreateAsync(_name, Template(3), null, "CAPABILITY_IAM");
        var created = await _stacks.SettledAsync(_name);
        var ids = await _stacks.PhysicalIdsAsync(_name);
        var function = await _stacks.Call("lambda", "GetFunction", new JsonObject { ["FunctionName"] = ids["Fn"] });
        var policy = JsonNode.Parse((string)(await _stacks.Call("lambda", "GetPolicy", new JsonObject { ["FunctionName"] = ids["Fn"] }))["Policy"]!)!;

        await _stacks.UpdateAsync(_name, Template(9), null, "CAPABILITY_IAM");
        var updated = await _stacks.SettledAsync(_name);
        var timeout = (await _stacks.Call("lambda", "GetFunctionConfiguration", new JsonObject { ["FunctionName"] = ids["Fn"] }))["Timeout"];
        await _stacks.DeleteAsync(_name);
        await _stacks.SettledAsync((string)created["StackId"]!);

        Assert.Equal("CREATE_COMPLETE", (string?)created["StackStatus"]);
        var configuration = function["Configuration"]!;
        Assert.Equal(Stacks.Output(created, "Arn"), (string?)configuration["FunctionArn"]);
        Assert.Equal(("python3.12", "index.handler"), ((string?)configuration["Runtime"], (string?)configuration["Handler"]));
        Assert.Equal($"arn:aws:iam::000000000000:role/{ids["Role"]}", (string?)configuration["Role"]);
        Assert.Equal(_name, (string?)configuration["Environment"]!["Variables"]!["STAGE"]);
        var statement = policy["Statement"]![0]!;
        Assert.Equal(ids["Invoke"], (string?)statement["Sid"]);
        Assert.Equal("events.amazonaws.com", (string?)statement["Principal"]!["Service"]);
        Assert.Equal("UPDATE_COMPLETE", (string?)updated["StackStatus"]);
        Assert.Equal(9L, (long)timeout!);
        Assert.Equal("ResourceNotFoundException", (await _stacks.ErrorAsync("lambda", "GetFunction", new JsonObject { ["FunctionName"] = ids["Fn"] })).Code);
    }

    public void Dispose() => _stacks.Dispose();
}
