using System.Text;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Signing;

public class AwsChunkedStreamTests
{
    // The example of the S3 documentation ("Signature Calculations for the Authorization Header: Transferring
    // Payload in Multiple Chunks").
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Timestamp = "20130524T000000Z";
    private const string Scope = "20130524/us-east-1/s3/aws4_request";
    private const string SeedSignature = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static readonly string[] DocumentedChunkSignatures =
    [
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
    ];

    private static readonly DateTimeOffset ExampleTime = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    private static ChunkSigningContext Context => new(ChunkedBodies.SigningKey(Secret, "20130524", "us-east-1", "s3"), Timestamp, Scope, SeedSignature);

    private static readonly byte[][] ExampleChunks = [Enumerable.Repeat((byte)'a', 65536).ToArray(), Enumerable.Repeat((byte)'a', 1024).ToArray()];

    [Fact]
    public void The_documented_chunk_signatures_chain_from_the_seed()
    {
        var (_, signatures) = ChunkedBodies.Signed(Context, ExampleChunks);

        Assert.Equal(DocumentedChunkSignatures, signatures);
    }

    [Fact]
    public void The_documented_request_verifies_with_the_documented_seed_signature()
    {
        var result = Verifier().Verify(ExampleRequest(), ExampleTime);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal(SeedSignature, result.Signature);
        Assert.Equal(SigV4Constants.StreamingSignedPayload, result.PayloadHash);
        Assert.NotNull(result.ChunkSigning);
    }

    [Fact]
    public void The_documented_body_decodes_to_66560_bytes_of_a()
    {
        var request = ExampleRequest();
        var result = Verifier().Verify(request, ExampleTime);

        using var stream = AwsChunkedStream.For(request, result)!;
        var decoded = ReadAll(stream);

        Assert.Equal(66560, decoded.Length);
        Assert.All(decoded, b => Assert.Equal((byte)'a', b));
    }

    [Fact]
    public void A_body_delivered_a_few_bytes_at_a_time_decodes_the_same()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        using var stream = new AwsChunkedStream(new TrickleStream(body, 7), Context, 66560, expectTrailers: false);

