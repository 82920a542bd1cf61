using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The AWS managed policies the emulator serves, compared with the npm package they were embedded from.
/// The comparison is of JSON values, not bytes: the package stores each document as a parsed object, so
/// AWS's original whitespace is not in the data; key order, values and array order are compared exactly.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class IamManagedPolicyTests(EmulatorFixture emulator)
{
    public static TheoryData<string> NamedInTheIssue => new()
    {
        "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "AWSDenyAll", "AWSCompromisedKeyQuarantineV2",
        "service-role/AWSLambdaRole",
    };

    private AwsClient Iam() => new(ServiceModels.Get("iam"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    [Theory]
    [MemberData(nameof(NamedInTheIssue))]
    public async Task GetPolicyVersion_returns_the_packages_default_document(string pathAndName)
    {
        var name = pathAndName[(pathAndName.LastIndexOf('/') + 1)..];
        var (arn, versionId, document) = ManagedPolicyPackage.Default(name);
        Assert.Equal($"arn:aws:iam::aws:policy/{pathAndName}", arn);
        using var iam = Iam();

        var policy = (await iam.InvokeAsync("GetPolicy", new JsonObject { ["PolicyArn"] = arn }))["Policy"]!;
        var version = (await iam.InvokeAsync("GetPolicyVersion", new JsonObject { ["PolicyArn"] = arn, ["VersionId"] = versionId }))["PolicyVersion"]!;

        Assert.Equal(name, (string?)policy["PolicyName"]);
        Assert.Equal(versionId, (string?)policy["DefaultVersionId"]);
        Assert.Equal("/" + pathAndName[..^name.Length], (string?)policy["Path"]);
        Assert.True((bool?)version["IsDefaultVersion"]);
        var served = JsonNode.Parse(Uri.UnescapeDataString((string)version["Document"]!));
        Assert.True(JsonNode.DeepEquals(document, served), served!.ToJsonString());
    }

    [Fact]
    public async Task Every_AWS_managed_policy_of_the_package_is_served_with_its_document()
    {
        using var iam = Iam();
        var mismatches = new List<string>();

        foreach (var name in ManagedPolicyPackage.Names)
        {
            var (arn, versionId, document) = ManagedPolicyPackage.Default(name);
            var version = (await iam.InvokeAsync("GetPolicyVersion", new JsonObject { ["PolicyArn"] = arn, ["VersionId"] = versionId }))["PolicyVersion"]!;
            if (!JsonNode.DeepEquals(document, JsonNode.Parse(Uri.UnescapeDataString((string)version["Document"]!))))
            {
                mismatches.Add(name);
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task An_AWS_managed_policy_cannot_get_a_new_version()
    {
        using var iam = Iam();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => iam.InvokeAsync("CreatePolicyVersion", new JsonObject
        {
            ["PolicyArn"] = "arn:aws:iam::aws:policy/AWSDenyAll",
            ["PolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""",
        }));

        Assert.Equal(("InvalidInput", 400), (error.Code, error.StatusCode));
        Assert.Equal("Policy arn:aws:iam::aws:policy/AWSDenyAll is an AWS managed policy and cannot be changed.", error.Message);
    }

    [Fact]
    public async Task A_missing_managed_policy_is_NoSuchEntity()
    {
        using var iam = Iam();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => iam.InvokeAsync("GetPolicy", new JsonObject { ["PolicyArn"] = "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere" }));

        Assert.Equal(("NoSuchEntity", 404), (error.Code, error.StatusCode));
        Assert.Equal("Policy arn:aws:iam::aws:policy/NoSuchPolicyAnywhere was not found.", error.Message);
    }
}
