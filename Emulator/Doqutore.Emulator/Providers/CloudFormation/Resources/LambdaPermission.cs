using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary><c>AWS::Lambda::Permission</c>: AddPermission with a generated statement id, RemovePermission; any change replaces it, as in AWS. Ref is the statement id [guess].</summary>
public sealed class LambdaPermission : ResourceType
{
    public override string TypeName => "AWS::Lambda::Permission";

    public override IReadOnlyList<string> Attributes => ["Id"];

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var statementId = resource.GeneratedName(100);
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["StatementId"] = statementId }, "FunctionName", "Action", "Principal", "SourceArn", "SourceAccount", "EventSourceToken", "PrincipalOrgID", "FunctionUrlAuthType");
        await resource.Call("lambda", "AddPermission", input).ConfigureAwait(false);
        return new ProvisionedResource(statementId, new JsonObject { ["Id"] = statementId });
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("lambda", "RemovePermission", new JsonObject { ["FunctionName"] = resource.Required("FunctionName"), ["StatementId"] = current.PhysicalId });
}
