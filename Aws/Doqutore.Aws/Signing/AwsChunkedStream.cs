// Decodes a `Content-Encoding: aws-chunked` body while it streams:
//
//   <hex-size>;chunk-signature=<sig>\r\n<data>\r\n ... 0;chunk-signature=<sig>\r\n[<trailers>]\r\n
//
// Each chunk signature chains from the previous one, the first from the request's seed signature:
//   AWS4-HMAC-SHA256-PAYLOAD\n<timestamp>\n<scope>\n<previous>\n<sha256("")>\n<sha256(chunk data)>
// The -TRAILER variants add trailing headers after the final chunk (x-amz-checksum-crc32:...), and the signed
// one ends them with x-amz-trailer-signature, over
//   AWS4-HMAC-SHA256-TRAILER\n<timestamp>\n<scope>\n<final chunk signature>\n<sha256("name:value\n"...)>
// STREAMING-UNSIGNED-PAYLOAD-TRAILER chunks carry no signature at all.
//
// Memory: one read buffer (64 KiB) plus the current header line; a chunk's data is handed to the reader as it
// arrives and hashed incrementally, so a chunk's signature is checked when its last byte has passed. A bad
// chunk therefore fails the read that follows its data, before the next chunk and before end of stream: a
// consumer that commits only on reaching the end (as S3 PutObject does) never commits unverified data.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>A read-only stream of the decoded data of an aws-chunked body, verifying chunk signatures.</summary>
public sealed class AwsChunkedStream : ReadOnlyForwardStream
{
    private const int BufferSize = 64 * 1024;
    private const int MaxLineLength = 4096;
    private const int MaxTrailerBytes = 16 * 1024;

    private readonly Stream _inner;
    private readonly ChunkSigningContext? _signing;
    private readonly long? _decodedLength;
    private readonly bool _expectTrailers;
    private readonly AuthErrorFamily _family;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly IncrementalHash _chunkHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _trailerLines = [];

    private int _start;
    private int _end;
    private bool _innerEnded;
    private State _state = State.ChunkHeader;
    private long _chunkRemaining;
    private string? _chunkSignature;
    private string? _previousSignature;
    private long _decoded;
    private int _trailerBytes;
    private string? _trailerSignature;
    private SigV4Exception? _error;

    private enum State
    {
        ChunkHeader,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        FinalLine,
        Done,
    }

    /// <param name="inner">The encoded body.</param>
    /// <param name="signing">The seed of the chunk signatures; null for STREAMING-UNSIGNED-PAYLOAD-TRAILER.</param>
    /// <param name="decodedContentLength">The <c>x-amz-decoded-content-length</c> header, when sent.</param>
    /// <param name="expectTrailers">Whether trailing headers follow the final chunk (the -TRAILER variants).</param>
    /// <param name="family">The protocol family whose errors the stream throws.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open.</param>
    public AwsChunkedStream(Stream inner, ChunkSigningContext? signing, long? decodedContentLength, bool expectTrailers, AuthErrorFamily family = AuthErrorFamily.S3, bool leaveOpen = false)
    {
        _inner = inner;
        _signing = signing;
        _decodedLength = decodedContentLength;
        _expectTrailers = expectTrailers;
        _family = family;
        _leaveOpen = leaveOpen;
        _previousSignature = signing?.SeedSignature;
    }

    /// <summary>
    /// The decoding stream for a verified request whose payload hash is one of the STREAMING tokens, or null when
    /// the body is not aws-chunked. Reads from <see cref="WireRequest.BodyStream"/>, else the buffered body.
    /// </summary>
    /// <exception cref="AwsServiceException">A malformed <c>x-amz-decoded-content-length</c>.</exception>
    public static AwsChunkedStream? For(WireRequest request, SigV4Result result, AuthErrorFamily family = AuthErrorFamily.S3)
    {
        var token = result.PayloadHash;
        if (token is not (SigV4Constants.StreamingSignedPayload or SigV4Constants.StreamingSignedPayloadTrailer or SigV4Constants.StreamingUnsignedPayloadTrailer))
        {
            return null;
        }

        long? decodedLength = null;
        if (request.Headers[SigV4Constants.DecodedContentLengthHeader] is { } header)
        {
            if (!long.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw AuthErrors.Create(new SigV4Failure(SigV4FailureKind.DecodedLengthMismatch) { Detail = "Invalid x-amz-decoded-content-length." }, family);
            }

            decodedLength = parsed;
        }

        var body = request.BodyStream ?? new MemoryStream(request.Body.ToArray(), writable: false);
        var signing = token == SigV4Constants.StreamingUnsignedPayloadTrailer ? null : result.ChunkSigning;
        return new AwsChunkedStream(body, signing, decodedLength, token != SigV4Constants.StreamingSignedPayload, family);
    }

