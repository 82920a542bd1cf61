using System.Text.Json;
using Doqutore.Lambda.Events;

namespace Doqutore.Lambda.Tests.Events;

public class SnsAndSqsEventTests
{
    private static string Sample(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", "Samples", path));

    [Fact]
    public void The_documented_SNS_event_reads_its_notification_and_attributes()
    {
        var e = JsonSerializer.Deserialize(Sample("sns/Notification.lambda-docs.json"), LambdaEventsJsonContext.Default.SnsEvent)!;

        var record = Assert.Single(e.Records);
        Assert.Equal("aws:sns", record.EventSource);
        Assert.Equal("1.0", record.EventVersion);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:sns-lambda:21be56ed-a058-49f5-8c98-aedd2564c486", record.EventSubscriptionArn);
        Assert.Equal("Notification", record.Sns.Type);
        Assert.Equal("Hello from SNS!", record.Sns.Message);
        Assert.Equal("TestInvoke", record.Sns.Subject);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:sns-lambda", record.Sns.TopicArn);
        Assert.Equal(new DateTimeOffset(2019, 1, 2, 12, 45, 7, TimeSpan.Zero), record.Sns.Timestamp);
        Assert.StartsWith("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-", record.Sns.SigningCertUrl, StringComparison.Ordinal);
        Assert.StartsWith("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe", record.Sns.UnsubscribeUrl, StringComparison.Ordinal);
        Assert.Equal(new SnsMessageAttribute("String", "TestString"), record.Sns.MessageAttributes["Test"]);
        Assert.Equal(new SnsMessageAttribute("Binary", "TestBinary"), record.Sns.MessageAttributes["TestBinary"]);
    }

    [Fact]
    public void An_SNS_notification_without_subject_or_attributes_reads_as_empty()
    {
        const string json = """{"Records":[{"EventSource":"aws:sns","Sns":{"Type":"Notification","MessageId":"m","Message":"x","Timestamp":"2026-12-08T05:00:00.000Z"}}]}""";

        var sns = JsonSerializer.Deserialize(json, LambdaEventsJsonContext.Default.SnsEvent)!.Records[0].Sns;

        Assert.Null(sns.Subject);
        Assert.Empty(sns.MessageAttributes);
    }

    [Fact]
    public void The_documented_SQS_event_reads_each_message_with_its_attributes()
    {
        var e = JsonSerializer.Deserialize(Sample("sqs/ReceiveMessage.lambda-docs.json"), LambdaEventsJsonContext.Default.SqsEvent)!;

        Assert.Equal(2, e.Records.Count);
        var first = e.Records[0];
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", first.MessageId);
        Assert.Equal("Test message.", first.Body);
        Assert.Equal("1", first.Attributes["ApproximateReceiveCount"]);
        Assert.Equal("1545082649183", first.Attributes["SentTimestamp"]);
        Assert.Equal("AIDAIENQZJOLO23YVJ4VO", first.Attributes["SenderId"]);
        Assert.Equal("myValue", first.MessageAttributes["myAttribute"].StringValue);
        Assert.Equal("String", first.MessageAttributes["myAttribute"].DataType);
        Assert.Empty(first.MessageAttributes["myAttribute"].StringListValues);
        Assert.Equal("e4e68fb7bd0e697a0ae8f1bb342846b3", first.Md5OfBody);
        Assert.Equal("aws:sqs", first.EventSource);
        Assert.Equal("arn:aws:sqs:us-east-2:123456789012:my-queue", first.EventSourceArn);
        Assert.Equal("us-east-2", first.AwsRegion);
        Assert.Empty(e.Records[1].MessageAttributes);
    }

    [Fact]
    public void A_partial_batch_response_writes_AWS_member_names()
    {
        var response = new SqsBatchResponse { BatchItemFailures = [new("059f36b4-87a3-44ab-83d2-661975830a7d")] };

        var json = JsonSerializer.Serialize(response, LambdaEventsJsonContext.Default.SqsBatchResponse);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"059f36b4-87a3-44ab-83d2-661975830a7d"}]}""", json);
    }
}
