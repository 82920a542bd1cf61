// The S3 store's record journal: one append-only file holding every change to bucket records and object/upload
// records, in the order the provider made them. Entry framing: [length u32 LE][CRC-32C of payload, 4 bytes]
// [payload: one JSON object]. A crash can tear only the last entry (its length or checksum then fails), and replay
// stops there; that entry was never acknowledged, since a caller is answered only after the fsync covering its
// entry.
//
// Group commit: Append() only queues the entry (the order of Append calls is the order of replay) and returns a task;
// one flusher thread writes everything queued in one write and one fsync, then completes the tasks of the whole
// batch. Puts arriving while a flush runs form the next batch, so concurrent puts share an fsync.
//
// Compaction: the journal keeps the latest payload of every live key in memory and, when the file grows past
// a threshold (8 MiB) and twice the live bytes (and at start), rewrites it to a temporary file, flushed, that is
// renamed over the journal. Entries queued during the rewrite may also be in the snapshot; that is harmless because
// every entry sets or removes whole keys, so replaying them again on top of the snapshot changes nothing.
using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace Doqutore.Emulator.Providers.S3.Storage;

/// <summary>The group-committed journal of bucket and object records (see the file header).</summary>
internal sealed class RecordJournal : IDisposable
{
    private const int HeaderSize = 8;
    private const string BucketOp = "bucket";
    private const string DropOp = "drop";
    private const string RecordOp = "record";
    private const long DefaultCompactionThreshold = 8 * 1024 * 1024;
    private readonly string _path;
    private readonly string _compactPath;
    private readonly object _gate = new();
    private readonly Dictionary<string, LiveBucket> _live = new(StringComparer.Ordinal);
    private readonly Thread _flusher;
    private readonly long _compactionThreshold;
    private List<byte[]> _queued = [];
    private TaskCompletionSource _batch = NewBatch();
    private SafeFileHandle? _file;
    private long _length;
    private long _liveBytes;
    private Exception? _failure;
    private bool _disposed;

