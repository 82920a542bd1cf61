using System.Globalization;
using Doqutore.Emulator.Providers.Sts;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// The environment a <c>bootstrap</c> starts with: the variables Lambda defines (reference §6.3), the execution role's
/// temporary credentials, the Runtime API of its environment, and <c>AWS_ENDPOINT_URL</c>, so that AWS SDKs and the
/// AWS CLI inside the function call the emulator. Nothing is inherited from the emulator's own environment.
/// </summary>
internal static class RuntimeEnvironment
{
    public static Dictionary<string, string> For(FunctionConfig config, ExecutionEnvironment environment, StsSessions.Credentials credentials, string hostAndPort)
    {
        var runtimeDir = Path.Combine(Path.GetDirectoryName(environment.TaskRoot)!, "runtime");
        Directory.CreateDirectory(runtimeDir);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);

        // The function's own variables first: the reserved ones below cannot be set (CreateFunction refuses them).
        foreach (var (name, value) in config.Variables)
        {
            variables[name] = value;
        }

        variables["LANG"] = "en_US.UTF-8";
        variables["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";
        variables["LD_LIBRARY_PATH"] = $"/lib64:/usr/lib64:{runtimeDir}:{runtimeDir}/lib:{environment.TaskRoot}:{environment.TaskRoot}/lib:/opt/lib";
        variables["TZ"] = ":UTC";
        variables["_HANDLER"] = config.Handler ?? string.Empty;
        variables["AWS_REGION"] = config.Region;
        variables["AWS_DEFAULT_REGION"] = config.Region;
        variables["AWS_LAMBDA_FUNCTION_NAME"] = config.Name;
        variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = config.MemorySize.ToString(CultureInfo.InvariantCulture);
        variables["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        variables["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        variables["AWS_LAMBDA_LOG_GROUP_NAME"] = config.LogGroup;
        variables["AWS_LAMBDA_LOG_STREAM_NAME"] = environment.Log.StreamName;
        variables["AWS_ACCESS_KEY"] = credentials.AccessKeyId;
        variables["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId;
        variables["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey;
        variables["AWS_SESSION_TOKEN"] = credentials.SessionToken;
        variables["AWS_LAMBDA_RUNTIME_API"] = $"{hostAndPort}{RuntimeApi.PathPrefix}/{config.Name}/{environment.Id}";
        variables["LAMBDA_TASK_ROOT"] = environment.TaskRoot;
        variables["LAMBDA_RUNTIME_DIR"] = runtimeDir;
        variables["AWS_XRAY_CONTEXT_MISSING"] = "LOG_ERROR";

        // Not AWS's: where the function's SDKs find the emulator (AWS SDKs and CLI v2 read AWS_ENDPOINT_URL).
        variables["AWS_ENDPOINT_URL"] = "http://" + hostAndPort;

        // OS-only runtimes get no AWS_EXECUTION_ENV (reference §6.3); the managed ones would name themselves.
        if (!config.IsOsOnly)
        {
            variables["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + config.Runtime;
        }

        return variables;
    }
}
