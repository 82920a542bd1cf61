using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.Lambda.Runtime;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Where an asynchronous invocation's outcome goes (reference §6.6): the on-success or on-failure destination (SQS,
/// SNS, Lambda, EventBridge's default bus) receives the invocation record; on failure the dead-letter queue or topic
/// receives the original event with <c>RequestID</c>, <c>ErrorCode</c> and <c>ErrorMessage</c> attributes. Lambda
/// sends with the function's execution role, so the role's policies decide, and the target's policy may still deny.
/// </summary>
internal sealed partial class AsyncDestinations(IServiceProvider services, ExecutionRole executionRole, TimeProvider clock, ILogger<AsyncDestinations> logger)
{
    public Task SuccessAsync(FunctionConfig config, EventInvokeConfig? settings, QueuedEvent queued, InvocationResult result, int attempts) =>
        settings?.OnSuccess is { } destination
            ? SendRecordAsync(config, destination, Record(config, queued, result, "Success", attempts), success: true)
            : Task.CompletedTask;

    public async Task FailureAsync(FunctionConfig config, EventInvokeConfig? settings, QueuedEvent queued, InvocationResult? result, string condition, int attempts)
    {
        LogFailed(logger, config.Arn, queued.RequestId, condition);
        if (settings?.OnFailure is { } destination)
        {
            await SendRecordAsync(config, destination, Record(config, queued, result, condition, attempts), success: false).ConfigureAwait(false);
        }

        if (config.DeadLetterTargetArn is { } deadLetter)
        {
            await SendDeadLetterAsync(config, deadLetter, queued, result).ConfigureAwait(false);
        }
    }

    /// <summary>The IAM action Lambda performs with the role to reach a destination of this ARN's service.</summary>
    public static string ActionFor(string arn) => arn.Split(':')[2] switch
    {
        "sqs" => "sqs:SendMessage",
        "sns" => "sns:Publish",
        "lambda" => "lambda:InvokeFunction",
        _ => "events:PutEvents",
    };

    private async Task SendRecordAsync(FunctionConfig config, string destination, JsonObject record, bool success)
    {
        var body = record.ToJsonString();
        await DeliverAsync(config, destination, async caller =>
        {
            switch (destination.Split(':')[2])
            {
                case "sqs":
                    await services.GetRequiredService<IQueueSender>().SendAsync(caller, destination, new QueueMessage(body)).ConfigureAwait(false);
                    break;
                case "sns":
                    await services.GetRequiredService<ITopicPublisher>().PublishAsync(caller, destination, new TopicMessage(body)).ConfigureAwait(false);
                    break;
                case "lambda":
                    await services.GetRequiredService<IFunctionInvoker>().InvokeAsync(caller, destination, body).ConfigureAwait(false);
                    break;
                default:
                    PutOnBus(config, destination, record, success);
                    break;
            }
        }).ConfigureAwait(false);
    }

    private Task SendDeadLetterAsync(FunctionConfig config, string target, QueuedEvent queued, InvocationResult? result)
    {
        var errorMessage = ErrorMessage(result);
        var attributes = new Dictionary<string, MessageAttribute>(StringComparer.Ordinal)
        {
            ["RequestID"] = new("String", queued.RequestId),
            ["ErrorCode"] = new("Number", "200"),
            ["ErrorMessage"] = new("String", errorMessage),
        };
        var body = Encoding.UTF8.GetString(queued.Payload);
        return DeliverAsync(config, target, async caller =>
        {
            if (target.Contains(":sqs:", StringComparison.Ordinal))
            {
                await services.GetRequiredService<IQueueSender>().SendAsync(caller, target, new QueueMessage(body) { Attributes = attributes }).ConfigureAwait(false);
            }
            else
            {
                await services.GetRequiredService<ITopicPublisher>().PublishAsync(caller, target, new TopicMessage(body) { Attributes = attributes }).ConfigureAwait(false);
            }
        });
    }

    /// <summary>Sends with the execution role: refused when the role may not, logged (never thrown) when the target refuses.</summary>
    private async Task DeliverAsync(FunctionConfig config, string target, Func<ServiceCaller, Task> send)
    {
        if (!executionRole.Permits(config.AccountId, config.Role, config.Name, ActionFor(target), target))
        {
            LogDeliveryFailed(logger, config.Arn, target, $"the execution role may not {ActionFor(target)}");
            return;
        }

        try
        {
            await send(new ServiceCaller(ExecutionRole.LambdaPrincipal, config.Arn, config.AccountId) { AllowedByRole = true }).ConfigureAwait(false);
        }
        catch (DeliveryFailure failure)
        {
            LogDeliveryFailed(logger, config.Arn, target, $"{failure.Code}: {failure.Message}");
        }
    }

    private void PutOnBus(FunctionConfig config, string busArn, JsonObject record, bool success)
    {
        if (!busArn.EndsWith(":event-bus/default", StringComparison.Ordinal))
        {
            throw DeliveryFailure.NoResource($"The emulator puts Lambda destination events on default buses only, not {busArn}.");
        }

        services.GetRequiredService<IServiceEventBus>().Put(new ServiceEvent(
            config.AccountId,
            config.Region,
            "lambda",
            success ? "Lambda Function Invocation Result - Success" : "Lambda Function Invocation Result - Failure",
            record,
            clock.GetUtcNow())
        {
            Resources = [config.Arn + ":$LATEST", busArn],
        });
    }

    /// <summary>The invocation record (reference §6.6).</summary>
    private JsonObject Record(FunctionConfig config, QueuedEvent queued, InvocationResult? result, string condition, int attempts)
    {
        var response = new JsonObject { ["statusCode"] = 200, ["executedVersion"] = "$LATEST" };
        if (result?.FunctionError is { } functionError)
        {
            response["functionError"] = functionError;
        }

        return new JsonObject
        {
            ["version"] = "1.0",
            ["timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = queued.RequestId,
                ["functionArn"] = config.Arn + ":$LATEST",
                ["condition"] = condition,
                ["approximateInvokeCount"] = attempts,
            },
            ["requestPayload"] = Parse(queued.Payload),
            ["responseContext"] = response,
            ["responsePayload"] = result is null ? null : Parse(result.Payload),
        };
    }

    private static JsonNode? Parse(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(payload);
        }
    }

    private static string ErrorMessage(InvocationResult? result)
    {
        if (result is null)
        {
            return string.Empty;
        }

        return Parse(result.Payload) is JsonObject error && (string?)error["errorMessage"] is { } message ? message : Encoding.UTF8.GetString(result.Payload);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous invocation {RequestId} of {Function} failed: {Condition}")]
    private static partial void LogFailed(ILogger logger, string function, string requestId, string condition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lambda could not deliver {Function}'s outcome to {Target}: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string function, string target, string reason);
}
