using System.Text.Json.Nodes;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Whether a trail's selectors select a record (§1.5). Basic: management events by ReadWriteType,
/// IncludeManagementEvents and ExcludeManagementEventSources; data events only through a DataResource of the
/// record's resource type whose value is a prefix of the resource ARN (S3), the ARN itself (Lambda, DynamoDB) or
/// the service-wide value (<c>arn:aws:s3</c>, <c>arn:aws:lambda</c>, <c>arn:aws:dynamodb</c>). Advanced: any
/// selector whose field selectors all hold; resource fields must hold for one and the same resource.
/// </summary>
public static class EventSelectorMatcher
{
    public static bool Selects(TrailEventSelectors selectors, CloudTrailRecord record) =>
        selectors.Advanced is { } advanced
            ? advanced.Any(s => Selects(s, record))
            : (selectors.Basic ?? []).Any(s => Selects(s, record));

    public static bool Selects(BasicEventSelector selector, CloudTrailRecord record)
    {
        var readWrite = selector.ReadWriteType switch
        {
            ReadWriteType.ReadOnly => record.ReadOnly,
            ReadWriteType.WriteOnly => !record.ReadOnly,
            _ => true,
        };
        if (!readWrite)
        {
            return false;
        }

        if (record.Category == CloudTrailEventCategory.Management)
        {
            return selector.IncludeManagementEvents && !selector.ExcludeManagementEventSources.Contains(record.EventSource, StringComparer.Ordinal);
        }

        return selector.DataResources.Any(d => record.Resources.Any(r => Selects(d, r)));
    }

    public static bool Selects(DataResource dataResource, CloudTrailResource resource)
    {
        if (!string.Equals(dataResource.Type, resource.Type, StringComparison.Ordinal))
        {
            return false;
        }

        return dataResource.Values.Any(value => dataResource.Type switch
        {
            // A bucket value must end with '/' to name the whole bucket, so "arn:aws:s3:::b" never matches bucket "bb".
            "AWS::S3::Object" => value is "arn:aws:s3" or "arn:aws:s3:::" || resource.Arn.StartsWith(value, StringComparison.Ordinal),
            "AWS::Lambda::Function" => value == "arn:aws:lambda" || string.Equals(value, resource.Arn, StringComparison.Ordinal),
            "AWS::DynamoDB::Table" => value == "arn:aws:dynamodb" || string.Equals(value, resource.Arn, StringComparison.Ordinal),
            _ => false,
        });
    }

    public static bool Selects(AdvancedEventSelector selector, CloudTrailRecord record)
    {
        var resourceFields = selector.FieldSelectors.Where(f => IsResourceField(f.Field)).ToArray();
        foreach (var field in selector.FieldSelectors)
        {
            if (!IsResourceField(field.Field) && !Holds(field, EventValue(field.Field, record)))
            {
                return false;
            }
        }

        return resourceFields.Length == 0
            || record.Resources.Any(r => resourceFields.All(f => Holds(f, f.Field == "resources.type" ? r.Type : r.Arn)));
    }

    private static bool IsResourceField(string field) => field is "resources.type" or "resources.ARN";

    private static string? EventValue(string field, CloudTrailRecord record) => field switch
    {
        "eventCategory" => record.Category.ToString(),
        "readOnly" => record.ReadOnly ? "true" : "false",
        "eventSource" => record.EventSource,
        "eventName" => record.EventName,
        "errorCode" => record.ErrorCode,
        "eventType" => (string?)(record.Record["eventType"] as JsonValue),
        "userIdentity.arn" => (string?)(record.Record["userIdentity"]?["arn"] as JsonValue),
        "sessionCredentialFromConsole" => record.Record["sessionCredentialFromConsole"]?.ToString() ?? "false",
        "vpcEndpointId" => (string?)(record.Record["vpcEndpointId"] as JsonValue),
        _ => null,
    };

    /// <summary>A field selector on a value (null: the record has no such field, which only negative operators accept).</summary>
    public static bool Holds(AdvancedFieldSelector field, string? value)
    {
        var hasPositive = field.EqualsValues.Count + field.StartsWith.Count + field.EndsWith.Count > 0;
        if (hasPositive)
        {
            if (value is null)
            {
                return false;
            }

            var any = field.EqualsValues.Any(v => string.Equals(v, value, StringComparison.Ordinal))
                || field.StartsWith.Any(v => value.StartsWith(v, StringComparison.Ordinal))
                || field.EndsWith.Any(v => value.EndsWith(v, StringComparison.Ordinal));
            if (!any)
            {
                return false;
            }
        }

        if (value is null)
        {
            return true;
        }

        return !field.NotEquals.Any(v => string.Equals(v, value, StringComparison.Ordinal))
            && !field.NotStartsWith.Any(v => value.StartsWith(v, StringComparison.Ordinal))
            && !field.NotEndsWith.Any(v => value.EndsWith(v, StringComparison.Ordinal));
    }
}
