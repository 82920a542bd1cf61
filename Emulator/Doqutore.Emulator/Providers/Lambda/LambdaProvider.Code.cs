using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>UpdateFunctionCode, and where a package comes from: the request (<c>ZipFile</c>) or S3.</summary>
internal sealed partial class LambdaProvider
{
    public JsonObject UpdateFunctionCode(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        var code = ReadCode(input, "UpdateFunctionCode");
        var sha = DeploymentPackage.Check(code);
        lock (function.Gate)
        {
            CheckRevision(function, input);
            if (input["DryRun"] is JsonValue dryRun && (bool)dryRun)
            {
                return (function.Config with { CodeSha256 = sha, CodeSize = code.Length }).ToJson();
            }

            function.Config = function.Config with
            {
                CodeSha256 = sha,
                CodeSize = code.Length,
                RevisionId = NewRevisionId(),
                LastModified = clock.GetUtcNow(),
                TransientStatus = "InProgress",
            };
            function.Code = code;
            store.Save(function, withCode: true);
            return function.Config.ToJson(transient: true);
        }
    }

    /// <summary>The zip a request gives: <c>ZipFile</c>, or <c>S3Bucket</c>/<c>S3Key</c>/<c>S3ObjectVersion</c> read through S3.</summary>
    private byte[] ReadCode(JsonObject code, string operation)
    {
        if ((string?)code["ZipFile"] is { } zip)
        {
            var bytes = Convert.FromBase64String(zip);
            if (bytes.LongLength > DeploymentPackage.MaxZippedBytes)
            {
                // [guess] the code: AWS answers the oversized request before it reaches the function code.
                throw new Doqutore.Aws.Protocols.AwsServiceException(
                    "RequestEntityTooLargeException", $"Request must be smaller than {DeploymentPackage.MaxRequestBytes} bytes for the {operation} operation", 413);
            }

            return bytes;
        }

        if ((string?)code["S3Bucket"] is { } bucket && (string?)code["S3Key"] is { } key)
        {
            var reader = services.GetService<IObjectReader>() ?? throw LambdaErrors.InvalidParameterValue("Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist");
            try
            {
                return reader.Read(bucket, key, (string?)code["S3ObjectVersion"], DeploymentPackage.MaxUnzippedBytes);
            }
            catch (ObjectReadException error)
            {
                throw LambdaErrors.InvalidParameterValue($"Error occurred while GetObject. S3 Error Code: {error.Code}. S3 Error Message: {error.Message}");
            }
        }

        if (code["ImageUri"] is not null)
        {
            throw LambdaErrors.InvalidParameterValue("The emulator runs Zip packages only; ImageUri is not supported.");
        }

        throw LambdaErrors.InvalidParameterValue("Please provide a source for function code.");
    }

    /// <summary>An update naming a <c>RevisionId</c> applies only to that revision (optimistic locking). Call under the function's gate.</summary>
    private static void CheckRevision(LambdaFunction function, JsonObject input)
    {
        if ((string?)input["RevisionId"] is { } revision && revision != function.Config.RevisionId)
        {
            throw LambdaErrors.PreconditionFailed();
        }
    }
}
