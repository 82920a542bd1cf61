using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>One resource of a stack as a handler sees it: its resolved properties, its stack, and the AWS call seam.</summary>
public sealed class ResourceContext(Func<string, string, JsonObject, Task<JsonObject>> call)
{
    public required string LogicalId { get; init; }

    public required string StackName { get; init; }

    public required string StackId { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>The resource's properties with every intrinsic function resolved.</summary>
    public required JsonObject Properties { get; init; }

    /// <summary>Calls an AWS operation as the stack's principal (recorded with <c>invokedBy: cloudformation.amazonaws.com</c>).</summary>
    public Task<JsonObject> Call(string service, string operation, JsonObject input) => call(service, operation, input);

    /// <summary>A property as a string, or null.</summary>
    public string? Text(string name) => Properties[name] is JsonValue v ? Templates.Intrinsics.Text(v, name) : null;

    public JsonNode? Node(string name) => Properties[name]?.DeepClone();

    /// <summary>A required property, or the error AWS's handlers give for a missing one.</summary>
    public string Required(string name) => Text(name) ?? throw new AwsServiceException("InvalidRequest", $"Properties validation failed for resource {LogicalId} with message: #: required key [{name}] not found", 400);

    /// <summary>
    /// The name AWS generates when the template gives none: <c>stack-LogicalId-RANDOM13</c>, the stack and logical id
    /// shortened to fit <paramref name="maxLength"/> (lowercase for S3 buckets).
    /// </summary>
    public string GeneratedName(int maxLength, bool lowercase = false, string separator = "-")
    {
        var suffix = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 13);
        var room = maxLength - suffix.Length - (2 * separator.Length);
        var stack = StackName;
        var logical = LogicalId;
        while (stack.Length + logical.Length > room)
        {
            if (stack.Length >= logical.Length)
            {
                stack = stack[..^1];
            }
            else
            {
                logical = logical[..^1];
            }
        }

        var name = $"{stack}{separator}{logical}{separator}{suffix}";
        return lowercase ? name.ToLowerInvariant() : name;
    }

    /// <summary>The template's <c>Tags</c> list (<c>[{Key, Value}]</c>), or an empty list.</summary>
    public JsonArray Tags() => Properties["Tags"] as JsonArray is { } tags ? (JsonArray)tags.DeepClone() : [];
}
