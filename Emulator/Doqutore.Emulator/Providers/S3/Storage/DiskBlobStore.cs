// Layout under {DataDirectory}/s3/:
//   blobs/<id[0..2]>/<id>   object and part bodies, written in place, immutable once referenced
//   records.journal         every bucket, object version and multipart upload record (RecordJournal)
//   tmp/                    directories being deleted; swept on start
// Commit order: a body is written in place and flushed before the record naming it is appended to the journal;
// a caller is answered once the journal's fsync covers its record (group commit). Bodies no record references (a
// crash mid-put) are swept on start. A data directory in the earlier layout (buckets/<bucket>/bucket.json and
// records/<digest>.json, one file per record) is taken into the journal on the first start.
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3.Storage;

/// <summary>Blobs and records in files under a directory, crash-safe (see the file header).</summary>
public sealed class DiskBlobStore : IBlobStore, IDisposable
{
    private const int CopyBufferSize = 81920;
    private readonly string _blobs;
    private readonly RecordJournal _journal;
    private readonly string _tmp;
    private readonly bool[] _fanOut = new bool[256];

    public DiskBlobStore(string root)
    {
        _blobs = Path.Combine(root, "blobs");
        _tmp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_tmp);
        var legacy = Path.Combine(root, "buckets");
        _journal = new RecordJournal(Path.Combine(root, "records.journal"), LegacyRecords(legacy));
        if (Directory.Exists(legacy))
        {
            var doomed = Path.Combine(_tmp, "legacy-" + Guid.NewGuid().ToString("N"));
            Directory.Move(legacy, doomed);
            Directory.Delete(doomed, recursive: true);
        }
    }

    public async Task<string> WriteAsync(Stream content, CancellationToken cancellationToken)
    {
        // Written in place: until a record references it a blob is invisible, and Load() sweeps one that a crash
        // left unreferenced, half-written or not; so no temporary file and rename are needed.
        var id = Guid.NewGuid().ToString("N");
        var path = BlobPath(id);
        EnsureFanOutDirectory(id);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            long offset = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                RandomAccess.Write(file, buffer.AsSpan(0, read), offset);
                offset += read;
            }

            RandomAccess.FlushToDisk(file);
            return id;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Stream OpenRead(string blobId) =>
        new FileStream(BlobPath(blobId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Delete(string blobId) => File.Delete(BlobPath(blobId));

    public void SaveBucket(string bucket, JsonObject record) => _journal.Append(RecordJournal.BucketEntry(bucket, record)).GetAwaiter().GetResult();

    public void DeleteBucket(string bucket) => _journal.Append(RecordJournal.DropBucketEntry(bucket)).GetAwaiter().GetResult();

    public void SaveRecord(string bucket, string recordId, JsonObject record) => AppendRecord(bucket, recordId, record).GetAwaiter().GetResult();

    public Task AppendRecord(string bucket, string recordId, JsonObject? record) => _journal.Append(RecordJournal.RecordEntry(bucket, RecordKey(recordId), record));

    public void DeleteRecord(string bucket, string recordId) => AppendRecord(bucket, recordId, null).GetAwaiter().GetResult();

    public IReadOnlyList<StoredBucket> Load(Func<JsonObject, IEnumerable<string>> blobsOf)
    {
        foreach (var leftover in Directory.EnumerateFileSystemEntries(_tmp))
        {
            if (Directory.Exists(leftover))
            {
                Directory.Delete(leftover, recursive: true);
            }
            else
            {
                File.Delete(leftover);
            }
        }

        var buckets = new List<StoredBucket>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, record, records) in _journal.Snapshot())
        {
            foreach (var stored in records)
            {
                referenced.UnionWith(blobsOf(stored));
            }

            buckets.Add(new StoredBucket(name, record, records));
        }

        foreach (var blob in Directory.EnumerateFiles(_blobs, "*", SearchOption.AllDirectories))
        {
            if (!referenced.Contains(Path.GetFileName(blob)))
            {
                File.Delete(blob);
            }
        }

        return buckets;
    }

    public void Dispose() => _journal.Dispose();

    /// <summary>
    /// The records of the layout before the journal (buckets/&lt;bucket&gt;/bucket.json and records/*.json), which
    /// the journal takes over on its first start; the directory is removed once the journal holding them is on disk.
    /// </summary>
    private static IEnumerable<(string Bucket, string? RecordId, JsonObject Record)> LegacyRecords(string buckets)
    {
        if (!Directory.Exists(buckets))
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories(buckets))
        {
            var bucketFile = Path.Combine(directory, "bucket.json");
            if (!File.Exists(bucketFile))
            {
                continue;
            }

            var name = Path.GetFileName(directory);
            yield return (name, null, ReadRecord(bucketFile));
            var recordDirectory = Path.Combine(directory, "records");
            if (Directory.Exists(recordDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(recordDirectory, "*.json"))
                {
                    // The file name is the record's key (RecordKey), so later changes of the record replace it.
                    yield return (name, Path.GetFileNameWithoutExtension(file), ReadRecord(file));
                }
            }
        }
    }

    private static JsonObject ReadRecord(string file) =>
        JsonNode.Parse(File.ReadAllBytes(file)) as JsonObject ?? throw new InvalidDataException($"{file} is no JSON object.");

    /// <summary>Creates blobs/&lt;id[0..2]&gt;/ once per process rather than on every write.</summary>
    private void EnsureFanOutDirectory(string blobId)
    {
        var slot = Convert.ToInt32(blobId[..2], 16);
        if (!_fanOut[slot])
        {
            Directory.CreateDirectory(Path.GetDirectoryName(BlobPath(blobId))!);
            _fanOut[slot] = true;
        }
    }

    private string BlobPath(string blobId)
    {
        if (blobId.Length < 3 || blobId.Any(c => !char.IsAsciiHexDigitLower(c)))
        {
            throw new ArgumentException($"{blobId} is no blob id.", nameof(blobId));
        }

        return Path.Combine(_blobs, blobId[..2], blobId);
    }

    /// <summary>A record's key in the journal: a digest of its identity, as the file names of the earlier layout.</summary>
    private static string RecordKey(string recordId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordId)));
}
