using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3.Storage;

/// <summary>Blobs and records in memory: for tests and runs without a data directory. Nothing survives a restart.</summary>
public sealed class MemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public async Task<string> WriteAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString("N");
        _blobs[id] = buffer.ToArray();
        return id;
    }

    public Stream OpenRead(string blobId) =>
        _blobs.TryGetValue(blobId, out var bytes)
            ? new MemoryStream(bytes, writable: false)
            : throw new FileNotFoundException($"Blob {blobId} is missing.");

    public void Delete(string blobId) => _blobs.TryRemove(blobId, out _);

    // Records live only in the provider's index in memory mode.
    public void SaveBucket(string bucket, JsonObject record)
    {
    }

    public void DeleteBucket(string bucket)
    {
    }

    public void SaveRecord(string bucket, string recordId, JsonObject record)
    {
    }

    public Task AppendRecord(string bucket, string recordId, JsonObject? record) => Task.CompletedTask;

    public void DeleteRecord(string bucket, string recordId)
    {
    }

    public IReadOnlyList<StoredBucket> Load(Func<JsonObject, IEnumerable<string>> blobsOf) => [];

    /// <summary>Drops every blob (emulator reset).</summary>
    public void Clear() => _blobs.Clear();
}
