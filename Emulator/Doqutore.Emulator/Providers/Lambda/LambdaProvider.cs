using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.Lambda.Runtime;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// AWS Lambda (rest-json): functions from zip packages (direct or from S3), their configuration, resource policy,
/// reserved concurrency, asynchronous invocation settings and tags, and Invoke, which runs the function's
/// <c>bootstrap</c> as a process fed by the Runtime API (<see cref="Runtime.FunctionRuntimes"/>). Split by topic:
/// <c>.Functions</c>, <c>.Code</c>, <c>.Configuration</c>, <c>.Permissions</c>, <c>.Concurrency</c>,
/// <c>.EventInvokeConfig</c>, <c>.Tags</c>, <c>.Invoke</c>.
/// </summary>
internal sealed partial class LambdaProvider(
    LambdaStore store,
    FunctionRuntimes runtimes,
    AsyncInvocations asyncInvocations,
    ExecutionRole executionRole,
    IServiceProvider services,
    IOptions<LambdaOptions> options,
    TimeProvider clock) : AwsServiceProvider
{
    public override string ServiceId => "lambda";

    /// <summary>The function a <c>FunctionName</c> (with an optional <c>Qualifier</c>) names, or AWS's errors.</summary>
    private LambdaFunction Resolve(RequestContext context, JsonObject input, string member = "FunctionName")
    {
        var value = (string?)input[member];
        if (FunctionNames.Parse(value) is not { } parsed)
        {
            throw LambdaErrors.Validation(value ?? "null", "functionName", "Member must satisfy regular expression pattern: " + FunctionNames.Pattern);
        }

        var account = parsed.Account ?? context.AccountId;
        var region = parsed.Region ?? context.Region;
        var arn = FunctionNames.Arn(region, account, parsed.Name);
        var qualifier = (string?)input["Qualifier"] ?? parsed.Qualifier;
        if (parsed.Qualifier is not null && input["Qualifier"] is not null && parsed.Qualifier != (string?)input["Qualifier"])
        {
            throw LambdaErrors.InvalidParameterValue("The derived qualifier from the function name does not match the specified qualifier.");
        }

        var function = account == context.AccountId && region == context.Region ? store.Find(account, region, parsed.Name) : null;
        if (function is null)
        {
            throw LambdaErrors.FunctionNotFound(qualifier is null ? arn : $"{arn}:{qualifier}");
        }

        // Only $LATEST exists: the emulator does not publish versions or keep aliases.
        if (qualifier is not null && qualifier != "$LATEST")
        {
            throw LambdaErrors.FunctionNotFound($"{arn}:{qualifier}");
        }

        return function;
    }

    private static string NewRevisionId() => Guid.NewGuid().ToString();

    private static long? ReadInt(JsonObject input, string member) => (long?)input[member];

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
