using Doqutore.Aws.Models;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Signing;

/// <summary>Garbage in gives a failure result, never an exception.</summary>
public class SigV4VerifierRobustnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("AWS4-HMAC-SHA256", null)]
    [InlineData("AWS4-HMAC-SHA256 ", "20260115T103000Z")]
    [InlineData("AWS4-HMAC-SHA256 Credential=,SignedHeaders=,Signature=", "20260115T103000Z")]
    [InlineData("AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request, SignedHeaders=host, Signature=x", "20260115T103000Z")]
    [InlineData("AWS4-HMAC-SHA256 Credential=a/20260115/c/d/aws4_request, SignedHeaders=host, Signature=x", "garbage")]
    [InlineData("AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sts/aws4_request, SignedHeaders=;;host;;, Signature=%%", "20260115T103000Z")]
    [InlineData("Bearer abc", null)]
    [InlineData("", null)]
    public void A_malformed_authorization_header_fails_without_throwing(string authorization, string? date)
    {
        var request = new WireRequest { RawPath = "/%zz/../%", RawQuery = "a=%&=b&&c=%E1" };
        request.Headers["Authorization"] = authorization;
        if (date is not null)
        {
            request.Headers["X-Amz-Date"] = date;
        }

        var result = Verifier().Verify(request, Now);

        Assert.Equal(SigV4Status.Failed, result.Status);
        Assert.NotNull(result.ToException(Protocol.Query));
    }

    [Theory]
    [InlineData("20260231T103000Z")]
    [InlineData("20260115T253000Z")]
    [InlineData("2026011510300Z")]
    [InlineData("20260115T10300aZ")]
    [InlineData("20260115 103000Z")]
    public void A_date_that_is_not_a_valid_basic_timestamp_is_missing(string date)
    {
        var request = new WireRequest();
        request.Headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
        request.Headers["X-Amz-Date"] = date;

        Assert.Equal(SigV4FailureKind.MissingDate, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256")]
    [InlineData("X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=a")]
    [InlineData("X-Amz-Credential=test%2F20260115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260115T103000Z&X-Amz-Expires=-5&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=2026&X-Amz-Expires=5&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260115T103000Z&X-Amz-Expires=99999999999999999999999&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260115T103000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00")]
    public void A_malformed_presigned_query_fails_without_throwing(string query)
    {
        var request = new WireRequest { Method = "GET", RawPath = "/bucket/key", RawQuery = query };

        var result = Verifier().Verify(request, Now);

        Assert.Equal(SigV4Status.Failed, result.Status);
        Assert.NotNull(result.ToException(Protocol.RestXml));
    }

    private static SigV4Verifier Verifier() => new(new InMemorySigningKeyStore().Add("test", new SigningKey("test")));
}
