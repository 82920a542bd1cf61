using System.Globalization;

namespace Doqutore.Benchmarks;

/// <summary><c>--name value</c> options of the process-level modes, with defaults at the call site.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchArgs Parse(string[] args)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options are --name value.");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        return parsed;
    }

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public IReadOnlyList<int> Ints(string name, string fallback) =>
        String(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
