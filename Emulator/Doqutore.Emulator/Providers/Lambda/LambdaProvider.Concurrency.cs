using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency: reserved concurrency, carved out of the account's.</summary>
internal sealed partial class LambdaProvider
{
    public JsonObject PutFunctionConcurrency(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        var reserved = ReadInt(input, "ReservedConcurrentExecutions") ?? 0;
        if (reserved < 0)
        {
            throw LambdaErrors.Validation(reserved.ToString(CultureInfo.InvariantCulture), "reservedConcurrentExecutions", "Member must have value greater than or equal to 0");
        }

        var limit = options.Value.AccountConcurrency;
        var reservedElsewhere = store.List(context.AccountId, context.Region)
            .Where(f => f != function)
            .Sum(f => f.ReservedConcurrency ?? 0);
        if (reservedElsewhere + reserved > limit)
        {
            // AWS keeps at least 100 unreserved; the emulator's account quota is Emulator:Lambda:AccountConcurrency.
            throw LambdaErrors.InvalidParameterValue(
                $"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [0].");
        }

        lock (function.Gate)
        {
            function.ReservedConcurrency = (int)reserved;
            store.Save(function);
        }

        return new JsonObject { ["ReservedConcurrentExecutions"] = reserved };
    }

    public JsonObject GetFunctionConcurrency(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            return function.ReservedConcurrency is { } reserved ? new JsonObject { ["ReservedConcurrentExecutions"] = reserved } : [];
        }
    }

    public JsonObject DeleteFunctionConcurrency(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        lock (function.Gate)
        {
            function.ReservedConcurrency = null;
            store.Save(function);
        }

        return [];
    }
}