    /// <summary>The trailing headers (e.g. <c>x-amz-checksum-crc32</c>), complete once the stream has ended.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    /// <summary>Decoded bytes returned so far.</summary>
    public long DecodedBytes => _decoded;

    public override long Position
    {
        get => _decoded;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var n = Step(buffer);
            if (n >= 0)
            {
                return n;
            }

            Fill(_inner.Read(FreeSpace()));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var n = Step(buffer.Span);
            if (n >= 0)
            {
                return n;
            }

            Fill(await _inner.ReadAsync(FreeMemory(), cancellationToken).ConfigureAwait(false));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunkHash.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private Span<byte> FreeSpace() => FreeMemory().Span;

    private Memory<byte> FreeMemory()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        return _buffer.AsMemory(_end);
    }

    private void Fill(int read)
    {
        if (read == 0)
        {
            _innerEnded = true;
        }

        _end += read;
    }

    private int Buffered => _end - _start;

    /// <summary>Advances the decoder on the buffered bytes: data copied (&gt; 0), end of body (0), or more input needed (-1).</summary>
    private int Step(Span<byte> destination)
    {
        if (_error is not null)
        {
            throw _error;
        }

        while (true)
        {
            switch (_state)
            {
                case State.ChunkHeader:
                    {
                        var line = TakeLine();
                        if (line is null)
                        {
                            return -1;
                        }

                        StartChunk(line);
                        break;
                    }

                case State.ChunkData:
                    {
                        if (destination.IsEmpty)
                        {
                            return 0;
                        }

                        if (Buffered == 0)
                        {
                            if (_innerEnded)
                            {
                                throw Fail(SigV4FailureKind.MalformedChunk, "The request body terminated unexpectedly");
                            }

                            return -1;
                        }

                        var n = (int)Math.Min(Math.Min(_chunkRemaining, Buffered), destination.Length);
                        var data = _buffer.AsSpan(_start, n);
                        data.CopyTo(destination);
                        _chunkHash.AppendData(data);
                        _start += n;
                        _chunkRemaining -= n;
                        _decoded += n;
                        if (_decodedLength is { } expected && _decoded > expected)
                        {
                            throw Fail(SigV4FailureKind.DecodedLengthMismatch, null);
                        }

                        if (_chunkRemaining == 0)
                        {
                            _state = State.ChunkDataEnd;
                        }

                        return n;
                    }

                case State.ChunkDataEnd:
                    {
                        if (Buffered < 2)
                        {
                            if (_innerEnded)
                            {
                                throw Fail(SigV4FailureKind.MalformedChunk, "The request body terminated unexpectedly");
                            }

                            return -1;
                        }

                        if (_buffer[_start] != '\r' || _buffer[_start + 1] != '\n')
                        {
                            throw Fail(SigV4FailureKind.MalformedChunk, "A chunk's data is not followed by CRLF.");
                        }

                        _start += 2;
                        VerifyChunk(Convert.ToHexStringLower(_chunkHash.GetHashAndReset()));
                        _state = State.ChunkHeader;
                        break;
                    }

                case State.Trailers:
                    {
                        var line = TakeLine();
                        if (line is null)
                        {
                            return -1;
                        }

                        if (line.Length == 0)
                        {
                            FinishTrailers();
                            break;
                        }

                        AddTrailer(line);
                        break;
                    }

                case State.FinalLine:
                    {
                        // The final chunk is followed by an empty line; tolerate a body that simply ends.
                        if (Buffered == 0 && _innerEnded)
                        {
                            Finish();
                            break;
                        }

                        var line = TakeLine();
                        if (line is null)
                        {
                            return -1;
                        }

                        if (line.Length != 0)
                        {
                            throw Fail(SigV4FailureKind.MalformedChunk, "Unexpected data after the final chunk.");
                        }

                        Finish();
                        break;
                    }

                default:
                    return 0;
            }
        }
    }

