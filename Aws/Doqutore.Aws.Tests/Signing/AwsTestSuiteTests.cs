using System.Text;
using System.Text.Json;
using Doqutore.Aws.Models;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Signing;

/// <summary>The AWS SigV4 test suite: every signed request verifies at the suite's date; any signed byte changed fails.</summary>
public class AwsTestSuiteTests
{
    // The suite's signed_request of this case carries get-vanilla's signature (the upstream .sreq file is
    // inconsistent); its `authorization` field holds the right one, which is what the cases below use.
    private const string CaseWithDefectiveSignedRequest = "get-vanilla-with-session-token";

    public static TheoryData<string> Cases => SigV4TestSuite.CaseNames();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_suite_request_verifies_at_the_suite_date(string name)
    {
        Skip.IfNot(SigV4TestSuite.Available, SigV4TestSuite.SkipReason);

        var result = Verifier(name).Verify(SignedRequest(name), SigV4TestSuite.Date);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal(SigV4TestSuite.AccessKeyId, result.AccessKeyId);
        Assert.Equal("us-east-1", result.Region);
        Assert.Equal("service", result.Service);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void The_verifier_computes_the_suite_canonical_request_and_string_to_sign(string name)
    {
        Skip.IfNot(SigV4TestSuite.Available, SigV4TestSuite.SkipReason);
        var request = SignedRequest(name);
        request.Headers["Authorization"] = request.Headers["Authorization"]![..^64] + new string('0', 64);

        var failure = Verifier(name).Verify(request, SigV4TestSuite.Date).Failure;

        Assert.Equal(SigV4FailureKind.SignatureMismatch, failure?.Kind);
        Assert.Equal(SigV4TestSuite.Case(name).GetProperty("canonical_request").GetString(), failure!.CanonicalRequest);
        Assert.Equal(SigV4TestSuite.Case(name).GetProperty("string_to_sign").GetString(), failure.StringToSign);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Changing_any_signed_part_is_rejected(string name)
    {
        Skip.IfNot(SigV4TestSuite.Available, SigV4TestSuite.SkipReason);
        var verifier = Verifier(name);
        var original = SignedRequest(name);
        var signedHeaders = verifier.Verify(original, SigV4TestSuite.Date).SignedHeaders;
        Assert.NotEmpty(signedHeaders);

        var tamperings = new List<(string What, Action<WireRequest> Change)>
        {
            ("method", r => r.Method = r.Method == "GET" ? "PUT" : "GET"),
            ("path", r => r.RawPath += "x"),
            ("query", r => r.RawQuery += r.RawQuery.Length == 0 ? "x=y" : "x"),
            ("body", r => r.Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(r.Body.Span) + "x")),
        };
        foreach (var header in signedHeaders)
        {
            tamperings.Add(($"header {header}", r =>
            {
                var value = CanonicalFirstValue(r, header);
                r.Headers.Remove(header);
                r.Headers.Add(header, value + "x");
                if (header == "host")
                {
                    r.Host = value + "x";
                }
            }));
        }

        foreach (var (what, change) in tamperings)
        {
            var request = SignedRequest(name);
            change(request);
            var result = verifier.Verify(request, SigV4TestSuite.Date);
            Assert.False(result.IsAuthenticated, $"{name}: changing the {what} was accepted");
        }
    }

    [SkippableFact]
    public void The_suite_signed_request_with_a_stale_signature_is_rejected()
    {
        Skip.IfNot(SigV4TestSuite.Available, SigV4TestSuite.SkipReason);
        var request = SigV4TestSuite.ParseRequest(SigV4TestSuite.Case(CaseWithDefectiveSignedRequest).GetProperty("signed_request").GetString()!);

        var result = Verifier(CaseWithDefectiveSignedRequest).Verify(request, SigV4TestSuite.Date);

        Assert.Equal(SigV4FailureKind.SignatureMismatch, result.Failure?.Kind);
    }

    [SkippableFact]
    public void An_s3_style_verifier_keeps_the_suite_dot_segments_and_rejects_a_normalized_signature()
    {
        Skip.IfNot(SigV4TestSuite.Available, SigV4TestSuite.SkipReason);
        var verifier = new SigV4Verifier(Keys(null), conventions: _ => SigV4Conventions.S3 with { RequiresContentSha256Header = false });

        var result = verifier.Verify(SignedRequest("normalize-path/get-relative-relative"), SigV4TestSuite.Date);

        Assert.Equal(SigV4FailureKind.SignatureMismatch, result.Failure?.Kind);
        Assert.StartsWith("GET\n/example1/example2/../..\n", result.Failure!.CanonicalRequest, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_session_token_the_key_does_not_have_is_rejected()
    {
        Skip.IfNot(SigV4TestSuite.Available, SigV4TestSuite.SkipReason);
        const string name = "post-sts-token/post-sts-header-before";
        var verifier = new SigV4Verifier(Keys(null));

        var result = verifier.Verify(SignedRequest(name), SigV4TestSuite.Date);

        Assert.Equal(SigV4FailureKind.SessionTokenInvalid, result.Failure?.Kind);
    }

    private static SigV4Verifier Verifier(string name)
    {
        var token = SigV4TestSuite.Case(name).GetProperty("session_token");
        return new SigV4Verifier(Keys(token.ValueKind == JsonValueKind.String ? token.GetString() : null));
    }

    private static InMemorySigningKeyStore Keys(string? sessionToken) =>
        new InMemorySigningKeyStore().Add(SigV4TestSuite.AccessKeyId, new SigningKey(SigV4TestSuite.SecretAccessKey, sessionToken, Principal: "suite"));

    /// <summary>The suite's signed request, with the Authorization header the suite's `authorization` field gives.</summary>
    private static WireRequest SignedRequest(string name)
    {
        var testCase = SigV4TestSuite.Case(name);
        var request = SigV4TestSuite.ParseRequest(testCase.GetProperty("signed_request").GetString()!);
        request.Headers["Authorization"] = testCase.GetProperty("authorization").GetString();
        return request;
    }

    private static string CanonicalFirstValue(WireRequest request, string header) =>
        header == "host" ? request.Host : request.Headers.GetValues(header).First();
}
