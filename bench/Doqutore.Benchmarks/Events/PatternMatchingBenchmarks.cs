using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Events;
using Doqutore.Benchmarks.Codecs;

namespace Doqutore.Benchmarks.Events;

/// <summary>
/// One CloudTrail-shaped event (StopLogging by an IAM user, ~1.5 KB) against 10, 100 and 1,000 rules shaped as
/// detection rules are: source + detail-type + eventSource + eventName lists, a quarter with a userIdentity or
/// errorCode condition (exists, prefix, anything-but), a tenth with <c>$or</c>. Patterns are compiled in setup, as
/// EventBridge keeps them; each operation parses and flattens the event once and returns the matching rule names.
/// Events/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class PatternMatchingBenchmarks
{
    private static readonly string[] Services = ["cloudtrail", "iam", "s3", "ec2", "kms", "sts", "lambda", "dynamodb", "sqs", "sns", "logs", "events", "guardduty", "config", "organizations", "secretsmanager"];
    private static readonly string[] Verbs = ["Create", "Delete", "Update", "Put", "Stop", "Start", "Attach", "Detach", "Disable", "Enable"];
    private static readonly string[] Nouns = ["Trail", "Logging", "User", "Role", "Policy", "Bucket", "Key", "Function", "Table", "Queue", "Topic", "Rule", "Detector", "Secret"];

    private const string Event = """
        {"version":"0","id":"36eb8523-97d0-4518-b33d-ee3579ff19f0","detail-type":"AWS API Call via CloudTrail","source":"aws.cloudtrail",
         "account":"111122223333","time":"2026-11-30T12:00:00Z","region":"us-east-1","resources":[],
         "detail":{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","principalId":"AIDACKCEVSQ6C2EXAMPLE",
           "arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"alice",
           "sessionContext":{"attributes":{"creationDate":"2026-11-30T11:58:01Z","mfaAuthenticated":"false"}}},
           "eventTime":"2026-11-30T12:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1",
           "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12",
           "requestParameters":{"name":"arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events"},
           "responseElements":null,"requestID":"6d9c2ad6-5f0b-4b3e-9b7c-1e6a1f0c8a11","eventID":"3f1f0c2a-52a6-4c47-8a3e-2d1b4c7e9f10",
           "readOnly":false,"resources":[{"accountId":"111122223333","type":"AWS::CloudTrail::Trail","ARN":"arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events"}],
           "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management",
           "tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"cloudtrail.us-east-1.amazonaws.com"}}}
        """;

    private EventPatternSet _set = null!;
    private EventPattern[] _patterns = null!;
    private JsonElement _parsed;

    [Params(10, 100, 1000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _patterns = [.. Enumerable.Range(0, Rules).Select(i => EventPattern.Parse(Rule(i, random)))];
        _set = new EventPatternSet();
        for (var i = 0; i < _patterns.Length; i++)
        {
            _set.Add($"rule-{i}", _patterns[i]);
        }
        _parsed = JsonDocument.Parse(Event).RootElement.Clone();
        var matched = _set.Match(Event).Count;
        var expected = _patterns.Count(p => p.Matches(Event));
        if (matched != expected || matched == 0)
        {
            throw new InvalidOperationException($"set matched {matched}, patterns one by one {expected}");
        }
        Console.WriteLine($"// {Rules} rules, {matched} match the event");
    }

    // Rule 0 is the tampering rule that matches; the others watch other services or other calls.
    private static string Rule(int i, Random random)
    {
        var service = i == 0 ? "cloudtrail" : Services[random.Next(Services.Length)];
        var names = i == 0
            ? ["StopLogging", "DeleteTrail", "UpdateTrail"]
            : Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Verbs[random.Next(Verbs.Length)] + Nouns[random.Next(Nouns.Length)]).Distinct().ToArray();
        var eventNames = string.Join(",", names.Select(n => $"\"{n}\""));
        var extra = (i % 8) switch
        {
            1 => ""","userIdentity":{"type":["Root"]}""",
            2 => ""","errorCode":[{"exists":true}]""",
            3 => ""","userIdentity":{"arn":[{"prefix":"arn:aws:iam::111122223333:user/"}]}""",
            4 => ""","userIdentity":{"userName":[{"anything-but":["deploy","ci"]}]}""",
            _ => "",
        };
        var detail = i % 10 == 5
            ? $$"""{"eventSource":["{{service}}.amazonaws.com"],"$or":[{"eventName":[{{eventNames}}]},{"errorCode":[{"prefix":"AccessDenied"}]}]}"""
            : $$"""{"eventSource":["{{service}}.amazonaws.com"],"eventName":[{{eventNames}}]{{extra}}}""";
        return $$"""{"source":["aws.{{service}}"],"detail-type":["AWS API Call via CloudTrail"],"detail":{{detail}}}""";
    }

    /// <summary>Parse the event text, flatten it once, match every rule (the EventBridge provider's path).</summary>
    [Benchmark]
    public int MatchSet() => _set.Match(Event).Count;

    /// <summary>The same from an already-parsed event (e.g. a CloudTrail record the recorder holds as JSON).</summary>
    [Benchmark]
    public int MatchSetParsed() => _set.Match(_parsed).Count;

    /// <summary>Without the set's index: every pattern against the parsed event, flattened per pattern.</summary>
    [Benchmark]
    public int EachPatternSeparately()
    {
        var count = 0;
        foreach (var pattern in _patterns)
        {
            count += pattern.Matches(_parsed) ? 1 : 0;
        }
        return count;
    }
}
