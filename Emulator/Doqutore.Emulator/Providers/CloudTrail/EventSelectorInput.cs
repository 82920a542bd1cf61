using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// PutEventSelectors' input read and validated into <see cref="TrailEventSelectors"/>, and selectors written back
/// as GetEventSelectors answers them. Limits of §1.5: 5 basic selectors, 250 data resource values across them,
/// 500 condition values across advanced selectors. Messages are [guess]: the reference gives codes only.
/// </summary>
public static class EventSelectorInput
{
    public const int MaxBasicSelectors = 5;
    public const int MaxDataResourceValues = 250;
    public const int MaxAdvancedValues = 500;
    public const int MaxValueLength = 2048;

    private static readonly string[] BasicDataTypes = ["AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table"];

    private static readonly string[] ExcludableSources = ["kms.amazonaws.com", "rdsdata.amazonaws.com"];

    private static readonly string[] Fields =
    [
        "eventCategory", "eventSource", "eventName", "eventType", "readOnly", "resources.type", "resources.ARN",
        "errorCode", "userIdentity.arn", "sessionCredentialFromConsole", "vpcEndpointId",
    ];

    private static readonly string[] EqualsOnlyFields = ["eventCategory", "readOnly", "resources.type"];

    private static readonly string[] Categories = ["Management", "Data", "NetworkActivity"];

    /// <summary>Reads the selectors of a PutEventSelectors input: exactly one of EventSelectors and AdvancedEventSelectors.</summary>
    public static TrailEventSelectors Read(JsonObject input)
    {
        var basic = input["EventSelectors"] as JsonArray;
        var advanced = input["AdvancedEventSelectors"] as JsonArray;
        return (basic, advanced) switch
        {
            (not null, not null) => throw CloudTrailErrors.InvalidParameterCombination(
                "You cannot specify both EventSelectors and AdvancedEventSelectors in a PutEventSelectors request. Use one or the other."),
            (null, null) => throw CloudTrailErrors.InvalidParameterCombination(
                "You must specify either EventSelectors or AdvancedEventSelectors in a PutEventSelectors request."),
            (not null, _) => new TrailEventSelectors(ReadBasic(basic), null),
            _ => new TrailEventSelectors(null, ReadAdvanced(advanced!)),
        };
    }

