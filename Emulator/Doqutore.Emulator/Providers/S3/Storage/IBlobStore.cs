// The S3 provider's storage seam: object bodies (blobs) and the small JSON records describing buckets and
// object versions. The provider keeps the index of buckets and keys in memory and writes through here; on
// start it reloads the records. Two implementations: MemoryBlobStore (tests, throwaway runs) and
// DiskBlobStore ({DataDirectory}/s3/, durable: a body is streamed to its own new file and flushed before any
// record names it, a record is written to a temporary file and renamed over the old one, so a crash leaves
// either the old or the new state and never half of either).
//
// Commit order (provider): body first, then the record that references it, then the replaced body is
// deleted. A crash between the steps leaves at worst an unreferenced body, which Load() sweeps away.
// The slow half of saving a record (writing and flushing it to disk) can be done ahead as a StagedRecord,
// outside the bucket's lock, so that concurrent puts flush in parallel instead of queueing on the lock;
// only the publishing rename, which orders writes of the same record, runs under it.
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3.Storage;

/// <summary>Stores S3 object bodies and the records of buckets and object versions (see the file header).</summary>
public interface IBlobStore
{
    /// <summary>
    /// Copies <paramref name="content"/> to a new blob and returns its id once the whole stream was read; a
    /// stream that fails part-way leaves nothing behind.
    /// </summary>
    Task<string> WriteAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>A seekable read-only stream of the blob's bytes; the caller disposes it.</summary>
    Stream OpenRead(string blobId);

    /// <summary>Removes a blob (no error when it is already gone).</summary>
    void Delete(string blobId);

    /// <summary>Writes (replaces) a bucket's record.</summary>
    void SaveBucket(string bucket, JsonObject record);

    /// <summary>Removes a bucket's record and everything stored under it.</summary>
    void DeleteBucket(string bucket);

    /// <summary>Writes (replaces) the record of one object version, or of one in-progress multipart upload.</summary>
    void SaveRecord(string bucket, string recordId, JsonObject record);

    /// <summary>
    /// Writes a record durably without making it the saved one yet: <see cref="StagedRecord.Publish"/> then replaces
    /// the saved record atomically and cheaply; disposing a staged record that was not published discards it.
    /// </summary>
    StagedRecord StageRecord(string bucket, string recordId, JsonObject record);

    /// <summary>Removes the record of one object version or upload.</summary>
    void DeleteRecord(string bucket, string recordId);

    /// <summary>Every bucket record with its object records, as saved; unreferenced blobs are swept.</summary>
    IReadOnlyList<StoredBucket> Load(Func<JsonObject, IEnumerable<string>> blobsOf);
}

/// <summary>A bucket record and its object records, as <see cref="IBlobStore.Load"/> returns them.</summary>
public sealed record StoredBucket(string Name, JsonObject Record, IReadOnlyList<JsonObject> Records);

/// <summary>A record on disk but not yet saved (see <see cref="IBlobStore.StageRecord"/>).</summary>
public sealed class StagedRecord(Action publish, Action discard) : IDisposable
{
    private bool _done;

    /// <summary>Makes the staged record the saved one.</summary>
    public void Publish()
    {
        publish();
        _done = true;
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            discard();
        }
    }
}
