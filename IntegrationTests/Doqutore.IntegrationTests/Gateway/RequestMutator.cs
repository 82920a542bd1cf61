// The mutations of the gateway fuzzer, weighted per protocol.
//
// A request gets one to four mutations drawn from its protocol's table (a few get none: the valid request
// itself). Mutations work on the raw parts, never through a codec, so they can produce anything a client
// on the wire could: broken bodies, garbled routing headers, percent-encoding garbage, unknown paths, odd
// methods. What they do not produce is invalid HTTP (control characters in the request line or headers,
// non-ASCII header values): Kestrel rejects those before the gateway sees them, as AWS's front ends do,
// with a plain 400 that is nobody's AWS error.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>Applies random mutations to valid requests (see the file header).</summary>
public sealed class RequestMutator
{
    /// <summary>Body sizes above this go to the small-limit emulator (whose limit is <see cref="SmallBodyLimit"/>).</summary>
    public const int SmallBodyLimit = 64 * 1024;

    private const string Garbage = "abcXYZ019-_.~!$&'()*+,;=:@/?%[]{}|^`\"<>\\ ";
    private static readonly string[] PercentGarbage = ["%", "%z", "%zz", "%G1", "%00", "%C3%28", "%FF%FE", "%E2%82", "%25", "%2F", "%2e%2e", "%%", "%u0041", "+", "%0A", "%20%20"];
    // Kestrel refuses a path that decodes to a NUL byte with a bare 400 before the gateway runs (a known gap).
    private static readonly string[] PercentGarbageForPaths = PercentGarbage.Where(g => g != "%00").ToArray();
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS", "FROB", "PROPFIND", "M-SEARCH", "get", "TRACE"];
    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/json", "application/xml", "text/xml", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1",
        "multipart/form-data; boundary=x", "application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/octet-stream", string.Empty, "a/b/c;;;",
        "application/json; charset=utf-16", "*/*", "application/cbor",
    ];

    private static readonly string[] BadHeaderValues =
    [
        string.Empty, " ", "-1", "99999999999999999999999", "1e400", "NaN", "abc", "Mon, 32 Foo 2024 99:99:99 GMT", "2024-13-45T25:61:61Z", "true false",
        "bytes=5-1", "bytes=-", "=?utf-8?b?AAAA?=", "%zz", "AQ=", "!!!", "\"quoted", "{\"a\":", "<x>",
    ];

    private readonly (string Name, int Weight, Func<FuzzRequest, Random, bool> Apply)[] _table;
    private readonly int _totalWeight;
    private readonly string[] _knownTargets;

    public RequestMutator(Protocol protocol)
    {
        _knownTargets = ServiceModels.All().Select(m => m.Metadata.TargetPrefix).OfType<string>().Distinct().ToArray();
        _table = Table(protocol);
        _totalWeight = _table.Sum(t => t.Weight);
    }

    /// <summary>Mutates <paramref name="request"/> in place, then chooses how it is signed.</summary>
    public void Mutate(FuzzRequest request, Random random)
    {
        var count = random.Next(100) switch
        {
            < 3 => 0,
            < 60 => 1,
            < 85 => 2,
            < 95 => 3,
            _ => 4,
        };
        for (var i = 0; i < count; i++)
        {
            var (name, apply) = Pick(random);
            if (apply(request, random))
            {
                request.Mutations.Add(name);
            }
        }

        if (random.Next(50) == 0)
        {
            MakeOversized(request, random);
        }

        request.Signing = random.Next(100) switch
        {
            < 5 => FuzzSigning.Unsigned,
            < 10 => FuzzSigning.BrokenSignature,
            _ => FuzzSigning.Signed,
        };
        if (random.Next(100) == 0)
        {
            // Signed for another service than the one the request is for.
            var other = ServiceModels.All().ToArray();
            request.SigningName = random.Next(4) == 0 ? "nosuchservice" : other[random.Next(other.Length)].Metadata.SigningName;
            request.Mutations.Add("foreign signing name");
        }

        // A chunked body carries no length to sign; those go unsigned.
        if (request.Chunked)
        {
            request.Signing = FuzzSigning.Unsigned;
        }
    }

    private (string, Func<FuzzRequest, Random, bool>) Pick(Random random)
    {
        var roll = random.Next(_totalWeight);
        foreach (var (name, weight, apply) in _table)
        {
            if (roll < weight)
            {
                return (name, apply);
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Unreachable: weights cover the roll.");
    }

    private (string, int, Func<FuzzRequest, Random, bool>)[] Table(Protocol protocol)
    {
        var common = new List<(string, int, Func<FuzzRequest, Random, bool>)>
        {
            ("flip bits", 6, FlipBits),
            ("insert bytes", 4, InsertBytes),
            ("delete bytes", 4, DeleteBytes),
            ("truncate", 4, Truncate),
            ("random body", 3, (r, rnd) => SetBody(r, HostileBodies.RandomBytes(rnd))),
            ("invalid utf-8", 4, (r, rnd) => SetBody(r, HostileBodies.InvalidUtf8(rnd, r.Body))),
            ("change content-type", 4, ChangeContentType),
            ("drop content-type", 2, (r, _) => Drop(r, "Content-Type")),
            ("duplicate header", 3, DuplicateHeader),
            ("garble header", 4, GarbleHeader),
            ("random method", 3, (r, rnd) => Set(() => r.Method = Methods[rnd.Next(Methods.Length)])),
            ("percent garbage in path", 3, PercentGarbageInPath),
            ("percent garbage in query", 3, PercentGarbageInQuery),
            ("unknown path", 3, UnknownPath),
            ("foreign body", 2, ForeignBody),
        };

        common.AddRange(protocol switch
        {
            Protocol.Json or Protocol.RestJson => JsonMutations(protocol),
            Protocol.Query => QueryMutations(),
            _ => XmlMutations(),
        });
        return common.ToArray();
    }

    private List<(string, int, Func<FuzzRequest, Random, bool>)> JsonMutations(Protocol protocol)
    {
        var list = new List<(string, int, Func<FuzzRequest, Random, bool>)>
        {
            ("malformed json", 6, (r, rnd) => SetBody(r, HostileBodies.MalformedJson(rnd))),
            ("deep json", 3, (r, rnd) => SetBody(r, HostileBodies.DeepJson(rnd))),
            ("wrong json type", 10, (r, rnd) => ReplaceJsonValue(r, rnd, HostileBodies.WrongJsonValue(rnd))),
            ("huge number", 5, (r, rnd) => ReplaceJsonValue(r, rnd, HostileBodies.HugeNumber(rnd))),
            ("json top level not an object", 2, (r, rnd) => SetBody(r, Encoding.UTF8.GetBytes(HostileBodies.WrongJsonValue(rnd)))),
        };
        if (protocol == Protocol.Json)
        {
            list.Add(("unknown target", 6, UnknownTarget));
            list.Add(("drop target", 3, (r, _) => Drop(r, "X-Amz-Target")));
            list.Add(("garble target", 3, (r, rnd) => GarbleNamedHeader(r, rnd, "X-Amz-Target")));
        }
        else
        {
            list.Add(("unknown rest path", 4, UnknownPath));
            list.Add(("garble query value", 5, GarbleQueryValue));
            list.Add(("garble bound header", 4, GarbleHeader));
        }

        return list;
    }

    private static List<(string, int, Func<FuzzRequest, Random, bool>)> QueryMutations() =>
    [
        ("unknown action", 6, (r, rnd) => SetFormValue(r, "Action", rnd.Next(2) == 0 ? "NoSuchAction" : RandomText(rnd, Garbage, 0, 12))),
        ("unknown version", 4, (r, rnd) => SetFormValue(r, "Version", rnd.Next(2) == 0 ? "1999-01-01" : RandomText(rnd, Garbage, 0, 12))),
        ("drop action", 4, (r, _) => DropFormKey(r, "Action")),
        ("drop version", 3, (r, _) => DropFormKey(r, "Version")),
        ("garble form value", 12, GarbleFormValue),
        ("garble form key", 6, GarbleFormKey),
        ("raw form garbage", 4, RawFormGarbage),
        ("form to get", 4, FormToGet),
        ("duplicate form key", 3, DuplicateFormKey),
    ];

    private static List<(string, int, Func<FuzzRequest, Random, bool>)> XmlMutations() =>
    [
        ("xml with dtd", 6, (r, rnd) => SetBody(r, HostileBodies.XmlWithDtd(rnd, XmlRoot(r)))),
        ("malformed xml", 6, (r, rnd) => SetBody(r, HostileBodies.MalformedXml(rnd, XmlRoot(r)))),
        ("deep xml", 3, (r, rnd) => SetBody(r, HostileBodies.DeepXml(rnd, XmlRoot(r)))),
        ("garble xml text", 6, GarbleXmlText),
        ("unknown rest path", 4, UnknownPath),
        ("garble query value", 5, GarbleQueryValue),
        ("garble bound header", 6, GarbleHeader),
    ];

    // ---- bodies ----

    private static bool Set(Action action)
    {
        action();
        return true;
    }

    private static bool SetBody(FuzzRequest request, byte[] body)
    {
        request.Body = body;
        return true;
    }

    private static bool FlipBits(FuzzRequest request, Random random)
    {
        if (request.Body.Length == 0)
        {
            return false;
        }

        var body = request.Body.ToArray();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
        }

        return SetBody(request, body);
    }

    private static bool InsertBytes(FuzzRequest request, Random random)
    {
        var insert = new byte[random.Next(1, 9)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(insert);
        }
        else
        {
            // Structural characters are the interesting ones for parsers.
            const string Structural = "{}[]\",:<>/&=%\\'\0.-+eE";
            for (var i = 0; i < insert.Length; i++)
            {
                insert[i] = (byte)Structural[random.Next(Structural.Length)];
            }
        }

        var at = random.Next(request.Body.Length + 1);
        return SetBody(request, [.. request.Body.AsSpan(0, at), .. insert, .. request.Body.AsSpan(at)]);
    }

    private static bool DeleteBytes(FuzzRequest request, Random random)
    {
        if (request.Body.Length == 0)
        {
            return false;
        }

        var at = random.Next(request.Body.Length);
        var length = Math.Min(request.Body.Length - at, random.Next(1, 16));
        return SetBody(request, [.. request.Body.AsSpan(0, at), .. request.Body.AsSpan(at + length)]);
    }

    private static bool Truncate(FuzzRequest request, Random random) =>
        request.Body.Length > 0 && SetBody(request, request.Body[..random.Next(request.Body.Length)]);

    /// <summary>A body of another protocol: XML to JSON services, JSON to XML ones, forms to both.</summary>
    private static bool ForeignBody(FuzzRequest request, Random random) => SetBody(request, random.Next(4) switch
    {
        0 => Encoding.UTF8.GetBytes("{\"Action\":\"GetCallerIdentity\",\"a\":[1,{\"b\":null}]}"),
        1 => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>"),
        2 => Encoding.UTF8.GetBytes("Action=ListUsers&Version=2010-05-08&MaxItems=abc"),
        _ => HostileBodies.XmlWithDtd(random, "Tagging"),
    });

    private static bool ReplaceJsonValue(FuzzRequest request, Random random, string raw)
    {
        // An earlier mutation may have left invalid UTF-8 or a lone surrogate escape, which JsonNode only
        // notices lazily (InvalidOperationException): such a body is left as it is.
        if (!System.Text.Unicode.Utf8.IsValid(request.Body))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(request.Body) is not JsonObject root)
            {
                return false;
            }

            var slots = new List<(JsonNode Parent, object Key)>();
            Collect(root, slots);
            if (slots.Count == 0)
            {
                return SetBody(request, Encoding.UTF8.GetBytes($"{{\"{RandomText(random, "abcXYZ", 1, 8)}\":{raw}}}"));
            }

            const string Marker = "\"__fuzz_marker__\"";
            var (parent, key) = slots[random.Next(slots.Count)];
            if (parent is JsonObject obj)
            {
                obj[(string)key] = "__fuzz_marker__";
            }
            else
            {
                ((JsonArray)parent)[(int)key] = "__fuzz_marker__";
            }

            return SetBody(request, Encoding.UTF8.GetBytes(root.ToJsonString().Replace(Marker, raw, StringComparison.Ordinal)));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                slots.Add((obj, key));
                if (value is not null)
                {
                    Collect(value, slots);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, i));
                if (array[i] is { } item)
                {
                    Collect(item, slots);
                }
            }
        }
    }

    // ---- headers ----

    private static bool Drop(FuzzRequest request, string name)
    {
        if (request.Header(name) is null)
        {
            return false;
        }

        request.SetHeader(name, null);
        return true;
    }

    private static bool ChangeContentType(FuzzRequest request, Random random)
    {
        request.SetHeader("Content-Type", ContentTypes[random.Next(ContentTypes.Length)]);
        return true;
    }

    private static bool DuplicateHeader(FuzzRequest request, Random random)
    {
        if (request.Headers.Count == 0)
        {
            return false;
        }

        var (name, value) = request.Headers[random.Next(request.Headers.Count)];
        request.Headers.Add(new(name, random.Next(2) == 0 ? value : BadHeaderValues[random.Next(BadHeaderValues.Length)]));
        return true;
    }

    private static bool GarbleHeader(FuzzRequest request, Random random)
    {
        if (request.Headers.Count == 0)
        {
            return false;
        }

        var name = request.Headers[random.Next(request.Headers.Count)].Key;
        return GarbleNamedHeader(request, random, name);
    }

    private static bool GarbleNamedHeader(FuzzRequest request, Random random, string name)
    {
        request.SetHeader(name, random.Next(3) == 0 ? RandomText(random, Garbage, 0, 40) : BadHeaderValues[random.Next(BadHeaderValues.Length)]);
        return true;
    }

    private bool UnknownTarget(FuzzRequest request, Random random)
    {
        var prefix = _knownTargets[random.Next(_knownTargets.Length)];
        request.SetHeader("X-Amz-Target", random.Next(6) switch
        {
            0 => prefix + ".NoSuchOperation",
            1 => prefix + ".",
            2 => prefix,
            3 => "NoSuchService_20990101." + request.Operation,
            4 => "." + request.Operation,
            _ => prefix.ToLowerInvariant() + "." + request.Operation,
        });
        return true;
    }

    // ---- paths and query strings ----

    private static bool PercentGarbageInPath(FuzzRequest request, Random random)
    {
        var at = random.Next(1, request.RawPath.Length + 1);
        request.RawPath = request.RawPath[..at] + PercentGarbageForPaths[random.Next(PercentGarbageForPaths.Length)] + request.RawPath[at..];
        return true;
    }

    private static bool PercentGarbageInQuery(FuzzRequest request, Random random)
    {
        var garbage = PercentGarbage[random.Next(PercentGarbage.Length)];
        request.RawQuery = random.Next(3) switch
        {
            0 => request.RawQuery + (request.RawQuery.Length > 0 ? "&" : string.Empty) + garbage + "=" + garbage,
            1 => request.RawQuery + "&&=&" + garbage,
            _ => request.RawQuery.Length == 0 ? garbage : request.RawQuery.Insert(random.Next(request.RawQuery.Length + 1), garbage),
        };
        return true;
    }

    private static bool UnknownPath(FuzzRequest request, Random random)
    {
        string[] segments = ["nope", "2015-03-31", "functions", "restapis", "x", "..", ".", string.Empty, "%2F", "a%20b", "_doqutore", "2099-01-01", "tags", "~", "-"];
        var path = new StringBuilder();
        for (var i = random.Next(0, 6); i >= 0; i--)
        {
            path.Append('/').Append(segments[random.Next(segments.Length)]);
        }

        if (random.Next(4) == 0)
        {
            // Keep the operation's own prefix, go astray below it.
            path.Insert(0, request.RawPath.TrimEnd('/'));
        }

        // Never the emulator's own endpoints: they are not the gateway.
        var text = path.ToString();
        request.RawPath = text.StartsWith("/_doqutore", StringComparison.Ordinal) ? "/x" + text : text;
        return true;
    }

    private static bool GarbleQueryValue(FuzzRequest request, Random random)
    {
        var pairs = request.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (pairs.Count == 0)
        {
            return false;
        }

        var at = random.Next(pairs.Count);
        var key = pairs[at].Split('=')[0];
        pairs[at] = key + "=" + (random.Next(2) == 0 ? Uri.EscapeDataString(BadHeaderValues[random.Next(BadHeaderValues.Length)]) : PercentGarbage[random.Next(PercentGarbage.Length)]);
        request.RawQuery = string.Join('&', pairs);
        return true;
    }

    // ---- query protocol forms ----

    private static List<string> FormPairs(FuzzRequest request) =>
        Encoding.UTF8.GetString(request.Body).Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static bool SetFormPairs(FuzzRequest request, IEnumerable<string> pairs) => SetBody(request, Encoding.UTF8.GetBytes(string.Join('&', pairs)));

    private static bool SetFormValue(FuzzRequest request, string key, string value)
    {
        var pairs = FormPairs(request);
        pairs.RemoveAll(p => p.Split('=')[0] == key);
        pairs.Insert(0, key + "=" + Uri.EscapeDataString(value));
        return SetFormPairs(request, pairs);
    }

    private static bool DropFormKey(FuzzRequest request, string key)
    {
        var pairs = FormPairs(request);
        return pairs.RemoveAll(p => p.Split('=')[0] == key) > 0 && SetFormPairs(request, pairs);
    }

    private static bool GarbleFormValue(FuzzRequest request, Random random)
    {
        var pairs = FormPairs(request);
        var candidates = pairs.Where(p => !p.StartsWith("Action=", StringComparison.Ordinal) && !p.StartsWith("Version=", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var pick = candidates[random.Next(candidates.Count)];
        var key = pick.Split('=')[0];
        var value = random.Next(3) switch
        {
            0 => Uri.EscapeDataString(BadHeaderValues[random.Next(BadHeaderValues.Length)]),
            1 => PercentGarbage[random.Next(PercentGarbage.Length)],
            _ => Uri.EscapeDataString(HostileBodies.HugeNumber(random)),
        };
        pairs[pairs.IndexOf(pick)] = key + "=" + value;
        return SetFormPairs(request, pairs);
    }

    private static bool GarbleFormKey(FuzzRequest request, Random random)
    {
        var pairs = FormPairs(request);
        string[] keys =
        [
            "Tags.member.0.Key", "Tags.member.99999999999.Key", "Tags.member.-1.Key", "Tags.member..Key", "Tags.member.1", "Tags.member.1.Key.Extra",
            "Attributes.entry.1.value", "Attributes.entry.1.key", ".member.1", "member.1", "Foo.Bar.Baz", "Policy.", "..", "Action.member.1",
            "MaxItems.member.1", "Tags.member.1e3.Key", "Tags.member.01.Key", "Tags.member.2147483648.Value",
        ];
        if (pairs.Count > 0 && random.Next(2) == 0)
        {
            var at = random.Next(pairs.Count);
            var parts = pairs[at].Split('=', 2);
            var key = parts[0].Replace(".1.", "." + (random.Next(3) switch { 0 => "0", 1 => "x", _ => "1000000" }) + ".", StringComparison.Ordinal);
            pairs[at] = key + "." + RandomText(random, "abcXYZ1", 1, 4) + "=" + (parts.Length > 1 ? parts[1] : string.Empty);
        }
        else
        {
            pairs.Add(keys[random.Next(keys.Length)] + "=" + Uri.EscapeDataString(RandomText(random, Garbage, 0, 8)));
        }

        return SetFormPairs(request, pairs);
    }

    private static bool RawFormGarbage(FuzzRequest request, Random random)
    {
        string[] garbage = ["&&&", "=", "==", "a", "a=b=c", "%", "%zz=1", "=%C3%28", "Action", "Action=", "Version", "+=+", "%00=%00"];
        var pairs = FormPairs(request);
        pairs.Insert(random.Next(pairs.Count + 1), garbage[random.Next(garbage.Length)]);
        return SetFormPairs(request, pairs);
    }

    private static bool DuplicateFormKey(FuzzRequest request, Random random)
    {
        var pairs = FormPairs(request);
        if (pairs.Count == 0)
        {
            return false;
        }

        var key = pairs[random.Next(pairs.Count)].Split('=')[0];
        pairs.Add(key + "=" + Uri.EscapeDataString(RandomText(random, Garbage, 0, 8)));
        return SetFormPairs(request, pairs);
    }

    /// <summary>The form as a GET query string, as the query protocol also allows.</summary>
    private static bool FormToGet(FuzzRequest request, Random random)
    {
        // A request line past Kestrel's 8 KiB limit is refused (414) before the gateway runs.
        if (request.Body.Length > 2048)
        {
            return false;
        }

        request.Method = random.Next(4) == 0 ? "POST" : "GET";
        request.RawQuery = RequestTargetText(request.Body);
        request.Body = [];
        request.SetHeader("Content-Type", null);
        return true;
    }

    /// <summary>Bytes as request-target text: printable ASCII kept as is (garbage included), anything else percent-encoded.</summary>
    private static string RequestTargetText(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is > 0x20 and < 0x7F && b != (byte)'#')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return text.ToString();
    }

    // ---- XML ----

    private static string XmlRoot(FuzzRequest request)
    {
        var text = Encoding.UTF8.GetString(request.Body);
        var start = text.IndexOf('<', StringComparison.Ordinal);
        while (start >= 0 && start + 1 < text.Length && text[start + 1] is '?' or '!')
        {
            start = text.IndexOf('<', start + 1);
        }

        if (start < 0)
        {
            return "Tagging";
        }

        var end = text.IndexOfAny([' ', '>', '/'], start + 1);
        return end > start + 1 ? text[(start + 1)..end] : "Tagging";
    }

    /// <summary>Replaces the text of one element with garbage: wrong types, huge numbers, bad dates, markup.</summary>
    private static bool GarbleXmlText(FuzzRequest request, Random random)
    {
        var text = Encoding.UTF8.GetString(request.Body);
        var closes = new List<int>();
        for (var i = text.IndexOf("</", StringComparison.Ordinal); i >= 0; i = text.IndexOf("</", i + 2, StringComparison.Ordinal))
        {
            closes.Add(i);
        }

        if (closes.Count == 0)
        {
            return false;
        }

        var close = closes[random.Next(closes.Count)];
        var open = text.LastIndexOf('>', close);
        if (open < 0)
        {
            return false;
        }

        string[] values = ["abc", HostileBodies.HugeNumber(random), "2024-13-45T25:61:61Z", "&amp;&lt;", "&bogus;", "<x>", "]]>", "&#xFFFE;", "true1", "%zz", string.Empty, "-", "AQ="];
        var replaced = text[..(open + 1)] + values[random.Next(values.Length)] + text[close..];
        return SetBody(request, Encoding.UTF8.GetBytes(replaced));
    }

    // ---- size ----

    /// <summary>A body past the small instance's limit; usually with Content-Length, sometimes chunked.</summary>
    private static void MakeOversized(FuzzRequest request, Random random)
    {
        var size = SmallBodyLimit + random.Next(1, 3 * SmallBodyLimit);
        var body = new byte[size];
        if (random.Next(2) == 0)
        {
            random.NextBytes(body);
        }
        else
        {
            // A well-formed document of the request's kind, only too big.
            var filler = new string('a', size);
            var text = request.Body.Length > 0 && request.Body[0] == (byte)'<'
                ? $"<Tagging><TagSet><Tag><Key>k</Key><Value>{filler}</Value></Tag></TagSet></Tagging>"
                : request.Body.Length > 0 && request.Body[0] == (byte)'{' ? $"{{\"a\":\"{filler}\"}}" : $"Action=GetCallerIdentity&Version=2011-06-15&Pad={filler}";
            body = Encoding.UTF8.GetBytes(text);
        }

        request.Body = body;
        request.Oversized = true;
        request.Chunked = random.Next(5) == 0;
        request.Mutations.Add(string.Create(CultureInfo.InvariantCulture, $"oversized {body.Length} bytes"));
    }

    private static string RandomText(Random random, string alphabet, int min, int max)
    {
        var text = new StringBuilder();
        for (var i = random.Next(min, max + 1); i > 0; i--)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
