using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::Lambda::Function</c>: CreateFunction; UpdateFunctionConfiguration and UpdateFunctionCode on update;
/// DeleteFunction. Inline <c>Code.ZipFile</c> source is zipped as <c>index.py</c> or <c>index.js</c> by runtime, as
/// CloudFormation does. Ref is the name; GetAtt Arn.
/// </summary>
public sealed class LambdaFunction : ResourceType
{
    private static readonly string[] Configuration =
    [
        "Role", "Handler", "Runtime", "Description", "Timeout", "MemorySize", "Environment", "DeadLetterConfig", "TracingConfig",
        "Layers", "EphemeralStorage", "LoggingConfig", "KMSKeyArn", "VpcConfig",
    ];

    public override string TypeName => "AWS::Lambda::Function";

    public override IReadOnlyList<string> Attributes => ["Arn"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "FunctionName", "PackageType" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("FunctionName") ?? resource.GeneratedName(64);
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["FunctionName"] = name, ["Code"] = Code(resource) }, [.. Configuration, "Architectures", "PackageType"]);
        if (ResourceJson.TagMap(resource.Tags()) is { } tags)
        {
            input["Tags"] = tags;
        }

        var function = await resource.Call("lambda", "CreateFunction", input).ConfigureAwait(false);
        return new ProvisionedResource(name, new JsonObject { ["Arn"] = function["FunctionArn"]?.DeepClone() });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        if (Configuration.Any(c => ResourceJson.Changed(resource.Properties, previous, c)))
        {
            await resource.Call("lambda", "UpdateFunctionConfiguration", ResourceJson.Copy(resource.Properties, new JsonObject { ["FunctionName"] = current.PhysicalId }, Configuration)).ConfigureAwait(false);
        }

        if (ResourceJson.Changed(resource.Properties, previous, "Code") || ResourceJson.Changed(resource.Properties, previous, "Architectures"))
        {
            var code = Code(resource);
            code["FunctionName"] = current.PhysicalId;
            ResourceJson.Copy(resource.Properties, code, "Architectures");
            await resource.Call("lambda", "UpdateFunctionCode", code).ConfigureAwait(false);
        }

        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("lambda", "DeleteFunction", new JsonObject { ["FunctionName"] = current.PhysicalId });

    private static JsonObject Code(ResourceContext resource)
    {
        var code = resource.Properties["Code"] as JsonObject ?? [];
        if (code["ZipFile"] is { } source)
        {
            var fileName = (resource.Text("Runtime") ?? string.Empty).StartsWith("python", StringComparison.Ordinal) ? "index.py" : "index.js";
            return new JsonObject { ["ZipFile"] = Convert.ToBase64String(Zip(fileName, Templates.Intrinsics.Text(source, "ZipFile"))) };
        }

        return (JsonObject)code.DeepClone();
    }

    private static byte[] Zip(string fileName, string source)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry(fileName).Open();
            entry.Write(Encoding.UTF8.GetBytes(source));
        }

        return buffer.ToArray();
    }
}
