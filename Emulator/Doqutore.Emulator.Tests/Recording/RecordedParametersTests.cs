using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.Recording;

public sealed class RecordedParametersTests
{
    [Theory]
    [InlineData("UserName", "userName")]
    [InlineData("SAMLProviderArn", "sAMLProviderArn")]
    [InlineData("Name", "name")]
    [InlineData("phoneNumber", "phoneNumber")]
    public void Member_names_take_AWS_s_Java_camel_case(string member, string recorded)
    {
        Assert.Equal(recorded, RecordedParameters.CamelCase(member));
    }

    [Fact]
    public void Map_keys_keep_their_case_while_structure_members_are_camel_cased()
    {
        var input = Operation("sqs", "CreateQueue").Input;

        var recorded = RecordedParameters.Request(input, new JsonObject
        {
            ["QueueName"] = "orders",
            ["Attributes"] = new JsonObject { ["VisibilityTimeout"] = "30" },
        })!;

        Assert.Equal("orders", (string?)recorded["queueName"]);
        Assert.Equal("30", (string?)recorded["attributes"]!["VisibilityTimeout"]);
    }

    [Fact]
    public void A_password_in_a_request_is_left_out()
    {
        var recorded = RecordedParameters.Request(Operation("iam", "CreateLoginProfile").Input, new JsonObject
        {
            ["UserName"] = "alice",
            ["Password"] = "hunter2-hunter2",
        })!;

        Assert.False(recorded.ContainsKey("password"));
        Assert.Equal("alice", (string?)recorded["userName"]);
    }

    [Fact]
    public void Credentials_in_a_response_lose_their_secret_key_and_keep_the_rest()
    {
        var recorded = RecordedParameters.Response(Operation("sts", "AssumeRole").Output, new JsonObject
        {
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = "ASIAEXAMPLE",
                ["SecretAccessKey"] = "secret",
                ["SessionToken"] = "token",
                ["Expiration"] = JsonValue.Create(new DateTimeOffset(2014, 7, 18, 16, 7, 39, TimeSpan.Zero)),
            },
        })!;

        var credentials = recorded["credentials"]!;
        Assert.Equal("ASIAEXAMPLE", (string?)credentials["accessKeyId"]);
        Assert.Equal("token", (string?)credentials["sessionToken"]);
        Assert.Equal("Jul 18, 2014, 4:07:39 PM", (string?)credentials["expiration"]);
        Assert.Null(credentials["secretAccessKey"]);
    }

    [Fact]
    public void Other_secrets_in_a_response_read_sensitive_data_removed()
    {
        var recorded = RecordedParameters.Response(Operation("iam", "CreateServiceSpecificCredential").Output, new JsonObject
        {
            ["ServiceSpecificCredential"] = new JsonObject { ["ServiceUserName"] = "alice-at-1", ["ServicePassword"] = "p4ss" },
        })!;

        Assert.Equal(RecordedParameters.SensitiveDataRemoved, (string?)recorded["serviceSpecificCredential"]!["servicePassword"]);
    }

    [Fact]
    public void An_empty_input_records_null()
    {
        Assert.Null(RecordedParameters.Request(Operation("sts", "GetCallerIdentity").Input, []));
    }

    private static Operation Operation(string service, string name) => ServiceModels.Get(service).Operations[name];
}
