using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Clients;

/// <summary>Our spec-driven client against the emulator, signed by AWSSDK.Core's SigV4 handler.</summary>
[Collection(EmulatorCollection.Name)]
public class SpecClientTests(EmulatorFixture emulator)
{
    private AwsClient Client(string service, string secret = EmulatorFixture.SecretAccessKey, Protocol? protocol = null) => new(
        protocol is null ? ServiceModels.Get(service) : ServiceModels.Get(service, protocol.Value)!,
        new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = EmulatorFixture.Region,
            Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, secret),
            MaxErrorRetry = 0,
        });

    [Fact]
    public async Task GetCallerIdentity_over_query_returns_the_root()
    {
        using var sts = Client("sts");

        var identity = await sts.InvokeAsync("GetCallerIdentity");

        Assert.Equal("arn:aws:iam::000000000000:root", (string?)identity["Arn"]);
    }

    [Theory]
    [InlineData("sns", "ListPlatformApplications", null)]
    [InlineData("wafv2", "ListWebACLs", null)]
    [InlineData("lambda", "ListLayers", null)]
    [InlineData("s3", "GetBucketAccelerateConfiguration", """{"Bucket":"any-bucket"}""")]
    public async Task Every_protocol_reads_the_emulators_errors(string service, string operation, string? input)
    {
        using var client = Client(service);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.InvokeAsync(operation, input is null ? new JsonObject() : JsonNode.Parse(input)!.AsObject()));

        Assert.Equal("NotImplemented", error.Code);
        Assert.StartsWith($"The emulator does not implement {client.Model.Metadata.SigningName}:{operation}", error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_gets_the_protocols_signature_error()
    {
        using var events = Client("events", secret: "wrong");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => events.InvokeAsync("ListRules"));

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqs_query_variant_is_routed_and_answers_its_query_era_error_code()
    {
        using var sqs = Client("sqs", protocol: Protocol.Query);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sqs.InvokeAsync("GetQueueUrl", new JsonObject { ["QueueName"] = "no-such-queue" }));

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.Code);
        Assert.Equal("The specified queue does not exist.", error.Message);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }
}
