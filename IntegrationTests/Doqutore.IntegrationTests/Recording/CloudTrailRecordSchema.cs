using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>The JSON schema of AWS's CloudTrail record (<c>Recording/Schema/cloudtrail-record.schema.json</c> of the emulator).</summary>
public static class CloudTrailRecordSchema
{
    private static readonly Lazy<JsonSchema> Strict = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recording", "cloudtrail-record.schema.json"))));

    /// <summary>
    /// The schema without its <c>required</c> list at the top level: for hand-written test events that leave
    /// fields out but must not add, misname or mistype any.
    /// </summary>
    private static readonly Lazy<JsonSchema> Partial = new(() =>
    {
        var text = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recording", "cloudtrail-record.schema.json")))!.AsObject();
        text.Remove("required");
        text["$id"] = "https://doqutore.dev/schemas/cloudtrail-record.partial.schema.json";
        return JsonSchema.FromText(text.ToJsonString());
    });

    /// <summary>
    /// The emulator's own records must also have AWS's exact value forms, which the schema leaves open for
    /// normalized copies: eventTime <c>yyyy-MM-ddTHH:mm:ssZ</c>, 12-digit account ids.
    /// </summary>
    public static IReadOnlyList<string> FormatViolations(JsonNode record)
    {
        var violations = new List<string>();
        if (!System.Text.RegularExpressions.Regex.IsMatch((string?)record["eventTime"] ?? string.Empty, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"))
        {
            violations.Add($"/eventTime: not yyyy-MM-ddTHH:mm:ssZ: {record["eventTime"]}");
        }

        foreach (var (path, value) in new[] { ("/recipientAccountId", record["recipientAccountId"]), ("/userIdentity/accountId", record["userIdentity"]?["accountId"]) })
        {
            if (value is not null && !System.Text.RegularExpressions.Regex.IsMatch((string?)value ?? string.Empty, "^([0-9]{12}|anonymous)$"))
            {
                violations.Add($"{path}: not a 12-digit account id: {value}");
            }
        }

        return violations;
    }

    /// <summary>The violations of <paramref name="record"/>, one line each (empty when it is valid).</summary>
    public static IReadOnlyList<string> Violations(JsonNode record, bool requireAllFields = true)
    {
        var schema = requireAllFields ? Strict.Value : Partial.Value;
        using var document = JsonDocument.Parse(record.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key} {error.Value}"))
            .ToArray();
    }
}
