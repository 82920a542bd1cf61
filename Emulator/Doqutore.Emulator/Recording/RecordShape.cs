using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Recording;

/// <summary>
/// How one service's calls fill the service-defined parts of a record: <c>requestParameters</c>,
/// <c>responseElements</c>, <c>additionalEventData</c> and the <c>resources</c> list. Most services follow the
/// default (<see cref="RecordShape"/>: model members in Java camel case); S3 writes wire names
/// (<see cref="S3RecordShape"/>); DynamoDB keeps item contents out (<see cref="DynamoDbRecordShape"/>). The builder picks the shape from <see cref="For"/>, never by testing a name.
/// </summary>
public class RecordShape
{
    private static readonly RecordShape Default = new();

    private static readonly IReadOnlyDictionary<string, RecordShape> Shapes = new Dictionary<string, RecordShape>(StringComparer.Ordinal)
    {
        ["s3"] = new S3RecordShape(),
        ["dynamodb"] = new DynamoDbRecordShape(),
    };

    public static RecordShape For(string serviceId) => Shapes.GetValueOrDefault(serviceId, Default);

    public virtual JsonObject? RequestParameters(RequestContext context)
    {
        if (context.Input is not { } input || RecordedParameters.Request(context.Operation!.Input, input.Values) is not { } recorded)
        {
            return null;
        }

        if (CloudTrailConventions.HiddenRequestMembers.TryGetValue(context.Service!.Id, out var hidden))
        {
            foreach (var member in hidden)
            {
                var name = RecordedParameters.CamelCase(member);
                if (recorded.ContainsKey(name))
                {
                    recorded[name] = CloudTrailConventions.Hidden;
                }
            }
        }

        return recorded;
    }

    public virtual JsonObject? ResponseElements(RequestContext context) =>
        context.Output is { } output ? RecordedParameters.Response(context.Operation!.Output, output.Values) : null;

    public virtual JsonObject? AdditionalEventData(RequestContext context) => null;

    /// <summary>The record's <c>resources</c> entries, or null when the record carries none.</summary>
    /// <param name="resources">The resources the call named.</param>
    /// <param name="accountId">The recipient account.</param>
    /// <param name="listed">Whether the event type lists its resources (data events, AssumeRole).</param>
    public virtual JsonArray? Resources(IReadOnlyList<CloudTrailResource> resources, string accountId, bool listed) =>
        listed && resources.Count > 0
            ? new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["accountId"] = accountId, ["type"] = r.Type, ["ARN"] = r.Arn }).ToArray())
            : null;
}
