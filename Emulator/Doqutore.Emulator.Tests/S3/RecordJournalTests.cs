using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.S3.Storage;

namespace Doqutore.Emulator.Tests.S3;

public sealed class RecordJournalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("doqutore-journal-").FullName;

    private string JournalPath => Path.Combine(_root, "records.journal");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Concurrent_appends_are_all_on_disk_once_acknowledged()
    {
        using (var journal = new RecordJournal(JournalPath, []))
        {
            await journal.Append(RecordJournal.BucketEntry("b", new JsonObject { ["Name"] = "b" }));
            await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => journal.Append(RecordJournal.RecordEntry("b", $"r{i}", new JsonObject { ["n"] = i })))));
        }

        using var reopened = new RecordJournal(JournalPath, []);
        var bucket = Assert.Single(reopened.Snapshot());
        Assert.Equal(Enumerable.Range(0, 300), bucket.Records.Select(r => (int)r["n"]!).Order());
    }

    [Fact]
    public async Task A_torn_or_corrupt_last_entry_is_ignored_and_the_entries_before_it_kept()
    {
        using (var journal = new RecordJournal(JournalPath, []))
        {
            await journal.Append(RecordJournal.BucketEntry("b", new JsonObject { ["Name"] = "b" }));
            await journal.Append(RecordJournal.RecordEntry("b", "kept", new JsonObject { ["n"] = 1 }));
            await journal.Append(RecordJournal.RecordEntry("b", "torn", new JsonObject { ["n"] = 2 }));
        }

        var whole = File.ReadAllBytes(JournalPath);
        File.WriteAllBytes(JournalPath, whole[..^3]);
        using (var torn = new RecordJournal(JournalPath, []))
        {
            Assert.Equal([1], Numbers(torn));
        }

        var corrupt = File.ReadAllBytes(JournalPath);
        var lastStart = corrupt.Length;
        using (var journal = new RecordJournal(JournalPath, []))
        {
            await journal.Append(RecordJournal.RecordEntry("b", "flipped", new JsonObject { ["n"] = 3 }));
        }

        corrupt = File.ReadAllBytes(JournalPath);
        corrupt[lastStart + 12] ^= 0xFF;
        File.WriteAllBytes(JournalPath, corrupt);
        using var reopened = new RecordJournal(JournalPath, []);
        Assert.Equal([1], Numbers(reopened));
    }

    [Fact]
    public async Task Start_compacts_the_journal_to_the_live_records()
    {
        using (var journal = new RecordJournal(JournalPath, []))
        {
            await journal.Append(RecordJournal.BucketEntry("b", new JsonObject { ["Name"] = "b" }));
            for (var i = 0; i < 50; i++)
            {
                await journal.Append(RecordJournal.RecordEntry("b", "same", new JsonObject { ["n"] = i }));
                await journal.Append(RecordJournal.RecordEntry("b", $"gone{i}", new JsonObject { ["n"] = i }));
                await journal.Append(RecordJournal.RecordEntry("b", $"gone{i}", null));
            }

            await journal.Append(RecordJournal.BucketEntry("dropped", new JsonObject { ["Name"] = "dropped" }));
            await journal.Append(RecordJournal.RecordEntry("dropped", "x", new JsonObject { ["n"] = 0 }));
            await journal.Append(RecordJournal.DropBucketEntry("dropped"));
        }

        var before = new FileInfo(JournalPath).Length;
        using var reopened = new RecordJournal(JournalPath, []);

        Assert.True(new FileInfo(JournalPath).Length < before / 50, $"{new FileInfo(JournalPath).Length} of {before} bytes left");
        var bucket = Assert.Single(reopened.Snapshot());
        Assert.Equal(49, (int)Assert.Single(bucket.Records)["n"]!);
    }

    [Fact]
    public async Task A_journal_past_its_threshold_is_compacted_while_running_and_loses_nothing()
    {
        using (var journal = new RecordJournal(JournalPath, [], compactionThreshold: 4096))
        {
            await journal.Append(RecordJournal.BucketEntry("b", new JsonObject { ["Name"] = "b" }));
            for (var i = 0; i < 400; i++)
            {
                await journal.Append(RecordJournal.RecordEntry("b", $"r{i % 10}", new JsonObject { ["n"] = i }));
            }

            Assert.True(journal.Length < 4096 * 2, $"{journal.Length} bytes");
        }

        using var reopened = new RecordJournal(JournalPath, []);
        var bucket = Assert.Single(reopened.Snapshot());
        Assert.Equal(Enumerable.Range(390, 10), bucket.Records.Select(r => (int)r["n"]!).Order());
    }

    [Fact]
    public void A_data_directory_of_record_files_is_taken_into_the_journal()
    {
        var records = Directory.CreateDirectory(Path.Combine(_root, "buckets", "old", "records")).FullName;
        File.WriteAllText(Path.Combine(_root, "buckets", "old", "bucket.json"), """{"Name":"old","Owner":"1","Region":"us-east-1"}""");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("identity")));
        File.WriteAllText(Path.Combine(records, digest + ".json"), """{"n":1}""");

        var store = new DiskBlobStore(_root);
        store.SaveRecord("old", "identity", new JsonObject { ["n"] = 2 });

        Assert.False(Directory.Exists(Path.Combine(_root, "buckets")));
        var bucket = Assert.Single(new DiskBlobStore(_root).Load(_ => []));
        Assert.Equal("old", bucket.Name);
        Assert.Equal(2, (int)Assert.Single(bucket.Records)["n"]!);
    }

    private static int[] Numbers(RecordJournal journal) => [.. Assert.Single(journal.Snapshot()).Records.Select(r => (int)r["n"]!)];
}
