using System.Text;
using System.Text.Json;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Signing;

/// <summary>
/// The AWS SigV4 test suite of shared/testdata/sigv4 (see its README), located beside the repository as
/// <c>../shared/testdata/sigv4</c>; absent in a clone without shared/, in which case its tests skip.
/// </summary>
internal static class SigV4TestSuite
{
    private static readonly Lazy<JsonDocument?> Document = new(Load);

    public static bool Available => Document.Value is not null;

    public const string SkipReason = "shared/testdata/sigv4/aws4_testsuite.json not found beside the repository (../shared).";

    public static JsonElement Root => Document.Value!.RootElement;

    public static string AccessKeyId => Root.GetProperty("credentials").GetProperty("access_key_id").GetString()!;

    public static string SecretAccessKey => Root.GetProperty("credentials").GetProperty("secret_access_key").GetString()!;

    public static DateTimeOffset Date => DateTimeOffset.ParseExact(Root.GetProperty("date").GetString()!, "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal);

    /// <summary>The case names, for theories (empty when the suite is absent).</summary>
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        if (Available)
        {
            foreach (var c in Root.GetProperty("cases").EnumerateArray())
            {
                data.Add(c.GetProperty("name").GetString()!);
            }
        }
        else
        {
            data.Add("(suite absent)");
        }

        return data;
    }

    public static JsonElement Case(string name) =>
        Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>
    /// Parses a raw HTTP request of the suite: request line (the path may hold spaces), headers (a line starting
    /// with whitespace continues the previous value), empty line, body. The path and query go to the wire
    /// request unchanged, as a server receives them.
    /// </summary>
    public static WireRequest ParseRequest(string text)
    {
        var bodyStart = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = bodyStart < 0 ? text : text[..bodyStart];
        var body = bodyStart < 0 ? string.Empty : text[(bodyStart + 2)..];
        var lines = head.Split('\n');

        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
        var question = target.IndexOf('?', StringComparison.Ordinal);

        var request = new WireRequest
        {
            Method = method,
            RawPath = question < 0 ? target : target[..question],
            RawQuery = question < 0 ? string.Empty : target[(question + 1)..],
            Body = Encoding.UTF8.GetBytes(body),
        };

        var headers = new List<(string Name, string Value)>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && headers.Count > 0)
            {
                headers[^1] = (headers[^1].Name, headers[^1].Value + "\n" + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add((line[..colon], line[(colon + 1)..]));
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        request.Host = request.Headers["Host"] ?? "example.amazonaws.com";
        return request;
    }

    private static JsonDocument? Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Doqutore.sln")))
        {
            directory = directory.Parent;
        }

        var path = directory?.Parent is null ? null : Path.Combine(directory.Parent.FullName, "shared", "testdata", "sigv4", "aws4_testsuite.json");
        return path is not null && File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
    }
}