    /// <summary>Replays the journal at <paramref name="path"/> (and <paramref name="legacy"/> records first), then compacts it.</summary>
    public RecordJournal(string path, IEnumerable<(string Bucket, string? RecordId, JsonObject Record)> legacy, long compactionThreshold = DefaultCompactionThreshold)
    {
        _path = path;
        _compactionThreshold = compactionThreshold;
        _compactPath = path + ".compact";
        File.Delete(_compactPath);
        var any = false;
        foreach (var (bucket, recordId, record) in legacy)
        {
            Apply(recordId is null ? BucketEntry(bucket, record) : RecordEntry(bucket, recordId, record));
            any = true;
        }

        if (File.Exists(path))
        {
            foreach (var payload in Replay(File.ReadAllBytes(path)))
            {
                Apply(Parse(payload));
            }

            any = true;
        }

        if (any)
        {
            Compact();
        }

        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "s3-record-journal" };
        _flusher.Start();
    }

    /// <summary>Bucket records by name, each with its object and upload records, as replayed.</summary>
    public IEnumerable<(string Bucket, JsonObject Record, IReadOnlyList<JsonObject> Records)> Snapshot()
    {
        lock (_gate)
        {
            return _live.Where(b => b.Value.Bucket is not null)
                .Select(b => (b.Key, RecordOf(b.Value.Bucket!), (IReadOnlyList<JsonObject>)b.Value.Records.Values.Select(RecordOf).ToList()))
                .ToList();
        }
    }

    /// <summary>Queues an entry; the task completes once it (and every entry queued before it) is on disk.</summary>
    public Task Append(JournalEntry entry)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_failure is not null)
            {
                return Task.FromException(new IOException("The S3 record journal failed earlier; restart to recover.", _failure));
            }

            Apply(entry);
            _queued.Add(entry.Payload);
            Monitor.Pulse(_gate);
            return _batch.Task;
        }
    }

    /// <summary>Sets a bucket's record.</summary>
    public static JournalEntry BucketEntry(string bucket, JsonObject record) => Entry(BucketOp, bucket, null, record);

    /// <summary>Removes a bucket's record with all its object and upload records.</summary>
    public static JournalEntry DropBucketEntry(string bucket) => Entry(DropOp, bucket, null, null);

    /// <summary>Sets an object or upload record, or removes it when <paramref name="record"/> is null.</summary>
    public static JournalEntry RecordEntry(string bucket, string recordId, JsonObject? record) => Entry(RecordOp, bucket, recordId, record);

    /// <summary>The payloads of the whole entries in <paramref name="journal"/>, up to the first torn or corrupt one.</summary>
    public static IEnumerable<byte[]> Replay(byte[] journal)
    {
        var offset = 0;
        while (journal.Length - offset >= HeaderSize)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(journal.AsSpan(offset));
            if (length > journal.Length - offset - HeaderSize)
            {
                yield break;
            }

            var payload = journal[(offset + HeaderSize)..(offset + HeaderSize + (int)length)];
            if (!journal.AsSpan(offset + 4, 4).SequenceEqual(Checksum(payload)))
            {
                yield break;
            }

            yield return payload;
            offset += HeaderSize + (int)length;
        }
    }

    /// <summary>The journal file's length as written so far (tests).</summary>
    internal long Length => Volatile.Read(ref _length);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.Pulse(_gate);
        }

        _flusher.Join();
        _file?.Dispose();
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static JournalEntry Entry(string op, string bucket, string? recordId, JsonObject? record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", op);
            writer.WriteString("bucket", bucket);
            if (recordId is not null)
            {
                writer.WriteString("id", recordId);
            }

            if (record is not null)
            {
                writer.WritePropertyName("record");
                record.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return new JournalEntry(op, bucket, recordId, record is not null, buffer.WrittenSpan.ToArray());
    }

    private static JournalEntry Parse(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        return new JournalEntry(
            root.GetProperty("op").GetString()!,
            root.GetProperty("bucket").GetString()!,
            root.TryGetProperty("id", out var id) ? id.GetString() : null,
            root.TryGetProperty("record", out _),
            payload);
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload)
    {
        var crc = Crc32.CreateCastagnoli();
        crc.Append(payload);
        return crc.GetHashAndReset();
    }

    private static JsonObject RecordOf(byte[] payload)
    {
        var entry = JsonNode.Parse(payload) as JsonObject;
        if (entry?["record"] is not JsonObject record)
        {
            throw new InvalidDataException("A journal entry holds no record.");
        }

        entry.Remove("record");
        return record;
    }

    /// <summary>Applies an entry to the live state (under the gate, or before the flusher starts).</summary>
    private void Apply(JournalEntry entry)
    {
        switch (entry.Op)
        {
            case BucketOp:
                var bucket = Live(entry.Bucket);
                _liveBytes += entry.Payload.Length - (bucket.Bucket?.Length ?? 0);
                bucket.Bucket = entry.Payload;
                break;
            case DropOp:
                if (_live.Remove(entry.Bucket, out var dropped))
                {
                    _liveBytes -= dropped.Records.Values.Sum(p => (long)p.Length) + (dropped.Bucket?.Length ?? 0);
                }

                break;
            case RecordOp:
                var records = Live(entry.Bucket).Records;
                var id = entry.RecordId ?? throw new InvalidDataException("A journal record entry has no id.");
                if (records.Remove(id, out var old))
                {
                    _liveBytes -= old.Length;
                }

                if (entry.HasRecord)
                {
                    records[id] = entry.Payload;
                    _liveBytes += entry.Payload.Length;
                }

                break;
            default:
                throw new InvalidDataException($"Unknown journal entry {entry.Op}.");
        }
    }

    private LiveBucket Live(string bucket)
    {
        if (!_live.TryGetValue(bucket, out var live))
        {
            _live[bucket] = live = new LiveBucket();
        }

        return live;
    }

    private void FlushLoop()
    {
        while (true)
        {
            List<byte[]> batch;
            TaskCompletionSource done;
            lock (_gate)
            {
                while (_queued.Count == 0 && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                if (_queued.Count == 0)
                {
                    return;
                }

                batch = _queued;
                done = _batch;
                _queued = [];
                _batch = NewBatch();
            }

            try
            {
                Write(batch);
                done.SetResult();
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _failure = e;
                }

                done.SetException(e);
                continue;
            }

            if (_length > _compactionThreshold && _length > 2 * Volatile.Read(ref _liveBytes))
            {
                try
                {
                    Compact();
                }
                catch (IOException)
                {
                    // The journal as it is stays valid; compaction is tried again after the next batch.
                }
            }
        }
    }

    /// <summary>Writes a batch of entries at the end of the journal in one write, then flushes it to disk.</summary>
    private void Write(List<byte[]> batch)
    {
        var size = batch.Sum(p => HeaderSize + p.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var offset = 0;
            foreach (var payload in batch)
            {
                offset += Frame(payload, buffer.AsSpan(offset));
            }

            if (_file is null)
            {
                _file = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.Write);
                _length = RandomAccess.GetLength(_file);
            }

            RandomAccess.Write(_file, buffer.AsSpan(0, size), _length);
            RandomAccess.FlushToDisk(_file);
            _length += size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Frame(byte[] payload, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        Checksum(payload).CopyTo(destination[4..]);
        payload.CopyTo(destination[HeaderSize..]);
        return HeaderSize + payload.Length;
    }

    /// <summary>Rewrites the journal as the live entries only: temporary file, flushed, renamed over the journal.</summary>
    private void Compact()
    {
        List<byte[]> entries;
        lock (_gate)
        {
            entries = [.. _live.Values.Where(b => b.Bucket is not null).SelectMany(b => b.Records.Values.Prepend(b.Bucket!))];
        }

        long length = 0;
        using (var file = File.OpenHandle(_compactPath, FileMode.Create, FileAccess.Write))
        {
            var buffer = new byte[64 * 1024];
            var used = 0;
            foreach (var payload in entries)
            {
                if (used + HeaderSize + payload.Length > buffer.Length)
                {
                    RandomAccess.Write(file, buffer.AsSpan(0, used), length);
                    length += used;
                    used = 0;
                    if (HeaderSize + payload.Length > buffer.Length)
                    {
                        buffer = new byte[HeaderSize + payload.Length];
                    }
                }

                used += Frame(payload, buffer.AsSpan(used));
            }

            RandomAccess.Write(file, buffer.AsSpan(0, used), length);
            length += used;
            RandomAccess.FlushToDisk(file);
        }

        _file?.Dispose();
        _file = null;
        File.Move(_compactPath, _path, overwrite: true);
        _length = length;
    }

    private sealed class LiveBucket
    {
        public byte[]? Bucket { get; set; }

        public Dictionary<string, byte[]> Records { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One journal change: its kind, what it names, and its serialized payload.</summary>
internal sealed record JournalEntry(string Op, string Bucket, string? RecordId, bool HasRecord, byte[] Payload);
