using System.Text.Json.Nodes;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.Recording;

/// <summary>Message contents never reach a record: CloudTrail writes HIDDEN_DUE_TO_SECURITY_REASONS in their place.</summary>
public sealed class HiddenMessageTests
{
    [Theory]
    [InlineData("sns", "Publish", "Message", "message")]
    [InlineData("sns", "Publish", "Subject", "subject")]
    [InlineData("sqs", "SendMessage", "MessageBody", "messageBody")]
    public void A_message_is_hidden_and_the_rest_recorded(string service, string operation, string member, string recorded)
    {
        var input = new JsonObject { [member] = "Patient Jane Roe, diagnosis confidential", ["TopicArn"] = "arn:aws:sns:us-east-1:000000000000:alerts", ["QueueUrl"] = "http://127.0.0.1:4566/000000000000/q" };
        var context = RecordingContexts.For(service, operation, input);

        var parameters = RecordShape.For(service).RequestParameters(context)!;

        Assert.Equal(CloudTrailConventions.Hidden, (string?)parameters[recorded]);
        Assert.DoesNotContain("Jane Roe", parameters.ToJsonString(), StringComparison.Ordinal);
        Assert.True(parameters.Count >= 2);
    }
}
