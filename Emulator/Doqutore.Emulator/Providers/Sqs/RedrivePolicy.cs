using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// A queue's <c>RedrivePolicy</c>: <c>{"deadLetterTargetArn": "...", "maxReceiveCount": "5"}</c>. A message received
/// more than <see cref="MaxReceiveCount"/> times moves to the dead-letter queue on its next receive.
/// </summary>
/// <param name="DeadLetterTargetArn">The dead-letter queue's ARN.</param>
/// <param name="MaxReceiveCount">Receives allowed before the move (1–1000).</param>
internal sealed record RedrivePolicy(string DeadLetterTargetArn, int MaxReceiveCount)
{
    /// <summary>Parses and validates a policy with AWS's <c>InvalidParameterValue</c> reasons.</summary>
    public static RedrivePolicy Parse(string text)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject ?? throw Invalid(text, "Invalid value for RedrivePolicy.");
        }
        catch (JsonException)
        {
            throw Invalid(text, "Invalid value for RedrivePolicy.");
        }

        if (json["deadLetterTargetArn"] is not JsonValue arnValue || !arnValue.TryGetValue<string>(out var arn) || arn.Length == 0)
        {
            throw Invalid(text, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }

        if (json["maxReceiveCount"] is not JsonValue countValue)
        {
            throw Invalid(text, "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }

        var countText = countValue.GetValueKind() == JsonValueKind.String ? countValue.GetValue<string>() : countValue.ToJsonString();
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1000)
        {
            throw Invalid(text, $"Invalid value for maxReceiveCount: {countText}, valid values are from 1 to 1000 both inclusive.");
        }

        if (QueueNames.ParseArn(arn) is null)
        {
            throw Invalid(text, "Invalid value for deadLetterTargetArn.");
        }

        return new RedrivePolicy(arn, count);
    }

    /// <summary>The policy as SQS answers it, <c>maxReceiveCount</c> a number.</summary>
    public string ToJson() =>
        new JsonObject { ["deadLetterTargetArn"] = DeadLetterTargetArn, ["maxReceiveCount"] = MaxReceiveCount }.ToJsonString();

    public static Doqutore.Aws.Protocols.AwsServiceException Invalid(string text, string reason) =>
        SqsErrors.InvalidParameterValue(text, "RedrivePolicy", reason);
}
