using System.Globalization;

namespace Doqutore.Lambda;

/// <summary>
/// What the execution environment says of the function (Lambda's reserved environment variables), read once at
/// init. Credentials are deliberately not part of it: the AWS SDKs read them from the environment themselves.
/// </summary>
public sealed record LambdaFunctionInfo
{
    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c>: <c>host:port</c>, optionally with a path.</summary>
    public required string RuntimeApi { get; init; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    public string FunctionName { get; init; } = string.Empty;

    /// <summary><c>AWS_LAMBDA_FUNCTION_VERSION</c> (<c>$LATEST</c> or a number).</summary>
    public string FunctionVersion { get; init; } = "$LATEST";

    /// <summary><c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>, in MB.</summary>
    public int MemoryLimitInMB { get; init; }

    /// <summary><c>AWS_LAMBDA_LOG_GROUP_NAME</c> (<c>/aws/lambda/&lt;name&gt;</c>).</summary>
    public string LogGroupName { get; init; } = string.Empty;

    /// <summary><c>AWS_LAMBDA_LOG_STREAM_NAME</c>.</summary>
    public string LogStreamName { get; init; } = string.Empty;

    /// <summary><c>AWS_REGION</c>.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary><c>_HANDLER</c>: meaningless to a bootstrap that carries its handler, but a function may route on it.</summary>
    public string? Handler { get; init; }

    /// <summary>Reads the reserved variables through <paramref name="environment"/> (the process environment by default).</summary>
    /// <exception cref="InvalidOperationException"><c>AWS_LAMBDA_RUNTIME_API</c> is not set: this process is not running in Lambda.</exception>
    public static LambdaFunctionInfo FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var runtimeApi = environment("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: a bootstrap runs under Lambda (or the emulator), which sets it.");
        }

        return new LambdaFunctionInfo
        {
            RuntimeApi = runtimeApi,
            FunctionName = environment("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty,
            FunctionVersion = environment("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
            MemoryLimitInMB = int.TryParse(environment("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory) ? memory : 0,
            LogGroupName = environment("AWS_LAMBDA_LOG_GROUP_NAME") ?? string.Empty,
            LogStreamName = environment("AWS_LAMBDA_LOG_STREAM_NAME") ?? string.Empty,
            Region = environment("AWS_REGION") ?? string.Empty,
            Handler = environment("_HANDLER"),
        };
    }
}
