using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// Change sets, as the AWS CLI's <c>cloudformation deploy</c> uses them: CreateChangeSet (a CREATE change set makes the
/// stack in REVIEW_IN_PROGRESS), DescribeChangeSet, ListChangeSets, ExecuteChangeSet, DeleteChangeSet. A change set is
/// ready as soon as it is created; one with nothing to change is FAILED with AWS's reason.
/// </summary>
public sealed partial class CloudFormationProvider
{
    private const string NoChanges = "The submitted information didn't contain changes. Submit different information to create a change set.";

    public async Task<JsonObject> CreateChangeSet(RequestContext context, JsonObject input)
    {
        var stackName = CloudFormationInput.Required(input, "StackName");
        var changeSetName = CloudFormationInput.Required(input, "ChangeSetName");
        var type = CloudFormationInput.Text(input, "ChangeSetType") ?? "UPDATE";
        var region = Region(context);
        Stack? existing;
        lock (region.Gate)
        {
            existing = region.Find(stackName);
        }

        if (type == "CREATE" && existing is not null && existing.Status != "REVIEW_IN_PROGRESS")
        {
            throw CloudFormationErrors.AlreadyExists(stackName);
        }

        if (type == "UPDATE" && (existing is null || existing.Status == "REVIEW_IN_PROGRESS"))
        {
            throw CloudFormationErrors.StackNotFound(stackName);
        }

        var template = CloudFormationInput.Flag(input, "UsePreviousTemplate") && existing is not null ? existing.Template : await ReadTemplateAsync(context, input).ConfigureAwait(false);
        var stackId = existing?.StackId ?? $"arn:aws:cloudformation:{context.Region}:{context.AccountId}:stack/{stackName}/{Guid.NewGuid()}";
        var previous = existing?.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var plan = Plan(context, template, CloudFormationInput.Parameters(input, previous), stackName, stackId);
        var capabilities = CloudFormationInput.Strings(input, "Capabilities");
        CheckCapabilities(plan, capabilities);
        var roleArn = CloudFormationInput.Text(input, "RoleARN") ?? existing?.RoleArn;
        lock (region.Gate)
        {
            var stack = existing ?? new Stack(stackId, stackName, Now)
            {
                Template = template,
                Parameters = plan.Parameters,
                Caller = context.Principal,
                Status = "REVIEW_IN_PROGRESS",
                Tags = input["Tags"] as JsonArray is { } tags ? (JsonArray)tags.DeepClone() : [],
            };
            if (existing is null)
            {
                region.Stacks.Add(stack);
                stack.Events.Insert(0, new StackEvent(Guid.NewGuid().ToString(), stackName, stackId, "AWS::CloudFormation::Stack", Now, "REVIEW_IN_PROGRESS", "User Initiated", null));
            }

            var changeSet = new ChangeSet($"arn:aws:cloudformation:{context.Region}:{context.AccountId}:changeSet/{changeSetName}/{Guid.NewGuid()}", changeSetName, stack, Now)
            {
                Type = type,
                Plan = plan,
                Description = CloudFormationInput.Text(input, "Description"),
                Capabilities = capabilities,
                Caller = Actor(context, roleArn),
                RoleArn = roleArn,
                Endpoint = new Uri(context.BaseUrl),
                Changes = Changes(stack, plan, type),
            };
            if (type == "UPDATE" && !StackOperations.Changes(stack, plan))
            {
                (changeSet.Status, changeSet.StatusReason, changeSet.ExecutionStatus) = ("FAILED", NoChanges, "UNAVAILABLE");
            }

            region.ChangeSets.Add(changeSet);
            return new JsonObject { ["Id"] = changeSet.Id, ["StackId"] = stackId };
        }
    }

    public JsonObject DescribeChangeSet(RequestContext context, JsonObject input)
    {
        var region = Region(context);
        lock (region.Gate)
        {
            var changeSet = FindChangeSet(region, input);
            return Compact(new JsonObject
            {
                ["ChangeSetName"] = changeSet.Name,
                ["ChangeSetId"] = changeSet.Id,
                ["StackId"] = changeSet.Stack.StackId,
                ["StackName"] = changeSet.Stack.Name,
                ["Description"] = changeSet.Description,
                ["Parameters"] = new JsonArray([.. changeSet.Plan.Parameters.Select(p => (JsonNode)new JsonObject { ["ParameterKey"] = p.Key, ["ParameterValue"] = p.NoEcho ? "****" : p.Value })]),
                ["CreationTime"] = changeSet.CreationTime,
                ["ExecutionStatus"] = changeSet.ExecutionStatus,
                ["Status"] = changeSet.Status,
                ["StatusReason"] = changeSet.StatusReason,
                ["NotificationARNs"] = new JsonArray(),
                ["RollbackConfiguration"] = new JsonObject(),
                ["Capabilities"] = changeSet.Capabilities.Count == 0 ? null : new JsonArray([.. changeSet.Capabilities.Select(c => (JsonNode)c)]),
                ["Changes"] = changeSet.Changes.DeepClone(),
                ["IncludeNestedStacks"] = false,
            });
        }
    }

