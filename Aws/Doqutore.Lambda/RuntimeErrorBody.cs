using System.Text.Json.Serialization;

namespace Doqutore.Lambda;

/// <summary>
/// The body AWS's runtimes post to <c>/runtime/invocation/{id}/error</c> and <c>/runtime/init/error</c>, which
/// Lambda hands back as the payload of a failed invocation: <c>errorType</c>, <c>errorMessage</c>, <c>stackTrace</c>.
/// </summary>
public sealed record RuntimeErrorBody(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>
    /// The body for an exception, as the .NET runtime reports it: the exception's type name (the one the
    /// <c>Lambda-Runtime-Function-Error-Type</c> header carries too), its message, and its stack one frame per line.
    /// Aggregates from a single task are unwrapped so the handler's own exception is what the caller sees.
    /// </summary>
    public static RuntimeErrorBody From(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        var frames = (exception.StackTrace ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(exception.GetType().Name, exception.Message, frames);
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
