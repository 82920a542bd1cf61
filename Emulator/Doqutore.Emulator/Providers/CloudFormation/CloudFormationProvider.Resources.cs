using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>A stack's resources and events.</summary>
public sealed partial class CloudFormationProvider
{
    public JsonObject DescribeStackEvents(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var region = Region(context);
        lock (region.Gate)
        {
            var stack = Existing(region, nameOrId);
            var events = stack.Events.Select(e => Compact(new JsonObject
            {
                ["StackId"] = stack.StackId,
                ["EventId"] = e.EventId,
                ["StackName"] = stack.Name,
                ["LogicalResourceId"] = e.LogicalId,
                ["PhysicalResourceId"] = e.PhysicalId,
                ["ResourceType"] = e.ResourceType,
                ["Timestamp"] = e.Timestamp,
                ["ResourceStatus"] = e.Status,
                ["ResourceStatusReason"] = e.Reason,
                ["ResourceProperties"] = e.Properties,
            }));
            return new JsonObject { ["StackEvents"] = new JsonArray([.. events]) };
        }
    }

    public JsonObject DescribeStackResources(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Text(input, "StackName");
        var logicalId = CloudFormationInput.Text(input, "LogicalResourceId");
        var physicalId = CloudFormationInput.Text(input, "PhysicalResourceId");
        var region = Region(context);
        lock (region.Gate)
        {
            Stack stack;
            if (nameOrId is not null)
            {
                stack = Existing(region, nameOrId);
            }
            else if (physicalId is not null)
            {
                stack = region.Stacks.LastOrDefault(s => s.Resources.Values.Any(r => r.PhysicalId == physicalId))
                    ?? throw CloudFormationErrors.Validation($"Stack for {physicalId} does not exist");
            }
            else
            {
                throw CloudFormationErrors.Validation("Either StackName or PhysicalResourceId must be specified.");
            }

            var resources = stack.Resources.Values
                .Where(r => logicalId is null || r.LogicalId == logicalId)
                .Where(r => nameOrId is not null || physicalId is null || r.PhysicalId == physicalId)
                .Select(r => Compact(new JsonObject
                {
                    ["StackName"] = stack.Name,
                    ["StackId"] = stack.StackId,
                    ["LogicalResourceId"] = r.LogicalId,
                    ["PhysicalResourceId"] = r.PhysicalId,
                    ["ResourceType"] = r.Type,
                    ["Timestamp"] = r.Timestamp,
                    ["ResourceStatus"] = r.Status,
                    ["ResourceStatusReason"] = r.StatusReason,
                    ["DriftInformation"] = new JsonObject { ["StackResourceDriftStatus"] = "NOT_CHECKED" },
                }));
            return new JsonObject { ["StackResources"] = new JsonArray([.. resources]) };
        }
    }

    public JsonObject DescribeStackResource(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var logicalId = CloudFormationInput.Required(input, "LogicalResourceId");
        var region = Region(context);
        lock (region.Gate)
        {
            var stack = Existing(region, nameOrId);
            var resource = stack.Resources.GetValueOrDefault(logicalId)
                ?? throw CloudFormationErrors.Validation($"Resource {logicalId} does not exist for stack {stack.Name}");
            return new JsonObject
            {
                ["StackResourceDetail"] = Compact(new JsonObject
                {
                    ["StackName"] = stack.Name,
                    ["StackId"] = stack.StackId,
                    ["LogicalResourceId"] = resource.LogicalId,
                    ["PhysicalResourceId"] = resource.PhysicalId,
                    ["ResourceType"] = resource.Type,
                    ["LastUpdatedTimestamp"] = resource.Timestamp,
                    ["ResourceStatus"] = resource.Status,
                    ["ResourceStatusReason"] = resource.StatusReason,
                    ["Metadata"] = resource.Metadata?.ToJsonString(),
                    ["DriftInformation"] = new JsonObject { ["StackResourceDriftStatus"] = "NOT_CHECKED" },
                }),
            };
        }
    }

    public JsonObject ListStackResources(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var region = Region(context);
        lock (region.Gate)
        {
            var stack = Existing(region, nameOrId);
            var summaries = stack.Resources.Values.Select(r => Compact(new JsonObject
            {
                ["LogicalResourceId"] = r.LogicalId,
                ["PhysicalResourceId"] = r.PhysicalId,
                ["ResourceType"] = r.Type,
                ["LastUpdatedTimestamp"] = r.Timestamp,
                ["ResourceStatus"] = r.Status,
                ["ResourceStatusReason"] = r.StatusReason,
                ["DriftInformation"] = new JsonObject { ["StackResourceDriftStatus"] = "NOT_CHECKED" },
            }));
            return new JsonObject { ["StackResourceSummaries"] = new JsonArray([.. summaries]) };
        }
    }
}