    public JsonObject ListChangeSets(RequestContext context, JsonObject input)
    {
        var nameOrId = CloudFormationInput.Required(input, "StackName");
        var region = Region(context);
        lock (region.Gate)
        {
            var stack = Existing(region, nameOrId);
            var summaries = region.ChangeSets.Where(c => c.Stack == stack).Select(c => Compact(new JsonObject
            {
                ["StackId"] = stack.StackId,
                ["StackName"] = stack.Name,
                ["ChangeSetId"] = c.Id,
                ["ChangeSetName"] = c.Name,
                ["ExecutionStatus"] = c.ExecutionStatus,
                ["Status"] = c.Status,
                ["StatusReason"] = c.StatusReason,
                ["CreationTime"] = c.CreationTime,
                ["Description"] = c.Description,
            }));
            return new JsonObject { ["Summaries"] = new JsonArray([.. summaries]) };
        }
    }

    public JsonObject DeleteChangeSet(RequestContext context, JsonObject input)
    {
        var region = Region(context);
        lock (region.Gate)
        {
            region.ChangeSets.Remove(FindChangeSet(region, input));
            return [];
        }
    }

    public JsonObject ExecuteChangeSet(RequestContext context, JsonObject input)
    {
        var region = Region(context);
        ChangeSet changeSet;
        lock (region.Gate)
        {
            changeSet = FindChangeSet(region, input);
            var stack = changeSet.Stack;
            if (changeSet.ExecutionStatus != "AVAILABLE")
            {
                throw new Doqutore.Aws.Protocols.AwsServiceException("InvalidChangeSetStatus", $"ChangeSet [{changeSet.Id}] cannot be executed in its current execution status of [{changeSet.ExecutionStatus}]", 400);
            }

            if (changeSet.Type == "UPDATE" && stack.InProgress)
            {
                throw CloudFormationErrors.Validation($"Stack:{stack.StackId} is in {stack.Status} state and can not be updated.");
            }

            changeSet.ExecutionStatus = "EXECUTE_COMPLETE";
            region.ChangeSets.RemoveAll(c => c.Stack == stack && c != changeSet);
            stack.Caller = changeSet.Caller;
            stack.RoleArn = changeSet.RoleArn;
            stack.Endpoint = changeSet.Endpoint;
            stack.Capabilities = changeSet.Capabilities;
            stack.Status = changeSet.Type == "CREATE" ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
            if (changeSet.Type == "CREATE")
            {
                stack.Events.Insert(0, new StackEvent(Guid.NewGuid().ToString(), stack.Name, stack.StackId, "AWS::CloudFormation::Stack", Now, "CREATE_IN_PROGRESS", "User Initiated", null));
            }
        }

        worker.Enqueue(cancellation => changeSet.Type == "CREATE"
            ? operations.CreateAsync(region, changeSet.Stack, changeSet.Plan, cancellation)
            : operations.UpdateAsync(region, changeSet.Stack, changeSet.Plan, cancellation));
        return [];
    }

    private static ChangeSet FindChangeSet(CloudFormationRegion region, JsonObject input)
    {
        var name = CloudFormationInput.Required(input, "ChangeSetName");
        var stackName = CloudFormationInput.Text(input, "StackName");
        return region.ChangeSets.LastOrDefault(c => c.Id == name || (c.Name == name && stackName is not null && (c.Stack.Name == stackName || c.Stack.StackId == stackName)))
            ?? throw CloudFormationErrors.ChangeSetNotFound(name);
    }

    /// <summary>The resource changes a change set would make, by comparing resource definitions (AWS compares resolved properties; this is close for templates that change what they say).</summary>
    private static JsonArray Changes(Stack stack, DeploymentPlan plan, string type)
    {
        var changes = new JsonArray();
        var current = type == "CREATE" ? new Dictionary<string, JsonNode?>() : stack.Template.Resources.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        foreach (var (logicalId, definition) in plan.Resources)
        {
            var physicalId = stack.Resources.GetValueOrDefault(logicalId)?.PhysicalId;
            if (!current.TryGetValue(logicalId, out var before))
            {
                changes.Add(Change("Add", logicalId, null, definition));
            }
            else if (!JsonNode.DeepEquals(before, definition))
            {
                changes.Add(Change("Modify", logicalId, physicalId, definition));
            }
        }

        foreach (var (logicalId, definition) in current.Where(c => !plan.Resources.ContainsKey(c.Key)))
        {
            changes.Add(Change("Remove", logicalId, stack.Resources.GetValueOrDefault(logicalId)?.PhysicalId, (JsonObject)definition!));
        }

        return changes;
    }

    private static JsonObject Change(string action, string logicalId, string? physicalId, JsonObject definition) => new()
    {
        ["Type"] = "Resource",
        ["ResourceChange"] = Compact(new JsonObject
        {
            ["Action"] = action,
            ["LogicalResourceId"] = logicalId,
            ["PhysicalResourceId"] = physicalId,
            ["ResourceType"] = (string?)definition["Type"],
            ["Replacement"] = action == "Modify" ? "Conditional" : null,
            ["Scope"] = new JsonArray(),
            ["Details"] = new JsonArray(),
        }),
    };
}
