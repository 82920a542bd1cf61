using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.CloudFormation.Resources;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// UpdateStack's work: each resource of the new template is created (new logical id or changed type), left alone
/// (same resolved properties), updated in place, or replaced (a property the type cannot change in place, such as a
/// physical name: the new resource is created first and the old one deleted in the cleanup phase, as AWS does).
/// Resources the new template drops are deleted in cleanup. A failure rolls every step back in reverse.
/// </summary>
public sealed partial class StackOperations
{
    private abstract record Step(string LogicalId);

    private sealed record Added(string LogicalId) : Step(LogicalId);

    private sealed record Replaced(string LogicalId, StackResource Old) : Step(LogicalId);

    private sealed record Changed(string LogicalId, StackResource Old) : Step(LogicalId);

    public async Task UpdateAsync(CloudFormationRegion region, Stack stack, DeploymentPlan plan, CancellationToken cancellation)
    {
        Dictionary<string, StackResource> before;
        (Template Template, IReadOnlyList<ParameterValue> Parameters, IReadOnlyList<StackOutput> Outputs, IReadOnlySet<string> Imports) previous;
        lock (region.Gate)
        {
            before = stack.Resources.ToDictionary(r => r.Key, r => r.Value.Copy(), StringComparer.Ordinal);
            previous = (stack.Template, stack.Parameters, stack.Outputs, stack.Imports);
            stack.Template = plan.Template;
            stack.Parameters = plan.Parameters;
            stack.LastUpdatedTime = clock.GetUtcNow();
        }

        SetStatus(region, stack, "UPDATE_IN_PROGRESS", "User Initiated");
        var steps = new List<Step>();
        var failure = await ApplyChangesAsync(region, stack, plan, before, steps, cancellation).ConfigureAwait(false)
            ?? ApplyOutputs(region, stack, plan, stack.Resources);
        if (failure is null)
        {
            SetStatus(region, stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
            var replaced = steps.OfType<Replaced>().Select(s => s.Old);
            var removed = DeletionOrder(before.Values.Where(r => !plan.Resources.ContainsKey(r.LogicalId)));
            await DeleteResourcesAsync(region, stack, [.. replaced, .. removed], honourRetain: true, cancellation).ConfigureAwait(false);
            lock (region.Gate)
            {
                foreach (var resource in removed)
                {
                    stack.Resources.Remove(resource.LogicalId);
                }
            }

            SetStatus(region, stack, "UPDATE_COMPLETE", null);
            return;
        }

        SetStatus(region, stack, "UPDATE_ROLLBACK_IN_PROGRESS", failure);
        lock (region.Gate)
        {
            (stack.Template, stack.Parameters, stack.Outputs, stack.Imports) = previous;
        }

        var rollbackFailed = false;
        foreach (var step in Enumerable.Reverse(steps))
        {
            rollbackFailed |= !await UndoAsync(region, stack, step, cancellation).ConfigureAwait(false);
        }

        SetStatus(region, stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
        SetStatus(region, stack, rollbackFailed ? "UPDATE_ROLLBACK_FAILED" : "UPDATE_ROLLBACK_COMPLETE", null);
    }

    /// <summary>Whether an update would change anything: a different template body or different parameter values.</summary>
    public static bool Changes(Stack stack, DeploymentPlan plan) =>
        stack.Template.Body != plan.Template.Body
        || !stack.Parameters.Select(p => (p.Key, p.Value)).SequenceEqual(plan.Parameters.Select(p => (p.Key, p.Value)));

    private async Task<string?> ApplyChangesAsync(CloudFormationRegion region, Stack stack, DeploymentPlan plan, Dictionary<string, StackResource> before, List<Step> steps, CancellationToken cancellation)
    {
        foreach (var logicalId in plan.Order)
        {
            var definition = plan.Resources[logicalId];
            var old = before.GetValueOrDefault(logicalId);
            if (old is null || old.Type != (string)definition["Type"]! || old.PhysicalId is null)
            {
                var reason = await CreateResourcesAsync(region, stack, plan, [logicalId], [], "UPDATE", cancellation).ConfigureAwait(false);
                steps.Add(old is null ? new Added(logicalId) : new Replaced(logicalId, old));
                if (reason is not null)
                {
                    return reason;
                }

                continue;
            }

            JsonObject properties;
            try
            {
                properties = ResolveProperties(region, stack, plan, logicalId);
            }
            catch (TemplateException e)
            {
                Event(region, stack, stack.Resources[logicalId], "UPDATE_FAILED", e.Message);
                return $"The following resource(s) failed to update: [{logicalId}]. ";
            }

            var current = stack.Resources[logicalId];
            lock (region.Gate)
            {
                current.DependsOn = plan.Graph[logicalId];
                current.DeletionPolicy = (string?)definition["DeletionPolicy"];
                current.Metadata = definition["Metadata"]?.DeepClone();
            }

            if (JsonNode.DeepEquals(properties, old.Properties))
            {
                continue;
            }

            var type = types.Find(old.Type);
            var changedKeys = properties.Select(p => p.Key).Union(old.Properties.Select(p => p.Key))
                .Where(k => !JsonNode.DeepEquals(properties[k], old.Properties[k]));
            var replace = type is null || !type.UpdatesInPlace || changedKeys.Any(type.ReplaceOn.Contains);
            if (replace)
            {
                var fresh = NewResource(logicalId, definition, plan);
                lock (region.Gate)
                {
                    stack.Resources[logicalId] = fresh;
                }

                Event(region, stack, fresh, "UPDATE_IN_PROGRESS", "Requested update requires the creation of a new physical resource; hence creating one.");
                var error = await ProvisionAsync(region, stack, plan, fresh, previous: null, cancellation).ConfigureAwait(false);
                steps.Add(new Replaced(logicalId, old));
                Event(region, stack, fresh, error is null ? "UPDATE_COMPLETE" : "UPDATE_FAILED", error);
                if (error is not null)
                {
                    return $"The following resource(s) failed to update: [{logicalId}]. ";
                }

                continue;
            }

            Event(region, stack, current, "UPDATE_IN_PROGRESS", null);
            var failure = await ProvisionAsync(region, stack, plan, current, previous: old, cancellation).ConfigureAwait(false);
            steps.Add(new Changed(logicalId, old));
            Event(region, stack, current, failure is null ? "UPDATE_COMPLETE" : "UPDATE_FAILED", failure);
            if (failure is not null)
            {
                return $"The following resource(s) failed to update: [{logicalId}]. ";
            }
        }

        return null;
    }

    /// <summary>Reverts one step of a failed update; false when the revert itself failed.</summary>
    private async Task<bool> UndoAsync(CloudFormationRegion region, Stack stack, Step step, CancellationToken cancellation)
    {
        var now = stack.Resources[step.LogicalId];
        switch (step)
        {
            case Added or Replaced:
                Event(region, stack, now, "DELETE_IN_PROGRESS", null);
                var error = await RemoveAsync(stack, now, now.Provisioned, cancellation).ConfigureAwait(false);
                Event(region, stack, now, error is null ? "DELETE_COMPLETE" : "DELETE_FAILED", error);
                lock (region.Gate)
                {
                    if (step is Replaced replaced)
                    {
                        stack.Resources[step.LogicalId] = replaced.Old;
                    }
                    else
                    {
                        stack.Resources.Remove(step.LogicalId);
                    }
                }

                return error is null;
            case Changed changed:
                Event(region, stack, now, "UPDATE_IN_PROGRESS", null);
                string? failure = null;
                try
                {
                    if (now.Provisioned is { } current && types.Find(now.Type) is { } type)
                    {
                        await type.UpdateAsync(Context(stack, now.LogicalId, changed.Old.Properties, cancellation), current, now.Properties).ConfigureAwait(false);
                    }
                }
                catch (Doqutore.Aws.Protocols.AwsServiceException e)
                {
                    failure = HandlerMessage(e);
                }

                lock (region.Gate)
                {
                    stack.Resources[step.LogicalId] = changed.Old;
                }

                Event(region, stack, changed.Old, failure is null ? "UPDATE_COMPLETE" : "UPDATE_FAILED", failure);
                return failure is null;
            default:
                return true;
        }
    }
}
