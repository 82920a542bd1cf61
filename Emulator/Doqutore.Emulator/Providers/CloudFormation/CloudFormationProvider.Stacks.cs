using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>Creating, updating, deleting and describing stacks.</summary>
public sealed partial class CloudFormationProvider
{
    public async Task<JsonObject> CreateStack(RequestContext context, JsonObject input)
    {
        var name = CloudFormationInput.Required(input, "StackName");
        CloudFormationInput.CheckStackName(name);
        var region = Region(context);
        lock (region.Gate)
        {
            if (region.Find(name) is not null)
            {
                throw CloudFormationErrors.AlreadyExists(name);
            }
        }

        var template = await ReadTemplateAsync(context, input).ConfigureAwait(false);
        var stackId = $"arn:aws:cloudformation:{context.Region}:{context.AccountId}:stack/{name}/{Guid.NewGuid()}";
        var plan = Plan(context, template, CloudFormationInput.Parameters(input), name, stackId);
        var capabilities = CloudFormationInput.Strings(input, "Capabilities");
        CheckCapabilities(plan, capabilities);
        var onFailure = CloudFormationInput.Text(input, "OnFailure");
        if (onFailure is not null && input["DisableRollback"] is not null)
        {
            throw CloudFormationErrors.Validation("You cannot specify both DisableRollback and OnFailure.");
        }

        var roleArn = CloudFormationInput.Text(input, "RoleARN");
        var stack = new Stack(stackId, name, Now)
        {
            Template = template,
            Parameters = plan.Parameters,
            Capabilities = capabilities,
            Tags = input["Tags"] as JsonArray is { } tags ? (JsonArray)tags.DeepClone() : [],
            RoleArn = roleArn,
            Caller = Actor(context, roleArn),
            Endpoint = new Uri(context.BaseUrl),
            DisableRollback = CloudFormationInput.Flag(input, "DisableRollback") || onFailure == "DO_NOTHING",
            DeleteOnFailure = onFailure == "DELETE",
            TerminationProtection = CloudFormationInput.Flag(input, "EnableTerminationProtection"),
        };
        lock (region.Gate)
        {
            if (region.Find(name) is not null)
            {
                throw CloudFormationErrors.AlreadyExists(name);
            }

            region.Stacks.Add(stack);
            stack.Events.Insert(0, new StackEvent(Guid.NewGuid().ToString(), name, stackId, "AWS::CloudFormation::Stack", Now, "CREATE_IN_PROGRESS", "User Initiated", null));
        }

        worker.Enqueue(cancellation => operations.CreateAsync(region, stack, plan, cancellation));
        return new JsonObject { ["StackId"] = stackId };
    }

    public async Task<JsonObject> UpdateStack(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var region = Region(context);
        Stack stack;
        lock (region.Gate)
        {
            stack = Existing(region, nameOrId);
        }

        var template = CloudFormationInput.Flag(input, "UsePreviousTemplate") ? stack.Template : await ReadTemplateAsync(context, input).ConfigureAwait(false);
        var previous = stack.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var plan = Plan(context, template, CloudFormationInput.Parameters(input, previous), stack.Name, stack.StackId);
        var capabilities = CloudFormationInput.Strings(input, "Capabilities");
        CheckCapabilities(plan, capabilities);
        lock (region.Gate)
        {
            if (stack.Status is not ("CREATE_COMPLETE" or "UPDATE_COMPLETE" or "UPDATE_ROLLBACK_COMPLETE" or "IMPORT_COMPLETE" or "IMPORT_ROLLBACK_COMPLETE"))
            {
                throw CloudFormationErrors.Validation($"Stack:{stack.StackId} is in {stack.Status} state and can not be updated.");
            }

            if (!StackOperations.Changes(stack, plan))
            {
                throw CloudFormationErrors.NoUpdates();
            }

            var roleArn = CloudFormationInput.Text(input, "RoleARN") ?? stack.RoleArn;
            stack.Caller = Actor(context, roleArn);
            stack.Endpoint = new Uri(context.BaseUrl);
            stack.RoleArn = roleArn;
            stack.Capabilities = capabilities;
            if (input["Tags"] is JsonArray tags)
            {
                stack.Tags = (JsonArray)tags.DeepClone();
            }

            // The status moves at once so a second UpdateStack is refused, as in AWS.
            stack.Status = "UPDATE_IN_PROGRESS";
        }

        worker.Enqueue(cancellation => operations.UpdateAsync(region, stack, plan, cancellation));
        return new JsonObject { ["StackId"] = stack.StackId };
    }

