using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.S3.Storage;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Every bucket, in one namespace shared by all accounts and regions as in AWS; the index lives in memory and
/// is written through to the <see cref="IBlobStore"/>, from which it is reloaded on start.
/// </summary>
internal sealed class S3Store : IResettable
{
    private readonly ConcurrentDictionary<string, S3Bucket> _buckets = new(StringComparer.Ordinal);

    public S3Store(IBlobStore blobs)
    {
        Blobs = blobs;
        foreach (var stored in blobs.Load(BlobsOf))
        {
            var bucket = new S3Bucket(S3BucketSettings.FromRecord(stored.Record));
            foreach (var record in stored.Records)
            {
                if (record.ContainsKey(nameof(MultipartUpload.UploadId)))
                {
                    var upload = MultipartUpload.FromRecord(record);
                    bucket.Uploads[upload.UploadId] = upload;
                    continue;
                }

                var version = S3ObjectVersion.FromRecord(record);
                if (!bucket.Keys.TryGetValue(version.Key, out var versions))
                {
                    bucket.Keys[version.Key] = versions = [];
                }

                versions.Add(version);
            }

            foreach (var versions in bucket.Keys.Values)
            {
                // Newest first; the ordinal of the version id breaks ties of the same instant.
                versions.Sort((a, b) => b.LastModified != a.LastModified
                    ? b.LastModified.CompareTo(a.LastModified)
                    : string.CompareOrdinal(b.VersionId, a.VersionId));
            }

            _buckets[bucket.Name] = bucket;
        }
    }

    public IBlobStore Blobs { get; }

    public S3Bucket? Find(string name) => _buckets.TryGetValue(name, out var bucket) ? bucket : null;

    public IEnumerable<S3Bucket> All => _buckets.Values;

    /// <summary>Adds a bucket unless the name is taken; returns the bucket holding the name.</summary>
    public S3Bucket AddOrGet(S3Bucket bucket)
    {
        var existing = _buckets.GetOrAdd(bucket.Name, bucket);
        if (ReferenceEquals(existing, bucket))
        {
            Blobs.SaveBucket(bucket.Name, bucket.Settings.ToRecord());
        }

        return existing;
    }

    public bool Remove(S3Bucket bucket)
    {
        if (!_buckets.TryRemove(new KeyValuePair<string, S3Bucket>(bucket.Name, bucket)))
        {
            return false;
        }

        Blobs.DeleteBucket(bucket.Name);
        return true;
    }

    public void Reset()
    {
        foreach (var bucket in _buckets.Values.ToList())
        {
            lock (bucket.Gate)
            {
                foreach (var blob in bucket.Keys.Values.SelectMany(v => v).Select(v => v.BlobId)
                    .Concat(bucket.Uploads.Values.SelectMany(u => u.Parts.Values).Select(p => p.BlobId)))
                {
                    if (blob is not null)
                    {
                        Blobs.Delete(blob);
                    }
                }
            }

            Remove(bucket);
        }
    }

    private static IEnumerable<string> BlobsOf(JsonObject record)
    {
        if (record["BlobId"]?.GetValue<string>() is { } blob)
        {
            yield return blob;
        }

        if (record["Parts"] is JsonObject parts)
        {
            foreach (var (_, part) in parts)
            {
                if (part?["BlobId"]?.GetValue<string>() is { } partBlob)
                {
                    yield return partBlob;
                }
            }
        }
    }
}
