using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Recording;

/// <summary>
/// S3's records, as the S3 user guide's CloudTrail examples show them: <c>requestParameters</c> hold
/// <c>bucketName</c>, <c>Host</c>, <c>key</c> and the query-string parameters under their wire names
/// (<c>list-type</c>, <c>prefix</c>, <c>versionId</c>); a bucket policy appears as <c>bucketPolicy</c>, other
/// XML payloads under their element name; object bodies and the keys of DeleteObjects never (documented).
/// <c>responseElements</c> of writes are the response headers S3 sets (<c>x-amz-version-id</c>, …), or null.
/// <c>additionalEventData</c> carries the signature version, how the request was authenticated and the bytes
/// moved. Every record lists the object (if any) and its bucket, the bucket with the owner's account.
/// </summary>
public sealed class S3RecordShape : RecordShape
{
    /// <summary>Payloads AWS leaves out of the record: the keys deleted through DeleteObjects are not logged.</summary>
    private static readonly IReadOnlySet<string> UnloggedPayloads = new HashSet<string>(StringComparer.Ordinal) { "DeleteObjects" };

    public override JsonObject? RequestParameters(RequestContext context)
    {
        var operation = context.Operation!;
        var values = context.Input?.Values ?? [];
        var result = new JsonObject();
        if ((string?)values["Bucket"] is { } bucket)
        {
            result["bucketName"] = bucket;
        }

        result["Host"] = context.Request.Host;
        if ((string?)values["Key"] is { } key)
        {
            result["key"] = key;
        }

        foreach (var member in operation.Input?.Members ?? [])
        {
            if (values[member.Name] is not { } value)
            {
                continue;
            }

            if (member.Location == MemberLocation.QueryString && !member.Sensitive)
            {
                result[member.WireName] = Scalar(value);
            }
            else if (operation.Input!.Payload == member.Name && !member.Streaming && !member.Sensitive && !UnloggedPayloads.Contains(operation.Name))
            {
                result[member.Name == "Policy" ? "bucketPolicy" : member.WireName] = Payload(member, value);
            }
        }

        return result;
    }

    public override JsonObject? ResponseElements(RequestContext context)
    {
        var values = context.Output?.Values;
        if (values is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var member in context.Operation!.Output?.Members ?? [])
        {
            if (member.Location == MemberLocation.Header && !member.Sensitive && values[member.Name] is { } value)
            {
                result[member.WireName] = Scalar(value);
            }
        }

        return result.Count == 0 ? null : result;
    }

    public override JsonObject? AdditionalEventData(RequestContext context)
    {
        var data = new JsonObject();
        if (context.Principal.Type != PrincipalType.Anonymous)
        {
            data["SignatureVersion"] = "SigV4";
            data["AuthenticationMethod"] = context.Request.QueryLookup.Contains("X-Amz-Signature") ? "QueryString" : "AuthHeader";
        }

        data["bytesTransferredIn"] = long.TryParse(context.Request.Headers["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var inBytes) ? inBytes : 0;
        data["bytesTransferredOut"] = context.Output?.StreamLength ?? 0;
        return data;
    }

    public override JsonArray? Resources(IReadOnlyList<CloudTrailResource> resources, string accountId, bool listed)
    {
        var entries = new List<JsonNode>();
        foreach (var resource in resources)
        {
            if (resource.Type == "AWS::S3::Object")
            {
                entries.Add(new JsonObject { ["type"] = resource.Type, ["ARN"] = resource.Arn });
                var bucketArn = resource.Arn[..resource.Arn.IndexOf('/', StringComparison.Ordinal)];
                entries.Add(new JsonObject { ["accountId"] = accountId, ["type"] = "AWS::S3::Bucket", ["ARN"] = bucketArn });
            }
            else
            {
                entries.Add(new JsonObject { ["accountId"] = accountId, ["type"] = resource.Type, ["ARN"] = resource.Arn });
            }
        }

        return entries.Count == 0 ? null : new JsonArray(entries.ToArray());
    }

    private static JsonNode? Scalar(JsonNode value) => value is JsonValue scalar && scalar.GetValueKind() != JsonValueKind.String
        ? JsonValue.Create(scalar.ToJsonString())
        : value.DeepClone();

    private static JsonNode? Payload(Member member, JsonNode value)
    {
        // A bucket policy arrives as JSON text: the record holds the document itself.
        if (value is JsonValue text && text.TryGetValue<string>(out var json) && member.Name == "Policy")
        {
            try
            {
                return JsonNode.Parse(json);
            }
            catch (JsonException)
            {
                return json;
            }
        }

        return value is JsonObject structure ? RecordedParameters.Request(member.Shape, structure) : value.DeepClone();
    }
}
