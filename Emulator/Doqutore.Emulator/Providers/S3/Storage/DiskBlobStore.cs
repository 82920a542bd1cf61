// Layout under {DataDirectory}/s3/:
//   blobs/<id[0..2]>/<id>            object and part bodies, written in place, immutable once referenced
//   buckets/<bucket>/bucket.json     the bucket's record
//   buckets/<bucket>/records/<id>.json   one object version or multipart upload (id = sha256 of its identity)
//   tmp/                             bodies and records being written; swept on start
// A record goes to tmp/ first and is renamed into place (File.Move with overwrite is an atomic rename on the
// same file system), flushed to disk before the rename. A body is written in place and flushed before the record
// that references it is written; bodies no record references (a crash mid-put) are swept on start.
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3.Storage;

/// <summary>Blobs and records in files under a directory, crash-safe (see the file header).</summary>
public sealed class DiskBlobStore : IBlobStore
{
    private const int CopyBufferSize = 81920;
    private readonly string _blobs;
    private readonly string _buckets;
    private readonly string _tmp;
    private readonly bool[] _fanOut = new bool[256];

    public DiskBlobStore(string root)
    {
        _blobs = Path.Combine(root, "blobs");
        _buckets = Path.Combine(root, "buckets");
        _tmp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_buckets);
        Directory.CreateDirectory(_tmp);
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

    public void SaveBucket(string bucket, JsonObject record)
    {
        var directory = Path.Combine(_buckets, bucket);
        Directory.CreateDirectory(Path.Combine(directory, "records"));
        WriteAtomically(Path.Combine(directory, "bucket.json"), record);
    }

    public void DeleteBucket(string bucket)
    {
        var directory = Path.Combine(_buckets, bucket);
        if (Directory.Exists(directory))
        {
            // Rename first so a crash mid-delete never leaves a half bucket that looks whole.
            var doomed = Path.Combine(_tmp, "deleted-" + Guid.NewGuid().ToString("N"));
            Directory.Move(directory, doomed);
            Directory.Delete(doomed, recursive: true);
        }
    }

    public void SaveRecord(string bucket, string recordId, JsonObject record)
    {
        using var staged = StageRecord(bucket, recordId, record);
        staged.Publish();
    }

    public StagedRecord StageRecord(string bucket, string recordId, JsonObject record)
    {
        var temp = WriteFlushed(record);
        var path = RecordPath(bucket, recordId);
        return new StagedRecord(() => File.Move(temp, path, overwrite: true), () => File.Delete(temp));
    }

    public void DeleteRecord(string bucket, string recordId) => File.Delete(RecordPath(bucket, recordId));

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
        foreach (var directory in Directory.EnumerateDirectories(_buckets))
        {
            var bucketFile = Path.Combine(directory, "bucket.json");
            if (!File.Exists(bucketFile))
            {
                continue;
            }

            var records = new List<JsonObject>();
            var recordDirectory = Path.Combine(directory, "records");
            if (Directory.Exists(recordDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(recordDirectory, "*.json"))
                {
                    var record = ReadRecord(file);
                    records.Add(record);
                    referenced.UnionWith(blobsOf(record));
                }
            }

            buckets.Add(new StoredBucket(Path.GetFileName(directory), ReadRecord(bucketFile), records));
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

    private static JsonObject ReadRecord(string file) =>
        JsonNode.Parse(File.ReadAllBytes(file)) as JsonObject ?? throw new InvalidDataException($"{file} is no JSON object.");

    private void WriteAtomically(string path, JsonObject record) => File.Move(WriteFlushed(record), path, overwrite: true);

    /// <summary>Writes a record to a new file under tmp/ in one write, flushed to disk; returns its path.</summary>
    private string WriteFlushed(JsonObject record)
    {
        var temp = Path.Combine(_tmp, Guid.NewGuid().ToString("N") + ".json");
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            record.WriteTo(writer);
        }

        using var file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write);
        RandomAccess.Write(file, buffer.WrittenSpan, fileOffset: 0);
        RandomAccess.FlushToDisk(file);
        return temp;
    }

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

    private string RecordPath(string bucket, string recordId) =>
        Path.Combine(_buckets, bucket, "records", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordId))) + ".json");
}