        Assert.Equal(66560, ReadAll(stream, bufferSize: 3).Length);
    }

    [Fact]
    public async Task A_body_read_asynchronously_decodes_the_same()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        await using var stream = new AwsChunkedStream(new MemoryStream(body), Context, 66560, expectTrailers: false);
        using var target = new MemoryStream();

        await stream.CopyToAsync(target);

        Assert.Equal(66560, target.Length);
    }

    [Fact]
    public void A_tampered_chunk_fails_with_SignatureDoesNotMatch()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        body[200] = (byte)'b';
        using var stream = new AwsChunkedStream(new MemoryStream(body), Context, 66560, expectTrailers: false);

        var error = Assert.Throws<SigV4Exception>(() => ReadAll(stream));

        Assert.Equal(SigV4FailureKind.ChunkSignatureMismatch, error.Failure.Kind);
        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public void A_tampered_chunk_signature_fails_before_the_next_chunk_is_returned()
    {
        var (body, signatures) = ChunkedBodies.Signed(Context, ExampleChunks);
        var text = Encoding.ASCII.GetString(body).Replace(signatures[0], new string('0', 64), StringComparison.Ordinal);
        using var stream = new AwsChunkedStream(new MemoryStream(Encoding.ASCII.GetBytes(text)), Context, 66560, expectTrailers: false);
        var buffer = new byte[100_000];
        var total = 0;

        var error = Assert.Throws<SigV4Exception>(() =>
        {
            int n;
            while ((n = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += n;
            }
        });

        Assert.Equal(SigV4FailureKind.ChunkSignatureMismatch, error.Failure.Kind);
        Assert.True(total <= 65536, $"{total} bytes were returned past the bad chunk");
    }

    [Fact]
    public void A_failed_stream_keeps_failing_instead_of_reporting_the_end()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        body[200] = (byte)'b';
        using var stream = new AwsChunkedStream(new MemoryStream(body), Context, 66560, expectTrailers: false);
        Assert.Throws<SigV4Exception>(() => ReadAll(stream));

        Assert.Throws<SigV4Exception>(() => stream.ReadByte());
    }

    [Theory]
    [InlineData("zz;chunk-signature=00\r\n")]
    [InlineData("10000\r\n")]
    [InlineData("10000;chunk-signature=")]
    public void A_malformed_chunk_header_fails_with_IncompleteBody(string body)
    {
        using var stream = new AwsChunkedStream(new MemoryStream(Encoding.ASCII.GetBytes(body)), Context, null, expectTrailers: false);

        var error = Assert.Throws<SigV4Exception>(() => ReadAll(stream));

        Assert.Equal(SigV4FailureKind.MalformedChunk, error.Failure.Kind);
        Assert.Equal("IncompleteBody", error.Code);
    }

    [Fact]
    public void A_truncated_body_fails()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        using var stream = new AwsChunkedStream(new MemoryStream(body[..1000]), Context, 66560, expectTrailers: false);

        var error = Assert.Throws<SigV4Exception>(() => ReadAll(stream));

        Assert.Equal(SigV4FailureKind.MalformedChunk, error.Failure.Kind);
    }

    [Theory]
    [InlineData(66559)]
    [InlineData(66561)]
    public void A_decoded_length_other_than_declared_fails(long declared)
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        using var stream = new AwsChunkedStream(new MemoryStream(body), Context, declared, expectTrailers: false);

        var error = Assert.Throws<SigV4Exception>(() => ReadAll(stream));

        Assert.Equal(SigV4FailureKind.DecodedLengthMismatch, error.Failure.Kind);
        Assert.Equal("IncompleteBody", error.Code);
        Assert.Equal("You did not provide the number of bytes specified by the Content-Length HTTP header", error.Message);
    }

    [Fact]
    public void Signed_trailers_are_verified_and_exposed()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks, [("x-amz-checksum-crc32", "sOO8/Q==")]);
        using var stream = new AwsChunkedStream(new MemoryStream(body), Context, 66560, expectTrailers: true);

        Assert.Equal(66560, ReadAll(stream).Length);
        Assert.Equal("sOO8/Q==", stream.Trailers["x-amz-checksum-crc32"]);
    }

    [Fact]
    public void A_tampered_trailer_fails()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks, [("x-amz-checksum-crc32", "sOO8/Q==")]);
        var text = Encoding.ASCII.GetString(body).Replace("sOO8/Q==", "AAAAAA==", StringComparison.Ordinal);
        using var stream = new AwsChunkedStream(new MemoryStream(Encoding.ASCII.GetBytes(text)), Context, 66560, expectTrailers: true);

        var error = Assert.Throws<SigV4Exception>(() => ReadAll(stream));

        Assert.Equal(SigV4FailureKind.ChunkSignatureMismatch, error.Failure.Kind);
    }

    [Fact]
    public void An_unsigned_body_with_trailers_decodes_without_signatures()
    {
        var body = ChunkedBodies.Unsigned(ExampleChunks, [("x-amz-checksum-crc32", "sOO8/Q==")]);
        using var stream = new AwsChunkedStream(new MemoryStream(body), null, 66560, expectTrailers: true);

        Assert.Equal(66560, ReadAll(stream).Length);
        Assert.Equal("sOO8/Q==", stream.Trailers["x-amz-checksum-crc32"]);
    }

    [Fact]
    public void A_request_without_a_streaming_payload_has_no_chunked_stream()
    {
        var result = new SigV4Result { Status = SigV4Status.Authenticated, PayloadHash = SigV4Constants.UnsignedPayload };

        Assert.Null(AwsChunkedStream.For(new WireRequest(), result));
    }

    private static SigV4Verifier Verifier() =>
        new(new InMemorySigningKeyStore().Add(AccessKey, new SigningKey(Secret)));

    private static WireRequest ExampleRequest()
    {
        var (body, _) = ChunkedBodies.Signed(Context, ExampleChunks);
        var request = new WireRequest { Method = "PUT", Host = "s3.amazonaws.com", RawPath = "/examplebucket/chunkObject.txt", Body = body };
        request.Headers.Add("Host", "s3.amazonaws.com");
        request.Headers.Add("x-amz-date", Timestamp);
        request.Headers.Add("x-amz-storage-class", "REDUCED_REDUNDANCY");
        request.Headers.Add("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope},SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature={SeedSignature}");
        request.Headers.Add("x-amz-content-sha256", SigV4Constants.StreamingSignedPayload);
        request.Headers.Add("Content-Encoding", "aws-chunked");
        request.Headers.Add("x-amz-decoded-content-length", "66560");
        request.Headers.Add("Content-Length", "66824");
        Assert.Equal(66824, body.Length);
        return request;
    }

    private static byte[] ReadAll(Stream stream, int bufferSize = 8192)
    {
        using var target = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            target.Write(buffer, 0, n);
        }

        return target.ToArray();
    }
}
