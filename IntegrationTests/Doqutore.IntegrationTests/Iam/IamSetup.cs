using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>The IAM setup the enforcement tests share: a spec client for iam, managed policies, access keys.</summary>
internal static class IamSetup
{
    /// <summary>The spec client for iam with the given credentials, signing for <paramref name="region"/> (default: the fixture's).</summary>
    public static AwsClient Client(EmulatorFixture emulator, AWSCredentials credentials, string region = EmulatorFixture.Region) =>
        new(ServiceModels.Get("iam"), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = region,
            Credentials = credentials,
            MaxErrorRetry = 0,
        });

    /// <summary>Creates a uniquely named customer managed policy and returns its ARN.</summary>
    public static async Task<string> CreatePolicy(AwsClient root, string document) =>
        (string)(await root.InvokeAsync("CreatePolicy", new JsonObject { ["PolicyName"] = AwsCli.Unique("simpolicy"), ["PolicyDocument"] = document }))["Policy"]!["Arn"]!;

    /// <summary>Creates an access key for the user and returns it as credentials.</summary>
    public static async Task<AWSCredentials> CreateAccessKey(AwsClient root, string userName)
    {
        var key = (await root.InvokeAsync("CreateAccessKey", new JsonObject { ["UserName"] = userName }))["AccessKey"]!;
        return new BasicAWSCredentials((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!);
    }
}
