using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.CloudFormation.Resources;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>A stack: its template and parameters as last applied, its resources, outputs and events (newest first).</summary>
public sealed class Stack(string stackId, string name, DateTimeOffset created)
{
    public string StackId { get; } = stackId;

    public string Name { get; } = name;

    public DateTimeOffset CreationTime { get; } = created;

    public DateTimeOffset? LastUpdatedTime { get; set; }

    public DateTimeOffset? DeletionTime { get; set; }

    public string Status { get; set; } = "CREATE_IN_PROGRESS";

    public string? StatusReason { get; set; }

    public required Template Template { get; set; }

    public required IReadOnlyList<ParameterValue> Parameters { get; set; }

    public IReadOnlyList<string> Capabilities { get; set; } = [];

    public JsonArray Tags { get; set; } = [];

    public string? RoleArn { get; set; }

    /// <summary>Whether a failed creation stays failed (<c>DisableRollback</c>, <c>OnFailure=DO_NOTHING</c>) instead of rolling back.</summary>
    public bool DisableRollback { get; set; }

    /// <summary>Whether a rolled-back creation deletes the stack (<c>OnFailure=DELETE</c>).</summary>
    public bool DeleteOnFailure { get; set; }

    public bool TerminationProtection { get; set; }

    /// <summary>Who acts for the stack: the principal of the last CreateStack, UpdateStack or DeleteStack call (or its RoleARN's session).</summary>
    public required Principal Caller { get; set; }

    /// <summary>The endpoint the last stack operation was requested at; the stack's AWS calls address it too.</summary>
    public Uri Endpoint { get; set; } = Gateway.InternalCalls.DefaultEndpoint;

    /// <summary>Resources by logical id, in creation order.</summary>
    public Dictionary<string, StackResource> Resources { get; set; } = new(StringComparer.Ordinal);

    public IReadOnlyList<StackOutput> Outputs { get; set; } = [];

    /// <summary>Export names this stack imports with <c>Fn::ImportValue</c>.</summary>
    public IReadOnlySet<string> Imports { get; set; } = new HashSet<string>();

    /// <summary>Events, newest first, as DescribeStackEvents lists them.</summary>
    public List<StackEvent> Events { get; } = [];

    public bool IsDeleted => Status == "DELETE_COMPLETE";

    /// <summary>Whether an operation is under way (no update or new operation may start).</summary>
    public bool InProgress => Status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);
}

/// <summary>One resource of a stack.</summary>
public sealed class StackResource(string logicalId, string type)
{
    public string LogicalId { get; } = logicalId;

    public string Type { get; } = type;

    public string? PhysicalId => Provisioned?.PhysicalId;

    public ProvisionedResource? Provisioned { get; set; }

    public string Status { get; set; } = "CREATE_IN_PROGRESS";

    public string? StatusReason { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The properties as resolved when last created or updated (an update diffs against them).</summary>
    public JsonObject Properties { get; set; } = [];

    /// <summary>The logical ids it depends on (it is deleted before them).</summary>
    public IReadOnlySet<string> DependsOn { get; set; } = new HashSet<string>();

    public string? DeletionPolicy { get; set; }

    public JsonNode? Metadata { get; set; }

    public StackResource Copy() => new(LogicalId, Type)
    {
        Provisioned = Provisioned,
        Status = Status,
        StatusReason = StatusReason,
        Timestamp = Timestamp,
        Properties = Properties,
        DependsOn = DependsOn,
        DeletionPolicy = DeletionPolicy,
        Metadata = Metadata,
    };
}

/// <summary>An output of a stack, with its export name if exported.</summary>
public sealed record StackOutput(string Key, string Value, string? Description, string? ExportName);

/// <summary>A stack event, as DescribeStackEvents returns it.</summary>
public sealed record StackEvent(string EventId, string LogicalId, string? PhysicalId, string ResourceType, DateTimeOffset Timestamp, string Status, string? Reason, string? Properties);

/// <summary>A change set: a template and parameters prepared against a stack, executed or not.</summary>
public sealed class ChangeSet(string id, string name, Stack stack, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public Stack Stack { get; } = stack;

    public DateTimeOffset CreationTime { get; } = created;

    /// <summary><c>CREATE</c> (the stack waits in REVIEW_IN_PROGRESS) or <c>UPDATE</c>.</summary>
    public required string Type { get; init; }

    public required DeploymentPlan Plan { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public required Principal Caller { get; init; }

    public string? RoleArn { get; init; }

    public Uri Endpoint { get; init; } = Gateway.InternalCalls.DefaultEndpoint;

    public string Status { get; set; } = "CREATE_COMPLETE";

    public string? StatusReason { get; set; }

    public string ExecutionStatus { get; set; } = "AVAILABLE";

    public JsonArray Changes { get; init; } = [];
}

/// <summary>CloudFormation's state in one account and region: stacks by id, in creation order.</summary>
public sealed class CloudFormationRegion
{
    public Lock Gate { get; } = new();

    public List<Stack> Stacks { get; } = [];

    public List<ChangeSet> ChangeSets { get; } = [];

    /// <summary>The live (not deleted) stack with this name or id, or null.</summary>
    public Stack? Find(string nameOrId) =>
        nameOrId.StartsWith("arn:", StringComparison.Ordinal)
            ? Stacks.FirstOrDefault(s => s.StackId == nameOrId)
            : Stacks.LastOrDefault(s => s.Name == nameOrId && !s.IsDeleted);

    /// <summary>Exports of live stacks: name → (value, exporting stack).</summary>
    public IEnumerable<(string Name, string Value, Stack Stack)> Exports() =>
        Stacks.Where(s => !s.IsDeleted).SelectMany(s => s.Outputs.Where(o => o.ExportName is not null).Select(o => (o.ExportName!, o.Value, s)));
}

/// <summary>CloudFormation's state per account and region.</summary>
public sealed class CloudFormationStore : IResettable
{
    private readonly AccountRegionStore<CloudFormationRegion> _regions = new();

    public CloudFormationRegion Get(string accountId, string region) => _regions.Get(accountId, region);

    public void Reset() => _regions.Reset();
}
