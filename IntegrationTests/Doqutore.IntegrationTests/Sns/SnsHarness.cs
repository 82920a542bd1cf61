using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>
/// What SNS tests share: the spec client, the outbox (mails are found by their unique recipient, so tests
/// sharing the emulator never see each other's), and the signature check subscribers run.
/// </summary>
public sealed class SnsHarness(EmulatorFixture emulator) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = emulator.Endpoint };

    public AwsClient Sns { get; } = new(ServiceModels.Get("sns"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    public HttpClient Http => _http;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string UniqueEmail() => $"{Unique("to")}@example.com";

    public Task<JsonObject> Call(string operation, JsonObject input) => Sns.InvokeAsync(operation, input);

    public async Task<AwsServiceException> Refused(string operation, JsonObject input) =>
        await Assert.ThrowsAsync<AwsServiceException>(() => Sns.InvokeAsync(operation, input));

    public async Task<string> CreateTopic(string? name = null) =>
        (string)(await Call("CreateTopic", new() { ["Name"] = name ?? Unique("topic") }))["TopicArn"]!;

    /// <summary>The outbox's mails to <paramref name="to"/>, oldest first.</summary>
    public async Task<List<JsonObject>> Mails(string to)
    {
        var all = JsonNode.Parse(await _http.GetStringAsync(new Uri("/_doqutore/outbox", UriKind.Relative)))!.AsArray();
        return all.OfType<JsonObject>().Where(m => (string?)m["to"] == to).ToList();
    }

    /// <summary>Waits until <paramref name="to"/> has at least <paramref name="count"/> mails (deliveries are asynchronous).</summary>
    public async Task<List<JsonObject>> WaitForMails(string to, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var mails = await Mails(to);
            if (mails.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(mails.Count >= count, $"{to} received {mails.Count} mails, expected {count}");
                return mails;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Gives deliveries time to happen, for tests asserting that nothing arrives.</summary>
    public async Task Settle()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var stats = JsonNode.Parse(await _http.GetStringAsync(new Uri("/_doqutore/sns/deliveries", UriKind.Relative)))!;
            if ((long)stats["queued"]! == (long)stats["delivered"]! + (long)stats["deadLettered"]! + (long)stats["dropped"]!)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Subscribes an email endpoint and confirms it with the token of its confirmation mail; returns the subscription ARN.</summary>
    public async Task<string> ConfirmedEmail(string topicArn, string email, string protocol = "email", JsonObject? attributes = null)
    {
        var input = new JsonObject { ["TopicArn"] = topicArn, ["Protocol"] = protocol, ["Endpoint"] = email };
        if (attributes is not null)
        {
            input["Attributes"] = attributes;
        }

        await Call("Subscribe", input);
        var confirmation = (await WaitForMails(email, 1))[0];
        var token = TokenOf((string)confirmation["body"]!);
        var confirmed = await Call("ConfirmSubscription", new() { ["TopicArn"] = topicArn, ["Token"] = token });
        return (string)confirmed["SubscriptionArn"]!;
    }

    /// <summary>The token in a confirmation mail's SubscribeURL.</summary>
    public static string TokenOf(string body)
    {
        var url = SubscribeUrlOf(body);
        return url[(url.IndexOf("&Token=", StringComparison.Ordinal) + 7)..];
    }

    public static string SubscribeUrlOf(string body)
    {
        if (body.StartsWith('{'))
        {
            return (string)JsonNode.Parse(body)!["SubscribeURL"]!;
        }

        var start = body.IndexOf("http", StringComparison.Ordinal);
        var end = body.IndexOfAny(['\n', '"', ' '], start);
        return body[start..(end < 0 ? body.Length : end)];
    }

    /// <summary>
    /// Verifies a notification as AWS's documentation tells subscribers to: fetch the certificate at
    /// SigningCertURL, rebuild the canonical string, check SHA1withRSA (version 1) or SHA256withRSA (version 2).
    /// </summary>
    public async Task<bool> SignatureVerifies(JsonObject message)
    {
        var pem = await _http.GetStringAsync(new Uri((string)message["SigningCertURL"]!));
        using var certificate = X509Certificate2.CreateFromPem(pem);
        using var key = certificate.GetRSAPublicKey()!;
        string[] fields = (string?)message["Type"] == "Notification"
            ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
            : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
        var canonical = new StringBuilder();
        foreach (var field in fields)
        {
            if ((string?)message[field] is { } value)
            {
                canonical.Append(field).Append('\n').Append(value).Append('\n');
            }
        }

        var hash = (string?)message["SignatureVersion"] == "2" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        return key.VerifyData(Encoding.UTF8.GetBytes(canonical.ToString()), Convert.FromBase64String((string)message["Signature"]!), hash, RSASignaturePadding.Pkcs1);
    }

    public void Dispose()
    {
        Sns.Dispose();
        _http.Dispose();
    }
}
