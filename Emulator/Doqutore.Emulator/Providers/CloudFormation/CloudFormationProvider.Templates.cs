using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>Templates and exports: GetTemplate, ValidateTemplate, ListExports.</summary>
public sealed partial class CloudFormationProvider
{
    public JsonObject GetTemplate(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var region = Region(context);
        lock (region.Gate)
        {
            var stack = Existing(region, nameOrId);
            return new JsonObject
            {
                ["TemplateBody"] = stack.Template.Body,
                ["StagesAvailable"] = new JsonArray("Original", "Processed"),
            };
        }
    }

    public async Task<JsonObject> ValidateTemplate(RequestContext context, JsonObject input)
    {
        var template = await ReadTemplateAsync(context, input).ConfigureAwait(false);
        return Checked(() => Summary(template, parameter => Compact(new JsonObject
        {
            ["ParameterKey"] = parameter.Key,
            ["DefaultValue"] = parameter.Default,
            ["NoEcho"] = parameter.NoEcho,
            ["Description"] = parameter.Description,
        })));
    }

    /// <summary>The template of a body, URL or existing stack, summarized: parameters with types and constraints, capabilities, resource types.</summary>
    public async Task<JsonObject> GetTemplateSummary(RequestContext context, JsonObject input)
    {
        Template template;
        if (CloudFormationInput.Text(input, "StackName") is { } nameOrId)
        {
            var region = Region(context);
            lock (region.Gate)
            {
                template = Existing(region, nameOrId).Template;
            }
        }
        else
        {
            template = await ReadTemplateAsync(context, input).ConfigureAwait(false);
        }

        var summary = Checked(() => Summary(template, parameter => Compact(new JsonObject
        {
            ["ParameterKey"] = parameter.Key,
            ["DefaultValue"] = parameter.Default,
            ["ParameterType"] = parameter.Type,
            ["NoEcho"] = parameter.NoEcho,
            ["Description"] = parameter.Description,
            ["ParameterConstraints"] = parameter.AllowedValues is null ? new JsonObject() : new JsonObject { ["AllowedValues"] = parameter.AllowedValues },
        })));
        summary["ResourceTypes"] = new JsonArray([.. template.Resources.Select(r => (string)r.Value!["Type"]!).Distinct().Select(t => (JsonNode)t)]);
        summary["Version"] = (string?)template.Root["AWSTemplateFormatVersion"] ?? "2010-09-09";
        return summary;
    }

    private sealed record DeclaredParameter(string Key, string Type, string? Default, bool NoEcho, string? Description, JsonArray? AllowedValues);

    /// <summary>What ValidateTemplate and GetTemplateSummary share: the declared parameters, the description and the IAM capability the template needs.</summary>
    private JsonObject Summary(Template template, Func<DeclaredParameter, JsonObject> parameterJson)
    {
        var unrecognized = template.Resources.Select(r => (string)r.Value!["Type"]!).Where(t => !types.IsRecognized(t)).Distinct().ToList();
        if (unrecognized.Count > 0)
        {
            throw CloudFormationErrors.TemplateFormat($"Unrecognized resource types: [{string.Join(", ", unrecognized)}]");
        }

        var parameters = new JsonArray();
        foreach (var (key, node) in template.Parameters)
        {
            var definition = node as JsonObject ?? [];
            parameters.Add(parameterJson(new DeclaredParameter(
                key,
                (string?)definition["Type"] ?? "String",
                definition["Default"] is { } d ? Intrinsics.Text(d, "Default") : null,
                string.Equals(definition["NoEcho"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase),
                (string?)definition["Description"],
                definition["AllowedValues"] is JsonArray allowed ? new JsonArray([.. allowed.Select(a => (JsonNode)Intrinsics.Text(a, "AllowedValues"))]) : null)));
        }

        var output = Compact(new JsonObject { ["Parameters"] = parameters, ["Description"] = template.Description });
        var (required, reason) = RequiredCapability(template.Resources.Select(r => (r.Key, (JsonObject)r.Value!)));
        if (required is not null)
        {
            output["Capabilities"] = new JsonArray(required);
            output["CapabilitiesReason"] = reason;
        }

        return output;
    }

    public JsonObject ListExports(RequestContext context, JsonObject input)
    {
        var region = Region(context);
        lock (region.Gate)
        {
            var exports = region.Exports().Select(e => new JsonObject
            {
                ["ExportingStackId"] = e.Stack.StackId,
                ["Name"] = e.Name,
                ["Value"] = e.Value,
            });
            return new JsonObject { ["Exports"] = new JsonArray([.. exports]) };
        }
    }
}