    private static List<BasicEventSelector> ReadBasic(JsonArray array)
    {
        if (array.Count > MaxBasicSelectors)
        {
            throw CloudTrailErrors.InvalidEventSelectors($"You have exceeded the maximum of {MaxBasicSelectors} event selectors for the trail.");
        }

        var selectors = new List<BasicEventSelector>();
        var values = 0;
        foreach (var node in array)
        {
            var item = node as JsonObject ?? [];
            var readWrite = Text(item["ReadWriteType"]) switch
            {
                null or "All" => ReadWriteType.All,
                "ReadOnly" => ReadWriteType.ReadOnly,
                "WriteOnly" => ReadWriteType.WriteOnly,
                var other => throw CloudTrailErrors.Validation(other, "eventSelectors.member.readWriteType", "Member must satisfy enum value set: [ReadOnly, WriteOnly, All]"),
            };
            var includeManagement = item["IncludeManagementEvents"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : true;
            var dataResources = new List<DataResource>();
            foreach (var resourceNode in item["DataResources"] as JsonArray ?? [])
            {
                var resource = resourceNode as JsonObject ?? [];
                var type = Text(resource["Type"]) ?? string.Empty;
                if (!BasicDataTypes.Contains(type, StringComparer.Ordinal))
                {
                    throw CloudTrailErrors.InvalidEventSelectors(
                        $"Resource type {type} is not valid for basic event selectors. Valid types: {string.Join(", ", BasicDataTypes)}. Use advanced event selectors for other types.");
                }

                var resourceValues = Strings(resource["Values"]);
                foreach (var value in resourceValues)
                {
                    if (!IsValidDataResourceValue(type, value))
                    {
                        throw CloudTrailErrors.InvalidEventSelectors($"Value {value} for DataResources.Values is invalid.");
                    }
                }

                values += resourceValues.Count;
                dataResources.Add(new DataResource(type, resourceValues));
            }

            var excluded = Strings(item["ExcludeManagementEventSources"]);
            foreach (var source in excluded)
            {
                if (!ExcludableSources.Contains(source, StringComparer.Ordinal))
                {
                    throw CloudTrailErrors.InvalidEventSelectors(
                        $"Value {source} for ExcludeManagementEventSources is invalid. Valid values: {string.Join(", ", ExcludableSources)}.");
                }
            }

            selectors.Add(new BasicEventSelector(readWrite, includeManagement, dataResources, excluded));
        }

        if (values > MaxDataResourceValues)
        {
            throw CloudTrailErrors.InvalidEventSelectors($"You have exceeded the maximum of {MaxDataResourceValues} data resources for the trail.");
        }

        return selectors;
    }

    /// <summary>
    /// A DataResource value of a basic selector: the service-wide prefix, a bucket (with its trailing slash) or key
    /// prefix for S3, a function or table ARN otherwise.
    /// </summary>
    public static bool IsValidDataResourceValue(string type, string value) => type switch
    {
        "AWS::S3::Object" => value is "arn:aws:s3" or "arn:aws:s3:::"
            || (value.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) && value.IndexOf('/', StringComparison.Ordinal) > "arn:aws:s3:::".Length),
        "AWS::Lambda::Function" => value == "arn:aws:lambda"
            || (value.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) && value.Contains(":function:", StringComparison.Ordinal)),
        "AWS::DynamoDB::Table" => value == "arn:aws:dynamodb"
            || (value.StartsWith("arn:aws:dynamodb:", StringComparison.Ordinal) && value.Contains(":table/", StringComparison.Ordinal)),
        _ => false,
    };

    private static List<AdvancedEventSelector> ReadAdvanced(JsonArray array)
    {
        var selectors = new List<AdvancedEventSelector>();
        var values = 0;
        foreach (var node in array)
        {
            var item = node as JsonObject ?? [];
            var name = Text(item["Name"]);
            var fields = new List<AdvancedFieldSelector>();
            foreach (var fieldNode in item["FieldSelectors"] as JsonArray ?? [])
            {
                var field = ReadField(fieldNode as JsonObject ?? []);
                if (fields.Exists(f => f.Field == field.Field))
                {
                    throw CloudTrailErrors.InvalidEventSelectors($"Field {field.Field} is specified more than once in an advanced event selector.");
                }

                fields.Add(field);
                values += field.ValueCount;
            }

            CheckSelector(fields);
            selectors.Add(new AdvancedEventSelector(name, fields));
        }

        if (values > MaxAdvancedValues)
        {
            throw CloudTrailErrors.InvalidEventSelectors($"You have exceeded the maximum of {MaxAdvancedValues} conditions for advanced event selectors on the trail.");
        }

        return selectors;
    }

    private static AdvancedFieldSelector ReadField(JsonObject item)
    {
        var name = Text(item["Field"]) ?? string.Empty;
        if (!Fields.Contains(name, StringComparer.Ordinal))
        {
            throw CloudTrailErrors.InvalidEventSelectors($"Field {name} is not valid. Valid fields: {string.Join(", ", Fields)}.");
        }

        var field = new AdvancedFieldSelector(name)
        {
            EqualsValues = Strings(item["Equals"]),
            StartsWith = Strings(item["StartsWith"]),
            EndsWith = Strings(item["EndsWith"]),
            NotEquals = Strings(item["NotEquals"]),
            NotStartsWith = Strings(item["NotStartsWith"]),
            NotEndsWith = Strings(item["NotEndsWith"]),
        };
        if (field.ValueCount == 0)
        {
            throw CloudTrailErrors.InvalidEventSelectors($"Field {name} must have at least one operator with a value.");
        }

        if (EqualsOnlyFields.Contains(name, StringComparer.Ordinal) && field.ValueCount != field.EqualsValues.Count)
        {
            throw CloudTrailErrors.InvalidEventSelectors($"The only operator supported for the field {name} is Equals.");
        }

        foreach (var value in field.EqualsValues.Concat(field.StartsWith).Concat(field.EndsWith).Concat(field.NotEquals).Concat(field.NotStartsWith).Concat(field.NotEndsWith))
        {
            if (value.Length is 0 or > MaxValueLength)
            {
                throw CloudTrailErrors.InvalidEventSelectors($"Value for field {name} must be between 1 and {MaxValueLength} characters long.");
            }
        }

        if (name == "readOnly" && field.EqualsValues.Any(v => v is not ("true" or "false")))
        {
            throw CloudTrailErrors.InvalidEventSelectors("Value for field readOnly must be true or false.");
        }

        if (name == "eventCategory" && field.EqualsValues.FirstOrDefault(v => !Categories.Contains(v, StringComparer.Ordinal)) is { } category)
        {
            throw CloudTrailErrors.InvalidEventSelectors($"Value {category} for field eventCategory is invalid. Valid values: {string.Join(", ", Categories)}.");
        }

        return field;
    }

    /// <summary>
    /// Rules across one selector's fields: eventCategory is required; a Data selector names its resources.type
    /// (one value); a Management selector may use only eventCategory, readOnly and eventSource (NotEquals of the
    /// excludable sources).
    /// </summary>
    private static void CheckSelector(List<AdvancedFieldSelector> fields)
    {
        if (fields.Count == 0)
        {
            throw CloudTrailErrors.InvalidEventSelectors("An advanced event selector must have at least one field selector.");
        }

        var category = fields.Find(f => f.Field == "eventCategory")
            ?? throw CloudTrailErrors.InvalidEventSelectors("You must specify the eventCategory field in each advanced event selector.");
        if (category.EqualsValues.Count != 1)
        {
            throw CloudTrailErrors.InvalidEventSelectors("The eventCategory field must have exactly one value.");
        }

        if (category.EqualsValues[0] == "Management")
        {
            foreach (var field in fields)
            {
                var allowed = field.Field is "eventCategory" or "readOnly"
                    || (field.Field == "eventSource" && field.ValueCount == field.NotEquals.Count && field.NotEquals.All(ExcludableSources.Contains));
                if (!allowed)
                {
                    throw CloudTrailErrors.InvalidEventSelectors(
                        $"Field {field.Field} is not valid for management events. Management event selectors support eventCategory, readOnly, and eventSource with NotEquals kms.amazonaws.com or rdsdata.amazonaws.com.");
                }
            }

            return;
        }

        var type = fields.Find(f => f.Field == "resources.type");
        if (type is null || type.EqualsValues.Count != 1)
        {
            throw CloudTrailErrors.InvalidEventSelectors("You must specify exactly one value for the resources.type field in a data event selector.");
        }
    }

    /// <summary>GetEventSelectors' answer for a trail.</summary>
    public static JsonObject Write(string trailArn, TrailEventSelectors selectors)
    {
        var output = new JsonObject { ["TrailARN"] = trailArn };
        if (selectors.Advanced is { } advanced)
        {
            output["AdvancedEventSelectors"] = new JsonArray(advanced.Select(s => (JsonNode?)Write(s)).ToArray());
        }
        else
        {
            output["EventSelectors"] = new JsonArray((selectors.Basic ?? []).Select(s => (JsonNode?)Write(s)).ToArray());
        }

        return output;
    }

    private static JsonObject Write(BasicEventSelector selector) => new()
    {
        ["ReadWriteType"] = selector.ReadWriteType.ToString(),
        ["IncludeManagementEvents"] = selector.IncludeManagementEvents,
        ["DataResources"] = new JsonArray(selector.DataResources.Select(d => (JsonNode?)new JsonObject
        {
            ["Type"] = d.Type,
            ["Values"] = Array(d.Values),
        }).ToArray()),
        ["ExcludeManagementEventSources"] = Array(selector.ExcludeManagementEventSources),
    };

    private static JsonObject Write(AdvancedEventSelector selector)
    {
        var output = new JsonObject();
        if (selector.Name is not null)
        {
            output["Name"] = selector.Name;
        }

        output["FieldSelectors"] = new JsonArray(selector.FieldSelectors.Select(f =>
        {
            var field = new JsonObject { ["Field"] = f.Field };
            Add(field, "Equals", f.EqualsValues);
            Add(field, "StartsWith", f.StartsWith);
            Add(field, "EndsWith", f.EndsWith);
            Add(field, "NotEquals", f.NotEquals);
            Add(field, "NotStartsWith", f.NotStartsWith);
            Add(field, "NotEndsWith", f.NotEndsWith);
            return (JsonNode?)field;
        }).ToArray());
        return output;
    }

    private static void Add(JsonObject field, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            field[name] = Array(values);
        }
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Text).Where(t => t is not null).Select(t => t!).ToList();
}
