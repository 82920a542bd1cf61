// The S3 provider's storage seam: object bodies (blobs) and the small JSON records describing buckets and
// object versions. The provider keeps the index of buckets and keys in memory and writes through here; on
// start it reloads the records. Two implementations: MemoryBlobStore (tests, throwaway runs) and
// DiskBlobStore ({DataDirectory}/s3/, durable: a body is streamed to its own new file and flushed before any
// record names it; records go to one group-committed journal, so a crash leaves a prefix of the changes in the
// order they were made, and never half of one).
//
// Commit order (provider): body first, then the record that references it, then the replaced body is
// deleted once that record is durable. A crash between the steps leaves at worst an unreferenced body, which
// Load() sweeps away. A put appends its record under the bucket's lock (so the journal's order is the index's
// order) but waits for the fsync after releasing it, so that concurrent puts share one fsync.
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
    /// Appends the new state of a record (null: removed) and returns at once; changes are replayed in the order of
    /// these calls, and the task completes when this change and every earlier one are durable. Until then the
    /// change must not be acknowledged, nor the body it replaces deleted.
    /// </summary>
    Task AppendRecord(string bucket, string recordId, JsonObject? record);

    /// <summary>Removes the record of one object version or upload.</summary>
    void DeleteRecord(string bucket, string recordId);

    /// <summary>Every bucket record with its object records, as saved; unreferenced blobs are swept.</summary>
    IReadOnlyList<StoredBucket> Load(Func<JsonObject, IEnumerable<string>> blobsOf);
}

/// <summary>A bucket record and its object records, as <see cref="IBlobStore.Load"/> returns them.</summary>
public sealed record StoredBucket(string Name, JsonObject Record, IReadOnlyList<JsonObject> Records);
