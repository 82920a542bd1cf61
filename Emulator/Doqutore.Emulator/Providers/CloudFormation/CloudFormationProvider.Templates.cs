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
        var parameters = new JsonArray();
        foreach (var (key, node) in template.Parameters)
        {
            var definition = node as JsonObject ?? [];
            parameters.Add(Compact(new JsonObject
            {
                ["ParameterKey"] = key,
                ["DefaultValue"] = definition["Default"] is { } d ? Intrinsics.Text(d, "Default") : null,
                ["NoEcho"] = string.Equals(definition["NoEcho"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase),
                ["Description"] = (string?)definition["Description"],
            }));
        }

        var unrecognized = template.Resources.Select(r => (string)r.Value!["Type"]!).Where(t => !types.IsRecognized(t)).Distinct().ToList();
        if (unrecognized.Count > 0)
        {
            throw CloudFormationErrors.TemplateFormat($"Unrecognized resource types: [{string.Join(", ", unrecognized)}]");
        }

        var iamTypes = template.Resources.Select(r => (Type: (string)r.Value!["Type"]!, Properties: r.Value!["Properties"] as JsonObject))
            .Select(r => (r.Type, Handler: types.Find(r.Type), r.Properties))
            .Where(r => r.Handler is { Capability.Iam: true })
            .ToList();
        var output = Compact(new JsonObject
        {
            ["Parameters"] = parameters,
            ["Description"] = template.Description,
        });
        if (iamTypes.Count > 0)
        {
            var named = iamTypes.Any(r => r.Handler!.Capability.NameProperty is { } p && r.Properties?[p] is not null);
            output["Capabilities"] = new JsonArray(named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
            output["CapabilitiesReason"] = $"The following resource(s) require capabilities: [{string.Join(", ", iamTypes.Select(r => r.Type).Distinct())}]";
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
