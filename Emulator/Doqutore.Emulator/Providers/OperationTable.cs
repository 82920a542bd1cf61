using System.Reflection;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers;

/// <summary>
/// The operations of one provider, found once at start-up by name: a public method named as an operation
/// of the provider's model. A public method with a request-context parameter whose name is no operation of
/// the model fails start-up, so a typo cannot silently leave an operation unserved.
/// </summary>
public sealed class OperationTable
{
    private readonly Dictionary<string, Func<RequestContext, OperationData, ValueTask<OperationData>>> _handlers;

    private OperationTable(AwsServiceProvider provider, Dictionary<string, Func<RequestContext, OperationData, ValueTask<OperationData>>> handlers)
    {
        Provider = provider;
        _handlers = handlers;
    }

    public AwsServiceProvider Provider { get; }

    public IReadOnlyCollection<string> Operations => _handlers.Keys;

    public bool TryGet(string operation, out Func<RequestContext, OperationData, ValueTask<OperationData>> handler) =>
        _handlers.TryGetValue(operation, out handler!);

    public static OperationTable For(AwsServiceProvider provider)
    {
        var model = ServiceModels.Get(provider.ServiceId);
        var handlers = new Dictionary<string, Func<RequestContext, OperationData, ValueTask<OperationData>>>(StringComparer.Ordinal);
        var methods = provider.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetParameters() is [{ ParameterType: var first }, _] && first == typeof(RequestContext));
        foreach (var method in methods)
        {
            if (model.FindOperation(method.Name) is null)
            {
                throw new InvalidOperationException($"{provider.GetType().Name}.{method.Name} is no operation of {model.Id}.");
            }

            handlers[method.Name] = Bind(provider, method);
        }

        return new OperationTable(provider, handlers);
    }

    private static Func<RequestContext, OperationData, ValueTask<OperationData>> Bind(AwsServiceProvider provider, MethodInfo method)
    {
        var input = method.GetParameters()[1].ParameterType;
        var output = method.ReturnType;
        if (input == typeof(JsonObject) && output == typeof(JsonObject))
        {
            var f = method.CreateDelegate<Func<RequestContext, JsonObject, JsonObject>>(provider);
            return (ctx, data) => ValueTask.FromResult(new OperationData(f(ctx, data.Values)));
        }

        if (input == typeof(JsonObject) && output == typeof(Task<JsonObject>))
        {
            var f = method.CreateDelegate<Func<RequestContext, JsonObject, Task<JsonObject>>>(provider);
            return async (ctx, data) => new OperationData(await f(ctx, data.Values).ConfigureAwait(false));
        }

        if (input == typeof(OperationData) && output == typeof(OperationData))
        {
            var f = method.CreateDelegate<Func<RequestContext, OperationData, OperationData>>(provider);
            return (ctx, data) => ValueTask.FromResult(f(ctx, data));
        }

        if (input == typeof(OperationData) && output == typeof(Task<OperationData>))
        {
            var f = method.CreateDelegate<Func<RequestContext, OperationData, Task<OperationData>>>(provider);
            return async (ctx, data) => await f(ctx, data).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"{provider.GetType().Name}.{method.Name} must take (RequestContext, JsonObject|OperationData) and return JsonObject|OperationData or a Task of it.");
    }
}
