namespace Doqutore.Lambda;

/// <summary>Levels of <see cref="ILambdaLogger"/>, written as Lambda's JSON log format names them.</summary>
public enum LambdaLogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

/// <summary>
/// Writes one structured line per call to standard output, which Lambda sends to the function's log stream.
/// Lines never carry the function's credentials (see <see cref="JsonLineLogger"/>); callers must not log tokens or
/// patient data either.
/// </summary>
public interface ILambdaLogger
{
    /// <summary>Writes <paramref name="message"/> at <paramref name="level"/>, with optional named fields.</summary>
    void Log(LambdaLogLevel level, string message, IReadOnlyDictionary<string, object?>? fields = null);

    void Info(string message, IReadOnlyDictionary<string, object?>? fields = null) => Log(LambdaLogLevel.Info, message, fields);

    void Warn(string message, IReadOnlyDictionary<string, object?>? fields = null) => Log(LambdaLogLevel.Warn, message, fields);

    /// <summary>Writes an error with the exception's type and message (not its data).</summary>
    void Error(string message, Exception? exception = null) => Log(
        LambdaLogLevel.Error,
        message,
        exception is null ? null : new Dictionary<string, object?> { ["errorType"] = exception.GetType().Name, ["errorMessage"] = exception.Message });
}
