using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>A message published to a topic, as the delivery worker needs it.</summary>
/// <param name="MessageId">The id Publish answered; retries keep it.</param>
/// <param name="TopicArn">The topic.</param>
/// <param name="Message">The default message text.</param>
/// <param name="Subject">The subject, if one was published.</param>
/// <param name="Timestamp">When SNS accepted it.</param>
internal sealed record SnsPublication(string MessageId, string TopicArn, string Message, string? Subject, DateTimeOffset Timestamp)
{
    public IReadOnlyDictionary<string, MessageAttribute> Attributes { get; init; } = new Dictionary<string, MessageAttribute>();

    /// <summary>Per-protocol messages of <c>MessageStructure=json</c> (keys <c>default</c>, <c>sqs</c>, <c>email</c>, …), or null.</summary>
    public IReadOnlyDictionary<string, string>? PerProtocol { get; init; }

    /// <summary>The text a protocol receives: its own entry of a json-structured message, else the default.</summary>
    public string MessageFor(string protocol) =>
        PerProtocol is { } messages ? messages.GetValueOrDefault(protocol) ?? messages["default"] : Message;
}

/// <summary>
/// The JSON documents SNS sends (reference §7.3): the <c>Notification</c> and <c>SubscriptionConfirmation</c>
/// bodies of SQS and HTTP subscribers (with <c>…URL</c> spellings), and the Lambda event (with <c>…Url</c>).
/// </summary>
internal sealed class SnsMessages(SnsSigner signer)
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>AWS writes its JSON with only the escapes JSON requires ('&amp;' in URLs and '&lt;' in messages stay as they are).</summary>
    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A document as SNS puts it on the wire.</summary>
    public static string Text(JsonNode document) => document.ToJsonString(Writer);

    public string CertificateUrl(string baseUrl) => baseUrl + signer.CertificatePath;

    public static string UnsubscribeUrl(string baseUrl, string subscriptionArn) =>
        $"{baseUrl}/?Action=Unsubscribe&SubscriptionArn={Uri.EscapeDataString(subscriptionArn)}";

    public static string SubscribeUrl(string baseUrl, string topicArn, string token) =>
        $"{baseUrl}/?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(topicArn)}&Token={token}";

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>The notification JSON an SQS or email-json subscriber receives.</summary>
    public JsonObject Notification(SnsPublication publication, string message, string subscriptionArn, string signatureVersion, string baseUrl)
    {
        var timestamp = Timestamp(publication.Timestamp);
        var signature = signer.Sign(
            SnsSigner.CanonicalString(
            [
                ("Message", message),
                ("MessageId", publication.MessageId),
                ("Subject", publication.Subject),
                ("Timestamp", timestamp),
                ("TopicArn", publication.TopicArn),
                ("Type", "Notification"),
            ]),
            signatureVersion);
        var json = new JsonObject
        {
            ["Type"] = "Notification",
            ["MessageId"] = publication.MessageId,
            ["TopicArn"] = publication.TopicArn,
        };
        if (publication.Subject is not null)
        {
            json["Subject"] = publication.Subject;
        }

        json["Message"] = message;
        json["Timestamp"] = timestamp;
        json["SignatureVersion"] = signatureVersion;
        json["Signature"] = signature;
        json["SigningCertURL"] = CertificateUrl(baseUrl);
        json["UnsubscribeURL"] = UnsubscribeUrl(baseUrl, subscriptionArn);
        if (publication.Attributes.Count > 0)
        {
            json["MessageAttributes"] = SnsMessageAttributes.ToNotificationJson(publication.Attributes);
        }

        return json;
    }

    /// <summary>The <c>SubscriptionConfirmation</c> JSON sent to an endpoint that must confirm.</summary>
    public JsonObject SubscriptionConfirmation(string topicArn, string token, string signatureVersion, string baseUrl, DateTimeOffset time)
    {
        var messageId = Guid.NewGuid().ToString();
        var timestamp = Timestamp(time);
        var message = $"You have chosen to subscribe to the topic {topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.";
        var subscribeUrl = SubscribeUrl(baseUrl, topicArn, token);
        var signature = signer.Sign(
            SnsSigner.CanonicalString(
            [
                ("Message", message),
                ("MessageId", messageId),
                ("SubscribeURL", subscribeUrl),
                ("Timestamp", timestamp),
                ("Token", token),
                ("TopicArn", topicArn),
                ("Type", "SubscriptionConfirmation"),
            ]),
            signatureVersion);
        return new JsonObject
        {
            ["Type"] = "SubscriptionConfirmation",
            ["MessageId"] = messageId,
            ["Token"] = token,
            ["TopicArn"] = topicArn,
            ["Message"] = message,
            ["SubscribeURL"] = subscribeUrl,
            ["Timestamp"] = timestamp,
            ["SignatureVersion"] = signatureVersion,
            ["Signature"] = signature,
            ["SigningCertURL"] = CertificateUrl(baseUrl),
        };
    }

    /// <summary>The Lambda event: <c>Records[].Sns</c> with <c>SigningCertUrl</c>/<c>UnsubscribeUrl</c>, Subject null when absent.</summary>
    public JsonObject LambdaEvent(SnsPublication publication, string message, string subscriptionArn, string signatureVersion, string baseUrl)
    {
        var notification = Notification(publication, message, subscriptionArn, signatureVersion, baseUrl);
        var sns = new JsonObject
        {
            ["Type"] = "Notification",
            ["MessageId"] = publication.MessageId,
            ["TopicArn"] = publication.TopicArn,
            ["Subject"] = publication.Subject,
            ["Message"] = message,
            ["Timestamp"] = notification["Timestamp"]!.DeepClone(),
            ["SignatureVersion"] = signatureVersion,
            ["Signature"] = notification["Signature"]!.DeepClone(),
            ["SigningCertUrl"] = notification["SigningCertURL"]!.DeepClone(),
            ["UnsubscribeUrl"] = notification["UnsubscribeURL"]!.DeepClone(),
            ["MessageAttributes"] = SnsMessageAttributes.ToNotificationJson(publication.Attributes),
        };
        return new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["EventSource"] = "aws:sns",
                ["EventVersion"] = "1.0",
                ["EventSubscriptionArn"] = subscriptionArn,
                ["Sns"] = sns,
            }),
        };
    }
}
