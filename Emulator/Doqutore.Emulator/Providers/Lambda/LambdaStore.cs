using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Every function, by account, region and name. With a data directory each function is written through to
/// <c>{DataDirectory}/lambda/{account}/{region}/{name}/</c> (<c>function.json</c> and <c>code.zip</c>, each written to a
/// temporary file and renamed into place, code first) and reloaded on start; without one it lives in memory.
/// </summary>
internal sealed class LambdaStore : IResettable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly ConcurrentDictionary<(string Account, string Region, string Name), LambdaFunction> _functions = new();
    private readonly string? _directory;

    public LambdaStore(string? dataDirectory)
    {
        _directory = string.IsNullOrEmpty(dataDirectory) ? null : Path.Combine(dataDirectory, "lambda");
        if (_directory is not null && Directory.Exists(_directory))
        {
            foreach (var file in Directory.EnumerateFiles(_directory, "function.json", SearchOption.AllDirectories))
            {
                var function = Load(file);
                _functions[(function.Config.AccountId, function.Config.Region, function.Config.Name)] = function;
            }
        }
    }

    /// <summary>Raised when a function is deleted or the store is reset, so its environments can be shut down.</summary>
    public event Action<FunctionConfig>? Removed;

    public LambdaFunction? Find(string accountId, string region, string name) =>
        _functions.GetValueOrDefault((accountId, region, name));

    /// <summary>The functions of an account and region, by name.</summary>
    public IReadOnlyList<LambdaFunction> List(string accountId, string region) =>
        _functions.Where(p => p.Key.Account == accountId && p.Key.Region == region)
            .Select(p => p.Value)
            .OrderBy(f => f.Config.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Adds a function unless its name is taken; returns false when taken.</summary>
    public bool TryAdd(LambdaFunction function)
    {
        var key = (function.Config.AccountId, function.Config.Region, function.Config.Name);
        if (!_functions.TryAdd(key, function))
        {
            return false;
        }

        Save(function, withCode: true);
        return true;
    }

    public bool Remove(LambdaFunction function)
    {
        var key = (function.Config.AccountId, function.Config.Region, function.Config.Name);
        if (!_functions.TryRemove(new KeyValuePair<(string, string, string), LambdaFunction>(key, function)))
        {
            return false;
        }

        if (_directory is not null)
        {
            var directory = FunctionDirectory(function.Config);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        Removed?.Invoke(function.Config);
        return true;
    }

    /// <summary>Writes the function through to disk (its code too when <paramref name="withCode"/>). Call under its gate.</summary>
    public void Save(LambdaFunction function, bool withCode = false)
    {
        if (_directory is null)
        {
            return;
        }

        var directory = FunctionDirectory(function.Config);
        Directory.CreateDirectory(directory);
        if (withCode)
        {
            WriteAtomically(Path.Combine(directory, "code.zip"), function.Code);
        }

        var record = new JsonObject
        {
            ["Config"] = JsonSerializer.SerializeToNode(function.Config with { TransientStatus = null }, Json),
            ["Policy"] = new JsonArray(function.PolicyStatements.Select(s => (JsonNode?)s.DeepClone()).ToArray()),
            ["PolicyRevisionId"] = function.PolicyRevisionId,
            ["ReservedConcurrency"] = function.ReservedConcurrency,
            ["EventInvokeConfig"] = function.EventInvokeConfig is null ? null : JsonSerializer.SerializeToNode(function.EventInvokeConfig, Json),
            ["Tags"] = JsonSerializer.SerializeToNode(function.Tags, Json),
        };
        WriteAtomically(Path.Combine(directory, "function.json"), JsonSerializer.SerializeToUtf8Bytes(record, Json));
    }

    public void Reset()
    {
        var all = _functions.Values.ToList();
        _functions.Clear();
        foreach (var function in all)
        {
            Removed?.Invoke(function.Config);
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static LambdaFunction Load(string file)
    {
        var record = JsonNode.Parse(File.ReadAllBytes(file))!.AsObject();
        var config = record["Config"].Deserialize<FunctionConfig>(Json) ?? throw new InvalidDataException($"{file}: no function configuration.");
        var function = new LambdaFunction(config, File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(file)!, "code.zip")))
        {
            PolicyRevisionId = (string?)record["PolicyRevisionId"] ?? Guid.NewGuid().ToString(),
            ReservedConcurrency = (int?)record["ReservedConcurrency"],
            EventInvokeConfig = record["EventInvokeConfig"].Deserialize<EventInvokeConfig>(Json),
        };
        function.PolicyStatements.AddRange(record["Policy"]!.AsArray().Select(s => s!.AsObject().DeepClone().AsObject()));
        foreach (var (key, value) in record["Tags"].Deserialize<Dictionary<string, string>>(Json) ?? [])
        {
            function.Tags[key] = value;
        }

        return function;
    }

    private string FunctionDirectory(FunctionConfig config) => Path.Combine(_directory!, config.AccountId, config.Region, config.Name);

    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
