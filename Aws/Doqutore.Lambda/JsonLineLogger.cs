using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Doqutore.Lambda;

/// <summary>
/// Lambda's JSON log format, one object per line: <c>{"timestamp","level","requestId","message",…fields}</c>.
/// Any occurrence of the execution role's secret key or session token (read from the environment at start) is
/// replaced by <c>***</c> before the line is written, so a careless message cannot leak them to the logs.
/// </summary>
public sealed class JsonLineLogger : ILambdaLogger
{
    private static readonly string[] SecretVariables = ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    private readonly TextWriter _output;
    private readonly TimeProvider _clock;
    private readonly string[] _secrets;
    private readonly string? _requestId;

    /// <param name="output">Where lines go (standard output in Lambda).</param>
    /// <param name="clock">The clock of the timestamps.</param>
    /// <param name="environment">Reads the variables whose values are masked (the process environment by default).</param>
    public JsonLineLogger(TextWriter output, TimeProvider? clock = null, Func<string, string?>? environment = null)
        : this(output, clock ?? TimeProvider.System, Secrets(environment ?? Environment.GetEnvironmentVariable), requestId: null)
    {
    }

    private JsonLineLogger(TextWriter output, TimeProvider clock, string[] secrets, string? requestId)
    {
        _output = output;
        _clock = clock;
        _secrets = secrets;
        _requestId = requestId;
    }

    /// <summary>A logger whose lines carry <paramref name="requestId"/>.</summary>
    public JsonLineLogger ForRequest(string requestId) => new(_output, _clock, _secrets, requestId);

    public void Log(LambdaLogLevel level, string message, IReadOnlyDictionary<string, object?>? fields = null)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(level));
            if (_requestId is not null)
            {
                json.WriteString("requestId", _requestId);
            }

            json.WriteString("message", Mask(message));
            foreach (var (name, value) in fields ?? new Dictionary<string, object?>())
            {
                if (name is "timestamp" or "level" or "requestId" or "message")
                {
                    continue;
                }

                WriteValue(json, name, value);
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_output)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case bool b: json.WriteBoolean(name, b); break;
            case int i: json.WriteNumber(name, i); break;
            case long l: json.WriteNumber(name, l); break;
            case double d when double.IsFinite(d): json.WriteNumber(name, d); break;
            case decimal m: json.WriteNumber(name, m); break;
            case DateTimeOffset t: json.WriteString(name, t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: json.WriteNumber(name, Math.Round(span.TotalMilliseconds, 3)); break;
            case JsonElement element: json.WritePropertyName(name); WriteMasked(json, element); break;
            default: json.WriteString(name, Mask(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)); break;
        }
    }

    private void WriteMasked(Utf8JsonWriter json, JsonElement element)
    {
        if (_secrets.Length == 0 || !_secrets.Any(s => element.GetRawText().Contains(s, StringComparison.Ordinal)))
        {
            element.WriteTo(json);
            return;
        }

        json.WriteStringValue(Mask(element.GetRawText()));
    }

    private string Mask(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static string LevelName(LambdaLogLevel level) => level switch
    {
        LambdaLogLevel.Trace => "TRACE",
        LambdaLogLevel.Debug => "DEBUG",
        LambdaLogLevel.Info => "INFO",
        LambdaLogLevel.Warn => "WARN",
        LambdaLogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    // Short values would mask innocent text; real secret keys are 40 characters and tokens far longer.
    private static string[] Secrets(Func<string, string?> environment) =>
        SecretVariables.Select(environment).Where(v => v is { Length: >= 16 }).Select(v => v!).ToArray();
}
