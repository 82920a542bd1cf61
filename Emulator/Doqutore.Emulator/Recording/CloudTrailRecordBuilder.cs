using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization.Requests;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Recording;

/// <summary>
/// Builds the CloudTrail record of one call (eventVersion 1.10; fields and order as in reference §1.2): who
/// called (<see cref="UserIdentity"/>), what (event source and name, masked parameters), how it ended (response
/// elements for a successful mutating call, error code and message otherwise) and how CloudTrail classifies it
/// (read-only, management or data, resources).
/// </summary>
public sealed class CloudTrailRecordBuilder(UserIdentity identities)
{
    public const string EventVersion = "1.10";

    /// <summary>CloudTrail truncates userAgent, errorCode and errorMessage at 1 KB.</summary>
    private const int FieldLimit = 1024;

    /// <summary>requestParameters and responseElements above 100 KB are dropped [guess: AWS says "truncated"].</summary>
    private const int ElementLimit = 100 * 1024;

    /// <summary>The record of <paramref name="context"/>'s call as <paramref name="caller"/> made it, completed at <paramref name="completedAt"/>.</summary>
    public CloudTrailRecord Build(RequestContext context, Principal caller, DateTimeOffset completedAt)
    {
        var model = context.Service!;
        var operation = context.Operation!;
        var eventSource = EventSource(model.Metadata.SigningName);
        var region = CloudTrailConventions.GlobalServices.Contains(model.Id) ? CloudTrailConventions.GlobalRegion : context.Region;
        var dataType = CloudTrailConventions.DataEventType(model.Id, operation.Name);
        var readOnly = CloudTrailConventions.IsReadOnly(operation.Name);
        var error = context.Error;
        var succeeded = error is null;
        var eventId = Guid.NewGuid().ToString();
        var resources = Resources(context, caller);
        var accountId = AccountOf(context, caller);
        var shape = RecordShape.For(model.Id);

        var identity = identities.For(caller);
        if (context.InvokedBy is { } invokedBy)
        {
            identity["invokedBy"] = invokedBy;
        }

        var record = new JsonObject
        {
            ["eventVersion"] = EventVersion,
            ["userIdentity"] = identity,
            ["eventTime"] = completedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = eventSource,
            ["eventName"] = operation.Name,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = context.SourceIp,
            ["userAgent"] = Truncate(context.UserAgent ?? string.Empty),
        };
        if (error is not null)
        {
            record["errorCode"] = Truncate(error.Code);
            record["errorMessage"] = Truncate(error.Message);
        }

        record["requestParameters"] = Limit(shape.RequestParameters(context));
        var keepsResponse = !readOnly || CloudTrailConventions.ReadsWithResponseElements.Contains((model.Id, operation.Name));
        record["responseElements"] = succeeded && keepsResponse ? Limit(shape.ResponseElements(context)) : null;
        if (shape.AdditionalEventData(context) is { } additional)
        {
            record["additionalEventData"] = additional;
        }

        record["requestID"] = context.RequestId;
        record["eventID"] = eventId;
        record["readOnly"] = readOnly;
        var listed = dataType is not null || CloudTrailConventions.ManagementEventsWithResources.Contains((model.Id, operation.Name));
        if (shape.Resources(resources, accountId, listed) is { } entries)
        {
            record["resources"] = entries;
        }

        record["eventType"] = "AwsApiCall";
        record["managementEvent"] = dataType is null;
        record["recipientAccountId"] = accountId;
        record["eventCategory"] = dataType is null ? "Management" : "Data";

        return new CloudTrailRecord(record)
        {
            AccountId = accountId,
            Region = region,
            EventSource = eventSource,
            EventName = operation.Name,
            EventId = eventId,
            RequestId = context.RequestId,
            ReceivedAt = context.ReceivedAt,
            EventTime = completedAt,
            ReadOnly = readOnly,
            Category = dataType is null ? CloudTrailEventCategory.Management : CloudTrailEventCategory.Data,
            Username = UserIdentity.Username(caller),
            AccessKeyId = caller.AccessKeyId,
            ErrorCode = error?.Code,
            Resources = resources,
            EventBridgeSource = CloudTrailConventions.EventBridgeSource(eventSource),
            NeedsReadOnlyOptIn = dataType is null && CloudTrailConventions.NeedsReadOnlyOptIn(operation.Name),
        };
    }

    /// <summary>The account a record of the call belongs to (<c>recipientAccountId</c>).</summary>
    public static string AccountOf(RequestContext context, Principal caller) =>
        caller.Type == PrincipalType.Anonymous ? context.AccountId : caller.AccountId;

    private static string EventSource(string service) => service + ".amazonaws.com";

    /// <summary>The resources the call named: those it was authorized on, else those the model maps it to.</summary>
    private static IReadOnlyList<CloudTrailResource> Resources(RequestContext context, Principal caller)
    {
        var arns = context.ResourceArns;
        if (arns is null && context.Input is { } input)
        {
            arns = ResourceArns.For(context.Service!, context.Operation!, input.Values, caller.AccountId, context.Region, caller.Type == PrincipalType.IAMUser ? caller.Arn : null);
        }

        if (arns is null || arns.Count == 0)
        {
            return [];
        }

        var resources = new List<CloudTrailResource>(arns.Count);
        foreach (var arn in arns)
        {
            // An operation on no particular resource is authorized on the caller itself (IAM's own-user rule): not a resource of the event.
            if (arn != caller.Arn && ResourceTypes.Describe(arn) is { } resource)
            {
                resources.Add(resource);
            }
        }

        return resources;
    }

    private static string Truncate(string value) => value.Length <= FieldLimit ? value : value[..FieldLimit];

    private static JsonObject? Limit(JsonObject? elements) =>
        elements is not null && elements.Count > 8 && elements.ToJsonString().Length > ElementLimit ? null : elements;
}
