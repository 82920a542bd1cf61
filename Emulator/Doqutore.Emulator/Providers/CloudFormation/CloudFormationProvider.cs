using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Gateway;
using Doqutore.Emulator.Providers.CloudFormation.Resources;
using Doqutore.Emulator.Providers.CloudFormation.Templates;
using Doqutore.Emulator.Providers.Iam;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// AWS CloudFormation (query protocol): stacks created, updated and deleted from JSON or YAML templates. The calls
/// validate synchronously (template format, parameters, rules, references, capabilities) and answer with the stack id;
/// the work runs on <see cref="StackWorker"/> through <see cref="StackOperations"/>, and its progress shows in the
/// stack's status and events, as in AWS. State is per account and region (<see cref="CloudFormationStore"/>).
/// </summary>
public sealed partial class CloudFormationProvider(
    CloudFormationStore store,
    StackOperations operations,
    StackWorker worker,
    ResourceTypes types,
    InternalCalls calls,
    IIamIdentityLookup iam,
    IOptions<CloudFormationOptions> options,
    TimeProvider clock) : AwsServiceProvider
{
    public override string ServiceId => "cloudformation";

    private CloudFormationRegion Region(RequestContext context) => store.Get(context.AccountId, context.Region);

    private Stack Existing(CloudFormationRegion region, string nameOrId) =>
        region.Find(nameOrId) ?? throw CloudFormationErrors.StackNotFound(nameOrId);

    private DeploymentPlan Plan(RequestContext context, Template template, IReadOnlyDictionary<string, string?> parameters, string stackName, string stackId)
    {
        return Checked(() => DeploymentPlan.Prepare(template, parameters, options.Value.SsmParameters, new DeploymentPlan.Target(stackName, stackId, context.AccountId, context.Region), types));
    }

    /// <summary>
    /// Runs template processing, answering its problems as ValidationError: the engine's own, and a value of the wrong
    /// JSON type where the template language wants another (a number as a resource's Type) [guess: AWS's wording varies].
    /// </summary>
    private static T Checked<T>(Func<T> process)
    {
        try
        {
            return process();
        }
        catch (TemplateException e)
        {
            throw e.AsValidationError();
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidCastException or FormatException or OverflowException)
        {
            throw CloudFormationErrors.TemplateFormat("a template value has the wrong type for where it stands");
        }
    }

    /// <summary>The template of a call: TemplateBody, or TemplateURL read from S3 as the caller.</summary>
    private async Task<Template> ReadTemplateAsync(RequestContext context, JsonObject input)
    {
        var body = CloudFormationInput.Text(input, "TemplateBody");
        var url = CloudFormationInput.Text(input, "TemplateURL");
        if (body is null == url is null)
        {
            throw CloudFormationErrors.Validation("Exactly one of TemplateBody or TemplateUrl must be specified.");
        }

        body ??= await TemplateFromS3Async(context, url!).ConfigureAwait(false);
        return ParseTemplate(body);
    }

    private static Template ParseTemplate(string body) => Checked(() => Template.Parse(body));

    private async Task<string> TemplateFromS3Async(RequestContext context, string url)
    {
        if (TemplateLocation.Parse(url) is not var (bucket, key))
        {
            throw CloudFormationErrors.Validation("TemplateURL must be a supported URL.");
        }

        try
        {
            var output = await calls.InvokeAsync(new InternalCall(context.Principal, context.Region, "s3", "GetObject", new JsonObject { ["Bucket"] = bucket, ["Key"] = key }, StackOperations.ServicePrincipal) { Endpoint = new Uri(context.BaseUrl) }, context.Aborted).ConfigureAwait(false);
            await using var stream = output.Stream ?? Stream.Null;
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(context.Aborted).ConfigureAwait(false);
        }
        catch (Doqutore.Aws.Protocols.AwsServiceException e)
        {
            throw CloudFormationErrors.Validation($"S3 error: {e.Message}");
        }
    }

    /// <summary>The principal stack work acts as: the caller, or a session of the stack's service role.</summary>
    private Principal Actor(RequestContext context, string? roleArn)
    {
        if (roleArn is null)
        {
            return context.Principal;
        }

        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var role = iam.FindRole(context.AccountId, roleName)
            ?? throw CloudFormationErrors.Validation($"Role {roleArn} is invalid or cannot be assumed");
        const string session = "AWSCloudFormation";
        return new Principal(PrincipalType.AssumedRole, role.AccountId, $"arn:aws:sts::{role.AccountId}:assumed-role/{role.RoleName}/{session}", $"{role.RoleId}:{session}", null);
    }

    /// <summary>CAPABILITY_IAM for templates with IAM resources, CAPABILITY_NAMED_IAM when they name them (AWS's InsufficientCapabilitiesException otherwise), and AWS's reason.</summary>
    private (string? Required, string? Reason) RequiredCapability(IEnumerable<(string LogicalId, JsonObject Definition)> resources)
    {
        string? required = null;
        var iamTypes = new List<string>();
        foreach (var (_, definition) in resources)
        {
            if (types.Find((string)definition["Type"]!) is not { Capability.Iam: true } type)
            {
                continue;
            }

            iamTypes.Add(type.TypeName);
            var named = type.Capability.NameProperty is { } property && (definition["Properties"] as JsonObject)?[property] is not null;
            required = named ? "CAPABILITY_NAMED_IAM" : required ?? "CAPABILITY_IAM";
        }

        return (required, required is null ? null : $"The following resource(s) require capabilities: [{string.Join(", ", iamTypes.Distinct())}]");
    }

    private void CheckCapabilities(DeploymentPlan plan, IReadOnlyList<string> capabilities)
    {
        var (required, _) = RequiredCapability(plan.Resources.Select(r => (r.Key, r.Value)));
        if (required is not null && !capabilities.Contains(required) && !(required == "CAPABILITY_IAM" && capabilities.Contains("CAPABILITY_NAMED_IAM")))
        {
            throw CloudFormationErrors.InsufficientCapabilities(required);
        }
    }

    private DateTimeOffset Now => clock.GetUtcNow();
}
