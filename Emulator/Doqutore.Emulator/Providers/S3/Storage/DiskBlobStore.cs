// Layout under {DataDirectory}/s3/:
//   blobs/<id[0..2]>/<id>            object and part bodies, immutable once renamed into place
//   buckets/<bucket>/bucket.json     the bucket's record
//   buckets/<bucket>/records/<id>.json   one object version or multipart upload (id = sha256 of its identity)
//   tmp/                             bodies and records being written; swept on start
// Every write goes to tmp/ first and is renamed into place (File.Move with overwrite is an atomic rename on
// the same file system), with the data flushed to disk before the rename.
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
        var id = Guid.NewGuid().ToString("N");
        var temp = Path.Combine(_tmp, id);
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            var final = BlobPath(id);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temp, final);
            return id;
        }
        catch
        {
            File.Delete(temp);
            throw;
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

    public void SaveRecord(string bucket, string recordId, JsonObject record) =>
        WriteAtomically(RecordPath(bucket, recordId), record);

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

    private void WriteAtomically(string path, JsonObject record)
    {
        var temp = Path.Combine(_tmp, Guid.NewGuid().ToString("N") + ".json");
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(file))
            {
                record.WriteTo(writer);
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
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
