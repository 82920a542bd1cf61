using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, DeleteFunction.</summary>
internal sealed partial class LambdaProvider
{
    private const int DefaultPageSize = 50;

    public JsonObject CreateFunction(RequestContext context, JsonObject input)
    {
        var name = (string?)input["FunctionName"];
        if (!FunctionNames.IsName(name))
        {
            throw LambdaErrors.Validation(name ?? "null", "functionName", "Member must satisfy regular expression pattern: " + FunctionNames.Pattern);
        }

        if ((string?)input["PackageType"] is { } packageType && packageType != "Zip")
        {
            throw LambdaErrors.InvalidParameterValue("The emulator runs Zip packages only; PackageType Image is not supported.");
        }

        var arn = FunctionNames.Arn(context.Region, context.AccountId, name!);
        var seed = new FunctionConfig
        {
            Name = name!,
            Arn = arn,
            AccountId = context.AccountId,
            Region = context.Region,
            Role = (string?)input["Role"] ?? string.Empty,
            CodeSha256 = string.Empty,
            RevisionId = NewRevisionId(),
            LastModified = clock.GetUtcNow(),
            TransientStatus = "Creating",
        };
        var config = FunctionSettings.Apply(seed, input);
        FunctionSettings.CheckPackageSettings(config);
        if (input["Architectures"] is JsonArray { Count: > 0 } architectures && (string?)architectures[0] is { } architecture)
        {
            if (architecture is not ("x86_64" or "arm64"))
            {
                throw LambdaErrors.Validation(architecture, "architectures", "Member must satisfy enum value set: [x86_64, arm64]");
            }

            config = config with { Architecture = architecture };
        }

        CheckRole(config);
        if (store.Find(context.AccountId, context.Region, config.Name) is not null)
        {
            throw LambdaErrors.FunctionExists(config.Name);
        }

        var code = ReadCode(input["Code"] as JsonObject ?? [], "CreateFunction");
        config = config with { CodeSha256 = DeploymentPackage.Check(code), CodeSize = code.Length };
        CheckDeadLetterPermission(config);
        var function = new LambdaFunction(config, code);
        if (input["Tags"] is JsonObject tags)
        {
            foreach (var (key, value) in tags)
            {
                function.Tags[key] = (string?)value ?? string.Empty;
            }
        }

        if (!store.TryAdd(function))
        {
            throw LambdaErrors.FunctionExists(config.Name);
        }

        return config.ToJson(transient: true);
    }

    public JsonObject GetFunction(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            var output = new JsonObject
            {
                ["Configuration"] = function.Config.ToJson(),
                ["Code"] = new JsonObject
                {
                    ["RepositoryType"] = "S3",
                    ["Location"] = CodeDownloads.Url(context.BaseUrl, function.Config),
                },
            };
            if (function.Tags.Count > 0)
            {
                output["Tags"] = new JsonObject(function.Tags.Select(t => new KeyValuePair<string, JsonNode?>(t.Key, t.Value)));
            }

            if (function.ReservedConcurrency is { } reserved)
            {
                output["Concurrency"] = new JsonObject { ["ReservedConcurrentExecutions"] = reserved };
            }

            return output;
        }
    }

    public JsonObject GetFunctionConfiguration(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            return function.Config.ToJson();
        }
    }

    /// <summary>Functions by name, <c>MaxItems</c> (1–10000, default 50) a page, <c>Marker</c> the next name's position.</summary>
    public JsonObject ListFunctions(RequestContext context, JsonObject input)
    {
        var size = ReadInt(input, "MaxItems") ?? DefaultPageSize;
        if (size is < 1 or > 10000)
        {
            throw LambdaErrors.Validation(size.ToString(CultureInfo.InvariantCulture), "maxItems", size < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 10000");
        }

        var all = store.List(context.AccountId, context.Region);
        var start = 0;
        if ((string?)input["Marker"] is { } marker)
        {
            // [guess] AWS's markers are opaque; an unreadable one is refused as invalid.
            if (!int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > all.Count)
            {
                throw LambdaErrors.InvalidParameterValue("Invalid marker: " + marker);
            }
        }

        var page = all.Skip(start).Take((int)size).ToList();
        var output = new JsonObject
        {
            ["Functions"] = new JsonArray(page.Select(f =>
            {
                lock (f.Gate)
                {
                    return (JsonNode?)f.Config.ToJson();
                }
            }).ToArray()),
        };
        if (start + page.Count < all.Count)
        {
            output["NextMarker"] = (start + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        return output;
    }

    public JsonObject DeleteFunction(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        store.Remove(function);
        return [];
    }

    private void CheckRole(FunctionConfig config)
    {
        if (!executionRole.LambdaMayAssume(config.AccountId, config.Role, config.Arn))
        {
            throw LambdaErrors.InvalidParameterValue("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    /// <summary>Lambda checks at configuration time that the role may send to the dead-letter target.</summary>
    private void CheckDeadLetterPermission(FunctionConfig config)
    {
        if (config.DeadLetterTargetArn is not { } target)
        {
            return;
        }

        var (action, service) = target.Contains(":sqs:", StringComparison.Ordinal) ? ("sqs:SendMessage", "SQS") : ("sns:Publish", "SNS");
        if (!executionRole.Permits(config.AccountId, config.Role, config.Name, action, target))
        {
            throw LambdaErrors.InvalidParameterValue($"The provided execution role does not have permissions to call {action[4..]} on {service}");
        }
    }
}
