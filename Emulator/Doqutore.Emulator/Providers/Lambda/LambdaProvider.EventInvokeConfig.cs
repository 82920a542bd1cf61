using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Put/Update/Get/DeleteFunctionEventInvokeConfig: retries (0–2), the maximum event age (60 s – 6 h) and the
/// on-success and on-failure destinations (SQS, SNS, Lambda, EventBridge) of asynchronous invocations.
/// </summary>
internal sealed partial class LambdaProvider
{
    public JsonObject PutFunctionEventInvokeConfig(RequestContext context, JsonObject input) => SetEventInvokeConfig(context, input, replace: true);

    public JsonObject UpdateFunctionEventInvokeConfig(RequestContext context, JsonObject input) => SetEventInvokeConfig(context, input, replace: false);

    public JsonObject GetFunctionEventInvokeConfig(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            return function.EventInvokeConfig is { } config ? EventInvokeConfigJson(function, config) : throw NoEventInvokeConfig(function);
        }
    }

    public JsonObject DeleteFunctionEventInvokeConfig(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            if (function.EventInvokeConfig is null)
            {
                throw NoEventInvokeConfig(function);
            }

            function.EventInvokeConfig = null;
            store.Save(function);
        }

        return [];
    }

    private JsonObject SetEventInvokeConfig(RequestContext context, JsonObject input, bool replace)
    {
        var function = Resolve(context, input);
        var retries = ReadInt(input, "MaximumRetryAttempts");
        if (retries is < 0 or > 2)
        {
            throw LambdaErrors.Validation(Format((int)retries), "maximumRetryAttempts", retries < 0 ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 2");
        }

        var age = ReadInt(input, "MaximumEventAgeInSeconds");
        if (age is < 60 or > 21600)
        {
            throw LambdaErrors.Validation(Format((int)age), "maximumEventAgeInSeconds", age < 60 ? "Member must have value greater than or equal to 60" : "Member must have value less than or equal to 21600");
        }

        var destinations = input["DestinationConfig"] as JsonObject;
        var onSuccess = Destination(destinations, "OnSuccess", function);
        var onFailure = Destination(destinations, "OnFailure", function);
        lock (function.Gate)
        {
            var previous = replace ? null : function.EventInvokeConfig;
            if (!replace && previous is null)
            {
                throw NoEventInvokeConfig(function);
            }

            function.EventInvokeConfig = new EventInvokeConfig(
                (int?)retries ?? previous?.MaximumRetryAttempts,
                (int?)age ?? previous?.MaximumEventAgeInSeconds,
                destinations?["OnSuccess"] is null ? previous?.OnSuccess : onSuccess,
                destinations?["OnFailure"] is null ? previous?.OnFailure : onFailure,
                clock.GetUtcNow());
            store.Save(function);
            return EventInvokeConfigJson(function, function.EventInvokeConfig);
        }
    }

    private string? Destination(JsonObject? destinations, string kind, LambdaFunction function)
    {
        if ((string?)destinations?[kind]?["Destination"] is not { Length: > 0 } arn)
        {
            return null;
        }

        var service = arn.Split(':') is ["arn", _, var s, _, _, _, ..] ? s : null;
        if (service is not ("sqs" or "sns" or "lambda" or "events"))
        {
            // [guess] wording for a destination of another service.
            throw LambdaErrors.InvalidParameterValue($"The destination ARN {arn} is invalid.");
        }

        if (service == "lambda" && arn == function.Config.Arn)
        {
            throw LambdaErrors.InvalidParameterValue("You can't specify the function as a destination for itself.");
        }

        var action = AsyncDestinations.ActionFor(arn);
        if (!executionRole.Permits(function.Config.AccountId, function.Config.Role, function.Config.Name, action, arn))
        {
            // [guess] the wording; AWS checks the role's permission to reach the destination when it is configured.
            throw LambdaErrors.InvalidParameterValue($"The function's execution role does not have permissions to call {action[(action.IndexOf(':') + 1)..]} on {arn}");
        }

        return arn;
    }

    private static JsonObject EventInvokeConfigJson(LambdaFunction function, EventInvokeConfig config)
    {
        var json = new JsonObject
        {
            ["LastModified"] = config.LastModified.ToUnixTimeMilliseconds() / 1000.0,
            ["FunctionArn"] = function.Config.Arn + ":$LATEST",
        };
        if (config.MaximumRetryAttempts is { } retries)
        {
            json["MaximumRetryAttempts"] = retries;
        }

        if (config.MaximumEventAgeInSeconds is { } age)
        {
            json["MaximumEventAgeInSeconds"] = age;
        }

        var destinations = new JsonObject
        {
            ["OnSuccess"] = config.OnSuccess is null ? new JsonObject() : new JsonObject { ["Destination"] = config.OnSuccess },
            ["OnFailure"] = config.OnFailure is null ? new JsonObject() : new JsonObject { ["Destination"] = config.OnFailure },
        };
        json["DestinationConfig"] = destinations;
        return json;
    }

    // [guess] the wording, from memory of the CLI's output.
    private static Doqutore.Aws.Protocols.AwsServiceException NoEventInvokeConfig(LambdaFunction function) =>
        LambdaErrors.ResourceNotFound($"The function {function.Config.Arn}:$LATEST has no event invoke config.");
}