    /// <summary>A CRLF-terminated line from the buffer (without CRLF), or null when more input is needed.</summary>
    private string? TakeLine()
    {
        var span = _buffer.AsSpan(_start, Buffered);
        var cr = span.IndexOf("\r\n"u8);
        if (cr < 0)
        {
            if (Buffered > MaxLineLength)
            {
                throw Fail(SigV4FailureKind.MalformedChunk, "A chunk header line is too long.");
            }

            if (_innerEnded)
            {
                throw Fail(SigV4FailureKind.MalformedChunk, "The request body terminated unexpectedly");
            }

            return null;
        }

        if (cr > MaxLineLength)
        {
            throw Fail(SigV4FailureKind.MalformedChunk, "A chunk header line is too long.");
        }

        var line = Encoding.ASCII.GetString(span[..cr]);
        _start += cr + 2;
        return line;
    }

    private void StartChunk(string header)
    {
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var sizeText = (semicolon < 0 ? header : header[..semicolon]).Trim();
        if (sizeText.Length is 0 or > 15
            || !long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw Fail(SigV4FailureKind.MalformedChunk, $"Invalid chunk size '{sizeText}'.");
        }

        _chunkSignature = null;
        if (semicolon >= 0)
        {
            foreach (var extension in header[(semicolon + 1)..].Split(';'))
            {
                var eq = extension.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && extension[..eq].Trim() == "chunk-signature")
                {
                    _chunkSignature = extension[(eq + 1)..].Trim();
                }
            }
        }

        if (_signing is not null && _chunkSignature is null)
        {
            throw Fail(SigV4FailureKind.MalformedChunk, "A chunk header lacks its chunk-signature.");
        }

        _chunkRemaining = size;
        if (size > 0)
        {
            _state = State.ChunkData;
            return;
        }

        VerifyChunk(SigV4Constants.EmptySha256);
        _state = _expectTrailers ? State.Trailers : State.FinalLine;
    }

    private void VerifyChunk(string dataHash)
    {
        if (_signing is null)
        {
            return;
        }

        var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{_signing.Timestamp}\n{_signing.Scope}\n{_previousSignature}\n{SigV4Constants.EmptySha256}\n{dataHash}";
        var expected = SigV4Crypto.HmacHex(_signing.SigningKey, stringToSign);
        if (!SigV4Crypto.FixedTimeEquals(expected, _chunkSignature))
        {
            throw Fail(SigV4FailureKind.ChunkSignatureMismatch, null, stringToSign, _chunkSignature);
        }

        _previousSignature = expected;
    }

    private void AddTrailer(string line)
    {
        _trailerBytes += line.Length + 2;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || _trailerBytes > MaxTrailerBytes)
        {
            throw Fail(SigV4FailureKind.MalformedChunk, "Malformed trailing header.");
        }

        var name = line[..colon].Trim().ToLowerInvariant();
        var value = line[(colon + 1)..].Trim();
        if (name == "x-amz-trailer-signature")
        {
            _trailerSignature = value;
            return;
        }

        _trailers[name] = value;
        _trailerLines.Add($"{name}:{value}\n");
    }

    private void FinishTrailers()
    {
        if (_signing is not null)
        {
            if (_trailerSignature is null)
            {
                throw Fail(SigV4FailureKind.MalformedChunk, "The trailing headers lack x-amz-trailer-signature.");
            }

            var trailerHash = SigV4Crypto.Sha256Hex(string.Concat(_trailerLines));
            var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{_signing.Timestamp}\n{_signing.Scope}\n{_previousSignature}\n{trailerHash}";
            var expected = SigV4Crypto.HmacHex(_signing.SigningKey, stringToSign);
            if (!SigV4Crypto.FixedTimeEquals(expected, _trailerSignature))
            {
                throw Fail(SigV4FailureKind.ChunkSignatureMismatch, null, stringToSign, _trailerSignature);
            }
        }

        Finish();
    }

    private void Finish()
    {
        if (_decodedLength is { } expected && _decoded != expected)
        {
            throw Fail(SigV4FailureKind.DecodedLengthMismatch, null);
        }

        _state = State.Done;
    }

    private SigV4Exception Fail(SigV4FailureKind kind, string? detail, string? stringToSign = null, string? signatureProvided = null)
    {
        var failure = new SigV4Failure(kind)
        {
            Detail = detail,
            StringToSign = stringToSign,
            SignatureProvided = signatureProvided,
        };
        _error = new SigV4Exception(failure, AuthErrors.Create(failure, _family));
        return _error;
    }
}
