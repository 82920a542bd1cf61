using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// The configuration members CreateFunction and UpdateFunctionConfiguration share, checked as Lambda checks them
/// (the model's ranges worded by its validation layer, then Lambda's own rules), applied to a configuration.
/// </summary>
internal static class FunctionSettings
{
    /// <summary>The runtimes Lambda accepts for new functions (2026). Only the OS-only ones run in the emulator.</summary>
    public static readonly string[] Runtimes =
    [
        "nodejs18.x", "nodejs20.x", "nodejs22.x", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13",
        "java8.al2", "java11", "java17", "java21", "dotnet8", "ruby3.2", "ruby3.3", "provided.al2", "provided.al2023",
    ];

    /// <summary>Runtimes AWS no longer accepts on create or update.</summary>
    private static readonly HashSet<string> Deprecated = new(StringComparer.Ordinal)
    {
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
        "java8", "python2.7", "python3.6", "python3.7", "python3.8", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
        "dotnetcore3.1", "dotnet6", "ruby2.5", "ruby2.7", "go1.x", "provided",
    };

    /// <summary>Variables Lambda sets itself (reference §6.3); a function may not define them.</summary>
    private static readonly string[] ReservedVariables =
    [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API",
        "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ];

    private const string RolePattern = @"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";

    /// <summary>Applies the members present in <paramref name="input"/> to <paramref name="config"/>.</summary>
    public static FunctionConfig Apply(FunctionConfig config, JsonObject input)
    {
        var runtime = (string?)input["Runtime"] ?? config.Runtime;
        if (input["Runtime"] is not null)
        {
            CheckRuntime(runtime!);
        }

        var timeout = Range(input, "Timeout", "timeout", 1, 900) ?? config.Timeout;
        var memory = Range(input, "MemorySize", "memorySize", 128, 10240) ?? config.MemorySize;
        var storage = input["EphemeralStorage"] is JsonObject ephemeral ? Range(ephemeral, "Size", "ephemeralStorage.size", 512, 10240) : null;
        var description = (string?)input["Description"] ?? config.Description;
        if (description.Length > 256)
        {
            throw LambdaErrors.Validation(description, "description", "Member must have length less than or equal to 256");
        }

        var handler = (string?)input["Handler"] ?? config.Handler;
        if (handler is { Length: > 128 })
        {
            throw LambdaErrors.Validation(handler, "handler", "Member must have length less than or equal to 128");
        }

        var role = (string?)input["Role"] ?? config.Role;
        if (!System.Text.RegularExpressions.Regex.IsMatch(role, "^" + RolePattern + "$"))
        {
            throw LambdaErrors.Validation(role, "role", "Member must satisfy regular expression pattern: " + RolePattern);
        }

        var variables = config.Variables;
        if (input["Environment"] is JsonObject environment)
        {
            variables = ReadVariables(environment["Variables"] as JsonObject);
        }

        var deadLetter = config.DeadLetterTargetArn;
        if (input["DeadLetterConfig"] is JsonObject deadLetterConfig)
        {
            deadLetter = (string?)deadLetterConfig["TargetArn"] is { Length: > 0 } target ? CheckDeadLetterTarget(target) : null;
        }

        var tracing = input["TracingConfig"] is JsonObject tracingConfig && (string?)tracingConfig["Mode"] is { } mode ? mode : config.TracingMode;
        return config with
        {
            Runtime = runtime,
            Timeout = (int)timeout,
            MemorySize = (int)memory,
            EphemeralStorage = (int?)storage ?? config.EphemeralStorage,
            Description = description,
            Handler = handler,
            Role = role,
            Variables = variables,
            DeadLetterTargetArn = deadLetter,
            TracingMode = tracing,
        };
    }

    /// <summary>A zip function needs a runtime, and a handler unless its runtime is OS-only (which may ignore it).</summary>
    public static void CheckPackageSettings(FunctionConfig config)
    {
        // [guess] AWS words a missing runtime or handler this way; OS-only runtimes without a handler are accepted here.
        if (config.Runtime is null || (config.Handler is null && !config.IsOsOnly))
        {
            throw LambdaErrors.InvalidParameterValue("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
    }

    private static void CheckRuntime(string runtime)
    {
        if (Deprecated.Contains(runtime))
        {
            throw LambdaErrors.InvalidParameterValue(
                $"The runtime parameter of {runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or upgrading functions.");
        }

        if (!Runtimes.Contains(runtime, StringComparer.Ordinal))
        {
            throw LambdaErrors.Validation(runtime, "runtime", $"Member must satisfy enum value set: [{string.Join(", ", Runtimes)}] or be a valid ARN");
        }
    }

    private static long? Range(JsonObject input, string member, string path, long min, long max)
    {
        var value = (long?)input[member];
        if (value < min)
        {
            throw LambdaErrors.Validation(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), path, $"Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            throw LambdaErrors.Validation(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), path, $"Member must have value less than or equal to {max}");
        }

        return value;
    }

    private static Dictionary<string, string> ReadVariables(JsonObject? map)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map ?? [])
        {
            variables[name] = (string?)value ?? string.Empty;
        }

        var reserved = variables.Keys.Where(k => ReservedVariables.Contains(k, StringComparer.Ordinal)).ToList();
        if (reserved.Count > 0)
        {
            throw LambdaErrors.InvalidParameterValue(
                "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: "
                + string.Join(", ", reserved));
        }

        var measured = new JsonObject(variables.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))).ToJsonString();
        if (System.Text.Encoding.UTF8.GetByteCount(measured) > 4096)
        {
            throw LambdaErrors.InvalidParameterValue(
                "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: " + measured);
        }

        return variables;
    }

    private static string CheckDeadLetterTarget(string arn)
    {
        var service = arn.Split(':') is [ "arn", _, var s, _, _, _, ..] ? s : null;
        if (service is not ("sqs" or "sns"))
        {
            // [guess] the wording for a target that is neither a queue nor a topic.
            throw LambdaErrors.InvalidParameterValue($"The provided target arn {arn} is invalid. Only SQS and SNS arns are allowed.");
        }

        return arn;
    }
}
