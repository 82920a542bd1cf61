using BenchmarkDotNet.Attributes;
using Doqutore.Benchmarks.Codecs;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Benchmarks.Authorization;

/// <summary>
/// Authorization cost per request (issue 3 goal: under 5 µs) for an IAM user with 10 identity policies
/// (nine for other services or resources, 2–4 statements each, some with conditions; the tenth allows with
/// a variable in its resource and two conditions) and a permissions boundary. Documents are compiled once in
/// setup, as the policy cache keeps them; <see cref="BuildAndEvaluate"/> also builds the request and its
/// context keys, as the gateway will per request.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class AuthorizationBenchmarks
{
    private const string Account = "111122223333";

    private static readonly string[] OtherServices = ["ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "cloudtrail", "events", "kms"];

    private RequestPrincipal _alice = null!;
    private PolicyDocument[] _policies = null!;
    private PolicyDocument _boundary = null!;
    private AuthorizationRequest _allowed = null!;
    private AuthorizationRequest _implicitDeny = null!;
    private AuthorizationRequest _explicitDeny = null!;

    [GlobalSetup]
    public void Setup()
    {
        _alice = new RequestPrincipal(PrincipalKind.User, $"arn:aws:iam::{Account}:user/alice", Account, "AIDAALICEEXAMPLE00001")
        {
            UserName = "alice",
            Tags = new Dictionary<string, string> { ["team"] = "blue" },
        };

        var policies = OtherServices.Select((service, i) => PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"ReadINDEX","Effect":"Allow","Action":["SERVICE:Describe*","SERVICE:Get*","SERVICE:List*"],"Resource":"*"},
              {"Sid":"WriteINDEX","Effect":"Allow","Action":["SERVICE:Put*","SERVICE:Create*"],"Resource":"arn:aws:SERVICE:us-east-1:ACCOUNT:team-${aws:PrincipalTag/team}-*",
               "Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}},
              {"Sid":"NoDeleteINDEX","Effect":"Deny","Action":"SERVICE:Delete*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}
            """.Replace("SERVICE", service, StringComparison.Ordinal).Replace("INDEX", $"{i}", StringComparison.Ordinal).Replace("ACCOUNT", Account, StringComparison.Ordinal))).ToList();
        policies.Add(PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Home","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::home/${aws:username}/*",
               "Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]},"Bool":{"aws:SecureTransport":"true"}}},
              {"Sid":"Revoke","Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-30T12:00:00Z"}}},
              {"Sid":"Secrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::home/*/secrets/*"}]}
            """));
        _policies = [.. policies];
        _boundary = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}}""");

        _allowed = Request("s3:GetObject", "arn:aws:s3:::home/alice/notes.txt");
        _implicitDeny = Request("s3:GetObject", "arn:aws:s3:::home/bob/notes.txt");
        _explicitDeny = Request("s3:GetObject", "arn:aws:s3:::home/alice/secrets/key.pem");
        Expect(_allowed, Decision.Allow);
        Expect(_implicitDeny, Decision.ImplicitDeny);
        Expect(_explicitDeny, Decision.ExplicitDeny);
    }

    [Benchmark(Baseline = true)]
    public AuthorizationResult Allowed() => PolicyEvaluator.Evaluate(_allowed);

    [Benchmark]
    public AuthorizationResult ImplicitDeny() => PolicyEvaluator.Evaluate(_implicitDeny);

    [Benchmark]
    public AuthorizationResult ExplicitDeny() => PolicyEvaluator.Evaluate(_explicitDeny);

    [Benchmark]
    public AuthorizationResult BuildAndEvaluate() => PolicyEvaluator.Evaluate(Request("s3:GetObject", "arn:aws:s3:::home/alice/notes.txt"));

    private AuthorizationRequest Request(string action, string resource) => new(_alice, action, resource)
    {
        Context = new RequestContextKeys()
            .Set("aws:SourceIp", "203.0.113.7")
            .Set("aws:SecureTransport", "true")
            .Set("aws:RequestedRegion", "us-east-1")
            .Set("aws:CurrentTime", "2026-11-30T12:30:00Z"),
        IdentityPolicies = _policies,
        PermissionsBoundary = _boundary,
    };

    private static void Expect(AuthorizationRequest request, Decision decision)
    {
        var result = PolicyEvaluator.Evaluate(request);
        if (result.Decision != decision)
        {
            throw new InvalidOperationException($"{request.Resources[0]}: expected {decision}, got {result.Decision}.");
        }
    }
}
