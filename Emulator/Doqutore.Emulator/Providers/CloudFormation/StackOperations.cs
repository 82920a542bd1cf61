using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Gateway;
using Doqutore.Emulator.Providers.CloudFormation.Resources;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// The asynchronous half of the stack operations, run by <see cref="StackWorker"/>: create (rolling back on failure so
/// nothing is left half-created), update (a diff of resolved properties: in place, replacement, added and removed
/// resources; rolled back on failure) and delete (reverse dependency order, <c>DeletionPolicy: Retain</c> kept).
/// Every resource is provisioned through its service's AWS operations via <see cref="InternalCalls"/>, as the stack's
/// principal, recorded with <c>invokedBy: cloudformation.amazonaws.com</c>.
/// </summary>
public sealed partial class StackOperations(ResourceTypes types, InternalCalls calls, TimeProvider clock, ILogger<StackOperations> logger)
{
    public const string ServicePrincipal = "cloudformation.amazonaws.com";

    public async Task CreateAsync(CloudFormationRegion region, Stack stack, DeploymentPlan plan, CancellationToken cancellation)
    {
        var created = new List<StackResource>();
        var failure = await CreateResourcesAsync(region, stack, plan, plan.Order, created, "CREATE", cancellation).ConfigureAwait(false)
            ?? ApplyOutputs(region, stack, plan, stack.Resources);
        if (failure is null)
        {
            SetStatus(region, stack, "CREATE_COMPLETE", null);
            return;
        }

        if (stack.DisableRollback)
        {
            SetStatus(region, stack, "CREATE_FAILED", failure);
            return;
        }

        SetStatus(region, stack, "ROLLBACK_IN_PROGRESS", failure);
        var rollbackFailure = await DeleteResourcesAsync(region, stack, Enumerable.Reverse(created).ToList(), honourRetain: false, cancellation).ConfigureAwait(false);
        SetStatus(region, stack, rollbackFailure is null ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED", rollbackFailure);
        if (rollbackFailure is null && stack.DeleteOnFailure)
        {
            SetStatus(region, stack, "DELETE_IN_PROGRESS", null);
            Finish(region, stack);
        }
    }

    public async Task DeleteAsync(CloudFormationRegion region, Stack stack, CancellationToken cancellation)
    {
        string? inUse;
        lock (region.Gate)
        {
            var exported = stack.Outputs.Where(o => o.ExportName is not null).Select(o => o.ExportName!).ToHashSet(StringComparer.Ordinal);
            inUse = region.Stacks.Where(s => !s.IsDeleted && s != stack)
                .SelectMany(s => s.Imports.Where(exported.Contains).Select(name => $"Export {name} cannot be deleted as it is in use by {s.Name}"))
                .FirstOrDefault();
        }

        if (stack.Status != "DELETE_IN_PROGRESS")
        {
            SetStatus(region, stack, "DELETE_IN_PROGRESS", "User Initiated");
        }

        if (inUse is not null)
        {
            SetStatus(region, stack, "DELETE_FAILED", inUse);
            return;
        }

        var failure = await DeleteResourcesAsync(region, stack, DeletionOrder(stack.Resources.Values), honourRetain: true, cancellation).ConfigureAwait(false);
        if (failure is not null)
        {
            SetStatus(region, stack, "DELETE_FAILED", failure);
            return;
        }

        Finish(region, stack);
    }

    private void Finish(CloudFormationRegion region, Stack stack)
    {
        lock (region.Gate)
        {
            stack.DeletionTime = clock.GetUtcNow();
            stack.Outputs = [];
            stack.Imports = new HashSet<string>();
        }

        SetStatus(region, stack, "DELETE_COMPLETE", null);
    }

    /// <summary>Creates <paramref name="logicalIds"/> in order; returns the stack's failure reason, or null.</summary>
    private async Task<string?> CreateResourcesAsync(CloudFormationRegion region, Stack stack, DeploymentPlan plan, IEnumerable<string> logicalIds, List<StackResource> created, string verb, CancellationToken cancellation)
    {
        foreach (var logicalId in logicalIds)
        {
            var definition = plan.Resources[logicalId];
            var resource = NewResource(logicalId, definition, plan);
            lock (region.Gate)
            {
                stack.Resources[logicalId] = resource;
            }

            Event(region, stack, resource, "CREATE_IN_PROGRESS", null);
            var error = await ProvisionAsync(region, stack, plan, resource, previous: null, cancellation).ConfigureAwait(false);
            created.Add(resource);
            if (error is not null)
            {
                resource.Status = "CREATE_FAILED";
                Event(region, stack, resource, "CREATE_FAILED", error);
                return $"The following resource(s) failed to {verb.ToLowerInvariant()}: [{logicalId}]. " + (verb == "CREATE" ? "Rollback requested by user." : string.Empty);
            }

            Event(region, stack, resource, "CREATE_IN_PROGRESS", "Resource creation Initiated");
            Event(region, stack, resource, "CREATE_COMPLETE", null);
        }

        return null;
    }

    private static StackResource NewResource(string logicalId, JsonObject definition, DeploymentPlan plan) =>
        new(logicalId, (string)definition["Type"]!)
        {
            DependsOn = plan.Graph[logicalId],
            DeletionPolicy = (string?)definition["DeletionPolicy"],
            Metadata = definition["Metadata"]?.DeepClone(),
        };

    /// <summary>
    /// Resolves the resource's properties and creates it (or updates it in place when <paramref name="previous"/> is
    /// given); returns the failure reason, or null.
    /// </summary>
    private async Task<string?> ProvisionAsync(CloudFormationRegion region, Stack stack, DeploymentPlan plan, StackResource resource, StackResource? previous, CancellationToken cancellation)
    {
        try
        {
            var properties = ResolveProperties(region, stack, plan, resource.LogicalId);
            var type = types.Find(resource.Type) ?? throw new TemplateException($"Resource type {resource.Type} is not supported by the emulator's CloudFormation.");
            var context = Context(stack, resource.LogicalId, properties, cancellation);
            var provisioned = previous?.Provisioned is { } current
                ? await type.UpdateAsync(context, current, previous.Properties).ConfigureAwait(false)
                : await type.CreateAsync(context).ConfigureAwait(false);
            lock (region.Gate)
            {
                resource.Provisioned = provisioned;
                resource.Properties = properties;
            }

            return null;
        }
        catch (TemplateException e)
        {
            return e.Message;
        }
        catch (AwsServiceException e)
        {
            return HandlerMessage(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogResourceFailure(logger, e, resource.Type, resource.LogicalId);
            return $"Internal failure provisioning {resource.Type}: {e.Message}";
        }
    }

    /// <summary>An AWS error as the resource's status reason, in the form CloudFormation's resource handlers give [guess: exact wording varies by type].</summary>
    private static string HandlerMessage(AwsServiceException e) =>
        $"Resource handler returned message: \"{e.Message}\" (Status Code: {e.StatusCode}, Error Code: {e.Code})";

    private JsonObject ResolveProperties(CloudFormationRegion region, Stack stack, DeploymentPlan plan, string logicalId)
    {
        var imports = new HashSet<string>(stack.Imports, StringComparer.Ordinal);
        var scope = Scope(region, stack, plan, imports);
        var properties = Intrinsics.Resolve(plan.Resources[logicalId]["Properties"], scope) as JsonObject ?? [];
        lock (region.Gate)
        {
            stack.Imports = imports;
        }

        return properties;
    }

    private static TemplateScope Scope(CloudFormationRegion region, Stack stack, DeploymentPlan plan, HashSet<string> imports) => plan.Scope(
        logicalId =>
        {
            lock (region.Gate)
            {
                return stack.Resources.GetValueOrDefault(logicalId)?.PhysicalId;
            }
        },
        (logicalId, attribute) =>
        {
            lock (region.Gate)
            {
                return stack.Resources.GetValueOrDefault(logicalId)?.Provisioned?.Attributes[attribute];
            }
        },
        name =>
        {
            lock (region.Gate)
            {
                var export = region.Exports().FirstOrDefault(e => e.Name == name && e.Stack != stack);
                if (export.Stack is null)
                {
                    return null;
                }

                imports.Add(name);
                return export.Value;
            }
        });

    /// <summary>Evaluates the Outputs section; an export name another stack already exports fails the stack.</summary>
    private static string? ApplyOutputs(CloudFormationRegion region, Stack stack, DeploymentPlan plan, IReadOnlyDictionary<string, StackResource> resources)
    {
        try
        {
            var imports = new HashSet<string>(stack.Imports, StringComparer.Ordinal);
            var scope = Scope(region, stack, plan, imports);
            var outputs = new List<StackOutput>();
            foreach (var (key, node) in plan.Template.Outputs)
            {
                if (node is not JsonObject output || ((string?)output["Condition"] is { } condition && !Intrinsics.Condition(condition, scope)))
                {
                    continue;
                }

                var value = Intrinsics.Resolve(output["Value"], scope);
                var text = value is JsonArray list ? string.Join(",", list.Select(v => Intrinsics.Text(v, "Outputs"))) : Intrinsics.Text(value, "Outputs");
                var exportName = output["Export"] is JsonObject export ? Intrinsics.Text(Intrinsics.Resolve(export["Name"], scope), "Export") : null;
                outputs.Add(new StackOutput(key, text, (string?)output["Description"], exportName));
            }

            lock (region.Gate)
            {
                foreach (var output in outputs.Where(o => o.ExportName is not null))
                {
                    var owner = region.Exports().FirstOrDefault(e => e.Name == output.ExportName && e.Stack != stack).Stack;
                    if (owner is not null)
                    {
                        return $"Export with name {output.ExportName} is already exported by stack {owner.Name}. Rollback requested by user.";
                    }
                }

                stack.Outputs = outputs;
                stack.Imports = imports;
            }

            return null;
        }
        catch (TemplateException e)
        {
            return e.Message;
        }
    }

    /// <summary>Deletes resources in the order given; returns the failure reason, or null.</summary>
    private async Task<string?> DeleteResourcesAsync(CloudFormationRegion region, Stack stack, IReadOnlyList<StackResource> resources, bool honourRetain, CancellationToken cancellation)
    {
        var failed = new List<string>();
        foreach (var resource in resources)
        {
            if (honourRetain && resource.DeletionPolicy == "Retain")
            {
                Event(region, stack, resource, "DELETE_SKIPPED", null);
                continue;
            }

            Event(region, stack, resource, "DELETE_IN_PROGRESS", null);
            var error = await RemoveAsync(stack, resource, resource.Provisioned, cancellation).ConfigureAwait(false);
            Event(region, stack, resource, error is null ? "DELETE_COMPLETE" : "DELETE_FAILED", error);
            if (error is not null)
            {
                failed.Add(resource.LogicalId);
            }
        }

        return failed.Count == 0 ? null : $"The following resource(s) failed to delete: [{string.Join(", ", failed)}]. ";
    }

    /// <summary>Deletes one physical resource (nothing when it never got one); a resource already gone counts as deleted, as in AWS.</summary>
    private async Task<string?> RemoveAsync(Stack stack, StackResource resource, ProvisionedResource? provisioned, CancellationToken cancellation)
    {
        if (provisioned is null || types.Find(resource.Type) is not { } type)
        {
            return null;
        }

        try
        {
            await type.DeleteAsync(Context(stack, resource.LogicalId, resource.Properties, cancellation), provisioned).ConfigureAwait(false);
            return null;
        }
        catch (AwsServiceException e) when (IsNotFound(e))
        {
            return null;
        }
        catch (AwsServiceException e)
        {
            return HandlerMessage(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogResourceFailure(logger, e, resource.Type, resource.LogicalId);
            return $"Internal failure deleting {resource.Type}: {e.Message}";
        }
    }

    private static bool IsNotFound(AwsServiceException e) =>
        e.Code.Contains("NotFound", StringComparison.Ordinal) || e.Code.StartsWith("NoSuch", StringComparison.Ordinal)
        || e.Code is "AWS.SimpleQueueService.NonExistentQueue" or "QueueDoesNotExist";

    /// <summary>Resources ordered so that each comes before those it depends on.</summary>
    private static List<StackResource> DeletionOrder(IEnumerable<StackResource> resources)
    {
        var all = resources.ToList();
        var graph = all.ToDictionary(r => r.LogicalId, r => (IReadOnlySet<string>)r.DependsOn.Where(d => all.Any(o => o.LogicalId == d)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return Dependencies.Order(graph).Reverse().Select(id => all.First(r => r.LogicalId == id)).ToList();
    }

    private ResourceContext Context(Stack stack, string logicalId, JsonObject properties, CancellationToken cancellation)
    {
        var caller = stack.Caller;
        var endpoint = stack.Endpoint;
        return new ResourceContext((service, operation, input) =>
            calls.CallAsync(new InternalCall(caller, Region(stack), service, operation, input, ServicePrincipal) { Endpoint = endpoint }, cancellation))
        {
            LogicalId = logicalId,
            StackName = stack.Name,
            StackId = stack.StackId,
            AccountId = caller.AccountId,
            Region = Region(stack),
            Properties = properties,
        };
    }

    private static string Region(Stack stack) => stack.StackId.Split(':')[3];

    private void SetStatus(CloudFormationRegion region, Stack stack, string status, string? reason)
    {
        lock (region.Gate)
        {
            stack.Status = status;
            stack.StatusReason = reason;
            stack.Events.Insert(0, new StackEvent(Guid.NewGuid().ToString(), stack.Name, stack.StackId, "AWS::CloudFormation::Stack", clock.GetUtcNow(), status, reason, null));
        }
    }

    private void Event(CloudFormationRegion region, Stack stack, StackResource resource, string status, string? reason)
    {
        lock (region.Gate)
        {
            resource.Status = status;
            resource.StatusReason = reason;
            resource.Timestamp = clock.GetUtcNow();
            var properties = resource.Properties.Count > 0 ? resource.Properties.ToJsonString() : null;
            stack.Events.Insert(0, new StackEvent(Guid.NewGuid().ToString(), resource.LogicalId, resource.PhysicalId ?? string.Empty, resource.Type, resource.Timestamp, status, reason, properties));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning {Type} {LogicalId} failed unexpectedly")]
    private static partial void LogResourceFailure(ILogger logger, Exception exception, string type, string logicalId);
}
