using System.Globalization;
using System.Text;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>
/// Bodies a parser must refuse cleanly: random bytes, invalid UTF-8, nesting past any sane depth, XML with
/// DTDs (external entities, billion laughs), numbers out of every range, JSON of the wrong types.
/// </summary>
public static class HostileBodies
{
    private static readonly string[] WrongJsonValues =
        ["1", "-1", "1.5", "1e999", "-1e999", "123456789012345678901234567890", "\"s\"", "true", "null", "[]", "[1,2]", "{}", "{\"a\":{}}", "\"AQ==\"", "\"\\ud800\""];

    private static readonly string[] HugeNumbers =
        ["1e400", "-1e400", "99999999999999999999999999999999999999", "9223372036854775808", "-9223372036854775809", "2147483648", "0.0000000000000000000000000000000000001e-400", "1" + new string('0', 500), "NaN", "Infinity", "-0"];

    /// <summary>Random bytes, usually short, sometimes a few KiB.</summary>
    public static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(4) == 0 ? random.Next(1, 8192) : random.Next(1, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text around byte sequences that are not UTF-8 (lone continuation, overlong, surrogate, 0xFF).</summary>
    public static byte[] InvalidUtf8(Random random, byte[] around)
    {
        byte[][] bad = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
        var at = around.Length == 0 ? 0 : random.Next(around.Length);
        var seq = bad[random.Next(bad.Length)];
        return [.. around.AsSpan(0, at), .. seq, .. around.AsSpan(at)];
    }

    public static byte[] DeepJson(Random random)
    {
        var depth = random.Next(2) == 0 ? random.Next(60, 70) : random.Next(200, 20000);
        var open = random.Next(3) switch { 0 => "[", 1 => "{\"a\":", _ => "{\"a\":[" };
        var close = open switch { "[" => "]", "{\"a\":" => "}", _ => "]}" };
        var inner = open == "[" ? "1" : "{}";
        var text = new StringBuilder();
        if (open == "[")
        {
            text.Append("{\"x\":");
        }

        for (var i = 0; i < depth; i++)
        {
            text.Append(open);
        }

        text.Append(inner);
        var closed = random.Next(4) == 0 ? depth / 2 : depth;
        for (var i = 0; i < closed; i++)
        {
            text.Append(close);
        }

        if (open == "[")
        {
            text.Append('}');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] DeepXml(Random random, string root)
    {
        var depth = random.Next(2) == 0 ? random.Next(60, 140) : random.Next(1000, 20000);
        var text = new StringBuilder($"<{root}>");
        for (var i = 0; i < depth; i++)
        {
            text.Append("<a>");
        }

        text.Append('x');
        for (var i = 0; i < depth; i++)
        {
            text.Append("</a>");
        }

        text.Append(CultureInfo.InvariantCulture, $"</{root}>");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>XML with a DTD: external entities (file, http on loopback), parameter entities, billion laughs.</summary>
    public static byte[] XmlWithDtd(Random random, string root)
    {
        var laughs = new StringBuilder("<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        }

        string[] documents =
        [
            $"<?xml version=\"1.0\"?><!DOCTYPE {root} [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><{root}>&xxe;</{root}>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {root} [<!ENTITY xxe SYSTEM \"http://127.0.0.1:1/x\">]><{root}><Key>&xxe;</Key></{root}>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {root} [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]><{root}/>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {root} [{laughs}]><{root}>&lol9;</{root}>",
            $"<?xml version=\"1.0\"?><!DOCTYPE {root} SYSTEM \"file:///etc/passwd\"><{root}/>",
            $"<!DOCTYPE {root} [<!ENTITY a \"b\">]><{root}>&a;</{root}>",
            $"<{root}>&undefined;</{root}>",
            $"<{root}><![CDATA[<x>]]></{root}>",
            $"<?xml-stylesheet href=\"file:///etc/passwd\"?><{root}/>",
        ];
        return Encoding.UTF8.GetBytes(documents[random.Next(documents.Length)]);
    }

    /// <summary>Broken XML: unclosed, mismatched, two roots, bad names, bad encodings, no root at all.</summary>
    public static byte[] MalformedXml(Random random, string root)
    {
        string[] documents =
        [
            $"<{root}>",
            $"<{root}><a></b></{root}>",
            $"<{root}/><{root}/>",
            $"<{root} a=\"1\" a=\"2\"/>",
            $"<{root}><1a/></{root}>",
            $"<?xml version=\"1.0\" encoding=\"EBCDIC\"?><{root}/>",
            $"<?xml version=\"9.9\"?><{root}/>",
            "just text",
            string.Empty,
            "<",
            $"<x:{root} xmlns:y=\"u\"/>",
            $"<{root}>&#0;</{root}>",
            $"<{root}>&#xD800;</{root}>",
            $"<{root}><Tag><Key>k</Key><Value>v</Value></Tag>",
        ];
        return Encoding.UTF8.GetBytes(documents[random.Next(documents.Length)]);
    }

    public static string HugeNumber(Random random) => HugeNumbers[random.Next(HugeNumbers.Length)];

    public static string WrongJsonValue(Random random) => WrongJsonValues[random.Next(WrongJsonValues.Length)];

    /// <summary>Malformed JSON documents (not just wrongly typed ones).</summary>
    public static byte[] MalformedJson(Random random)
    {
        string[] documents =
        [
            "{", "}", "{\"a\"", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{a:1}", "[", "\"", "nul", "tru", "{\"a\":1}{\"b\":2}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}", "{\"a\":NaN}", "/*c*/{}", "{} trailing",
            "\uFEFF{}", "{\"a\":\"\\ud800\"}",
        ];
        return Encoding.UTF8.GetBytes(documents[random.Next(documents.Length)]);
    }
}
