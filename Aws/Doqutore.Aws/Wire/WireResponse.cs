namespace Doqutore.Aws.Wire;

/// <summary>An HTTP response as the codecs produce (emulator) or read (client) it.</summary>
public sealed class WireResponse
{
    public int StatusCode { get; set; } = 200;

    public WireHeaders Headers { get; } = new();

    /// <summary>The body, buffered.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>A streamed body (an S3 object): written after the headers, then disposed.</summary>
    public Stream? BodyStream { get; set; }
}
