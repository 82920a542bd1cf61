using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Doqutore.Emulator.Providers.DynamoDb.Persistence;

/// <summary>
/// DynamoDB state in SQLite (<c>{DataDirectory}/dynamodb/dynamodb.db</c>) in WAL mode, written by group commit:
/// writes are queued in order (<see cref="IDynamoDbPersistence"/>) and the first caller to wait commits every
/// queued write in one transaction while later callers wait for it; a caller whose write was in that batch
/// returns without committing again. So N concurrent writers cost one transaction, and a write is acknowledged
/// only after its commit. synchronous=NORMAL: a commit is in the WAL (the OS's page cache) before the call
/// returns, so a SIGKILLed process loses nothing it acknowledged and never half a batch; a power cut may lose
/// the last commits, which the emulator accepts. Items and stream records are stored as UTF-8 JSON blobs
/// (older databases hold text, read the same). The hot statements are prepared once.
/// </summary>
internal sealed class SqlitePersistence : IDynamoDbPersistence, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock queueGate = new();
    private readonly Lock commitGate = new();
    private readonly SqliteCommand putItem;
    private readonly SqliteCommand deleteItem;
    private readonly SqliteCommand appendRecord;
    private List<Action> queue = [];
    private List<Action> spare = [];
    private long enqueued;
    private long durable;
    private Failure? failed;

    public SqlitePersistence(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "dynamodb");
        Directory.CreateDirectory(folder);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "dynamodb.db"), Pooling = false }.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS tables (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL,
                PRIMARY KEY (account, region, name));
            CREATE TABLE IF NOT EXISTS items (account TEXT NOT NULL, region TEXT NOT NULL, table_name TEXT NOT NULL, item_key TEXT NOT NULL, item TEXT NOT NULL,
                PRIMARY KEY (account, region, table_name, item_key));
            CREATE TABLE IF NOT EXISTS streams (arn TEXT NOT NULL PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, definition TEXT NOT NULL,
                next_sequence INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS stream_records (arn TEXT NOT NULL, sequence INTEGER NOT NULL, created INTEGER NOT NULL, record BLOB NOT NULL,
                PRIMARY KEY (arn, sequence));
            """);
        putItem = Prepare("INSERT OR REPLACE INTO items (account, region, table_name, item_key, item) VALUES ($a, $r, $t, $k, $i)", "$a", "$r", "$t", "$k", "$i");
        deleteItem = Prepare("DELETE FROM items WHERE account = $a AND region = $r AND table_name = $t AND item_key = $k", "$a", "$r", "$t", "$k");
        appendRecord = Prepare("INSERT OR REPLACE INTO stream_records (arn, sequence, created, record) VALUES ($s, $n, $c, $r)", "$s", "$n", "$c", "$r");
    }

    public IReadOnlyList<PersistedTable> LoadTables()
    {
        lock (commitGate)
        {
            var tables = new List<PersistedTable>();
            foreach (var row in Rows("SELECT account, region, name, definition FROM tables", []))
            {
                var items = Rows("SELECT item FROM items WHERE account = $a AND region = $r AND table_name = $t",
                        [("$a", row[0]), ("$r", row[1]), ("$t", row[2])])
                    .Select(r => Json(r[0]))
                    .ToList();
                tables.Add(new PersistedTable((string)row[0], (string)row[1], Json(row[3]), items));
            }

            return tables;
        }
    }

    public IReadOnlyList<PersistedStream> LoadStreams(DateTimeOffset trimBefore)
    {
        lock (commitGate)
        {
            // Remember each stream's next sequence number before trimming, so numbers are never handed out twice.
            Execute("UPDATE streams SET next_sequence = MAX(next_sequence, COALESCE((SELECT MAX(sequence) + 1 FROM stream_records r WHERE r.arn = streams.arn), 0))");
            Execute("DELETE FROM stream_records WHERE created < $c", ("$c", trimBefore.ToUnixTimeMilliseconds()));
            var streams = new List<PersistedStream>();
            foreach (var row in Rows("SELECT arn, account, region, definition, next_sequence FROM streams", []))
            {
                var records = Rows("SELECT sequence, created, record FROM stream_records WHERE arn = $s ORDER BY sequence", [("$s", row[0])])
                    .Select(r => new PersistedStreamRecord((long)r[0], DateTimeOffset.FromUnixTimeMilliseconds((long)r[1]), Json(r[2])))
                    .ToList();
                var next = Math.Max((long)row[4], records.Count == 0 ? 0 : records[^1].Sequence + 1);
                streams.Add(new PersistedStream((string)row[1], (string)row[2], Json(row[3]), next, records));
            }

            return streams;
        }
    }

    public long SaveTable(string accountId, string region, JsonObject definition)
    {
        var text = definition.ToJsonString();
        var name = (string)definition["TableName"]!;
        return Enqueue(() => Execute("INSERT OR REPLACE INTO tables (account, region, name, definition) VALUES ($a, $r, $n, $d)",
            ("$a", accountId), ("$r", region), ("$n", name), ("$d", text)));
    }

    public long DeleteTable(string accountId, string region, string table) => Enqueue(() =>
    {
        Execute("DELETE FROM items WHERE account = $a AND region = $r AND table_name = $n", ("$a", accountId), ("$r", region), ("$n", table));
        Execute("DELETE FROM tables WHERE account = $a AND region = $r AND name = $n", ("$a", accountId), ("$r", region), ("$n", table));
    });

    public long PutItem(string accountId, string region, string table, string key, JsonObject item)
    {
        // Serialized now, under the table's lock, so the committer never reads a JsonObject another thread may read.
        var bytes = Utf8(item);
        return Enqueue(() => Run(putItem, accountId, region, table, key, bytes));
    }

    public long DeleteItem(string accountId, string region, string table, string key) =>
        Enqueue(() => Run(deleteItem, accountId, region, table, key));

    public long SaveStream(string accountId, string region, JsonObject definition)
    {
        var text = definition.ToJsonString();
        var arn = (string)definition["StreamArn"]!;
        return Enqueue(() => Execute(
            "INSERT INTO streams (arn, account, region, definition) VALUES ($s, $a, $r, $d) ON CONFLICT (arn) DO UPDATE SET definition = excluded.definition",
            ("$s", arn), ("$a", accountId), ("$r", region), ("$d", text)));
    }

    public long DeleteStream(string streamArn) => Enqueue(() =>
    {
        Execute("DELETE FROM stream_records WHERE arn = $s", ("$s", streamArn));
        Execute("DELETE FROM streams WHERE arn = $s", ("$s", streamArn));
    });

    public long AppendStreamRecord(string streamArn, PersistedStreamRecord record)
    {
        var bytes = Utf8(record.Record);
        return Enqueue(() => Run(appendRecord, streamArn, record.Sequence, record.Created.ToUnixTimeMilliseconds(), bytes));
    }

    public long TrimStream(string streamArn, long before, long nextSequence) => Enqueue(() =>
    {
        Execute("DELETE FROM stream_records WHERE arn = $s AND sequence < $n", ("$s", streamArn), ("$n", before));
        Execute("UPDATE streams SET next_sequence = MAX(next_sequence, $n) WHERE arn = $s", ("$s", streamArn), ("$n", nextSequence));
    });

    public void WaitDurable(long ticket)
    {
        if (ticket <= Volatile.Read(ref durable))
        {
            ThrowIfFailed(ticket);
            return;
        }

        lock (commitGate)
        {
            if (ticket > durable)
            {
                CommitQueued();
            }
        }

        ThrowIfFailed(ticket);
    }

    public void Clear()
    {
        WaitDurable(Enqueue(() => Execute("DELETE FROM items; DELETE FROM tables; DELETE FROM stream_records; DELETE FROM streams;")));
    }

    public void Dispose()
    {
        lock (commitGate)
        {
            if (Volatile.Read(ref enqueued) > durable)
            {
                CommitQueued();
            }

            putItem.Dispose();
            deleteItem.Dispose();
            appendRecord.Dispose();
            connection.Dispose();
        }
    }

    private long Enqueue(Action write)
    {
        lock (queueGate)
        {
            queue.Add(write);
            return ++enqueued;
        }
    }

    /// <summary>Commits every queued write in one transaction (the caller holds the commit gate).</summary>
    private void CommitQueued()
    {
        List<Action> batch;
        long last;
        lock (queueGate)
        {
            batch = queue;
            queue = spare;
            last = enqueued;
        }

        var first = durable + 1;
        try
        {
            using var transaction = connection.BeginTransaction();
            putItem.Transaction = deleteItem.Transaction = appendRecord.Transaction = transaction;
            foreach (var write in batch)
            {
                write();
            }

            transaction.Commit();
        }
        catch (Exception error)
        {
            // The batch's callers all fail; the writes before and after it are unaffected.
            failed = new Failure(first, last, error);
        }
        finally
        {
            putItem.Transaction = deleteItem.Transaction = appendRecord.Transaction = null;
            batch.Clear();
            spare = batch;
            Volatile.Write(ref durable, last);
        }
    }

    private void ThrowIfFailed(long ticket)
    {
        if (Volatile.Read(ref failed) is { } failure && ticket >= failure.From && ticket <= failure.To)
        {
            throw new IOException("DynamoDB could not make the write durable.", failure.Error);
        }
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private List<object[]> Rows(string sql, (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static JsonObject Json(object value) => (value switch
    {
        byte[] bytes => JsonNode.Parse(bytes),
        _ => JsonNode.Parse((string)value),
    })!.AsObject();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    private static byte[] Utf8(JsonObject value)
    {
        buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The tickets of the last batch whose commit failed, and why.</summary>
    private sealed record Failure(long From, long To, Exception Error);
}