    public JsonObject DeleteStack(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var region = Region(context);
        Stack? stack;
        lock (region.Gate)
        {
            // Deleting a stack that does not exist (or is deleted) succeeds silently, as in AWS.
            stack = region.Find(nameOrId);
            if (stack is null || stack.IsDeleted || stack.Status == "DELETE_IN_PROGRESS")
            {
                return [];
            }

            if (stack.TerminationProtection)
            {
                throw CloudFormationErrors.Validation($"Stack [{stack.Name}] cannot be deleted while TerminationProtection is enabled");
            }

            var roleArn = CloudFormationInput.Text(input, "RoleARN") ?? stack.RoleArn;
            stack.Caller = Actor(context, roleArn);
            stack.Endpoint = new Uri(context.BaseUrl);
            if (!stack.InProgress)
            {
                // The status moves at once, as in AWS; an operation still under way finishes first, then the delete runs.
                stack.Status = "DELETE_IN_PROGRESS";
                stack.Events.Insert(0, new StackEvent(Guid.NewGuid().ToString(), stack.Name, stack.StackId, "AWS::CloudFormation::Stack", Now, "DELETE_IN_PROGRESS", "User Initiated", null));
            }
        }

        worker.Enqueue(cancellation => operations.DeleteAsync(region, stack, cancellation));
        return [];
    }

    public JsonObject DescribeStacks(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Text(input, "StackName");
        var region = Region(context);
        lock (region.Gate)
        {
            var stacks = nameOrId is null ? region.Stacks.Where(s => !s.IsDeleted).Reverse().ToList() : [Existing(region, nameOrId)];
            return new JsonObject { ["Stacks"] = new JsonArray([.. stacks.Select(StackJson)]) };
        }
    }

    public JsonObject ListStacks(RequestContext context, JsonObject input)
    {
        var filter = CloudFormationInput.Strings(input, "StackStatusFilter");
        var region = Region(context);
        lock (region.Gate)
        {
            var summaries = region.Stacks.AsEnumerable().Reverse()
                .Where(s => filter.Count == 0 || filter.Contains(s.Status))
                .Select(s => Compact(new JsonObject
                {
                    ["StackId"] = s.StackId,
                    ["StackName"] = s.Name,
                    ["TemplateDescription"] = s.Template.Description,
                    ["CreationTime"] = s.CreationTime,
                    ["LastUpdatedTime"] = s.LastUpdatedTime,
                    ["DeletionTime"] = s.DeletionTime,
                    ["StackStatus"] = s.Status,
                    ["StackStatusReason"] = s.StatusReason,
                    ["DriftInformation"] = new JsonObject { ["StackDriftStatus"] = "NOT_CHECKED" },
                }));
            return new JsonObject { ["StackSummaries"] = new JsonArray([.. summaries]) };
        }
    }

    private static JsonObject StackJson(Stack stack) => Compact(new JsonObject
    {
        ["StackId"] = stack.StackId,
        ["StackName"] = stack.Name,
        ["Description"] = stack.Template.Description,
        ["Parameters"] = new JsonArray([.. stack.Parameters.Select(p => Compact(new JsonObject
        {
            ["ParameterKey"] = p.Key,
            ["ParameterValue"] = p.NoEcho ? "****" : p.Value,
            ["ResolvedValue"] = p.NoEcho ? null : p.ResolvedValue,
        }))]),
        ["CreationTime"] = stack.CreationTime,
        ["DeletionTime"] = stack.DeletionTime,
        ["LastUpdatedTime"] = stack.LastUpdatedTime,
        ["RollbackConfiguration"] = new JsonObject(),
        ["StackStatus"] = stack.Status,
        ["StackStatusReason"] = stack.StatusReason,
        ["DisableRollback"] = stack.DisableRollback,
        ["NotificationARNs"] = new JsonArray(),
        ["Capabilities"] = stack.Capabilities.Count == 0 ? null : new JsonArray([.. stack.Capabilities.Select(c => (JsonNode)c)]),
        ["Outputs"] = stack.Outputs.Count == 0 ? null : new JsonArray([.. stack.Outputs.Select(o => Compact(new JsonObject
        {
            ["OutputKey"] = o.Key,
            ["OutputValue"] = o.Value,
            ["Description"] = o.Description,
            ["ExportName"] = o.ExportName,
        }))]),
        ["RoleARN"] = stack.RoleArn,
        ["Tags"] = stack.Tags.DeepClone(),
        ["EnableTerminationProtection"] = stack.TerminationProtection,
        ["DriftInformation"] = new JsonObject { ["StackDriftStatus"] = "NOT_CHECKED" },
    });

    /// <summary>Drops null members, which the query protocol would otherwise have to skip.</summary>
    private static JsonObject Compact(JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }

        return obj;
    }
}
