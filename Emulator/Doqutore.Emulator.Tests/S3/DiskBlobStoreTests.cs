using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.S3;
using Doqutore.Emulator.Providers.S3.Storage;

namespace Doqutore.Emulator.Tests.S3;

public sealed class DiskBlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("doqutore-blobs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_restarted_store_finds_buckets_objects_and_bodies()
    {
        var first = new S3Store(new DiskBlobStore(_root));
        var blob = await first.Blobs.WriteAsync(new MemoryStream(Encoding.UTF8.GetBytes("durable")), CancellationToken.None);
        var bucket = first.AddOrGet(new S3Bucket(new S3BucketSettings { Name = "kept", Owner = "000000000000", Region = "us-east-1" }));
        var version = new S3ObjectVersion { Key = "a/b", BlobId = blob, Size = 7 };
        first.Blobs.SaveRecord(bucket.Name, version.RecordId, version.ToRecord());

        var second = new S3Store(new DiskBlobStore(_root));
        var found = second.Find("kept")!.Current("a/b")!;
        using var body = second.Blobs.OpenRead(found.BlobId!);
        using var reader = new StreamReader(body);

        Assert.Equal("durable", await reader.ReadToEndAsync());
        Assert.Equal(7, found.Size);
    }

    [Fact]
    public async Task A_body_no_record_references_is_swept_on_start()
    {
        var store = new DiskBlobStore(_root);
        var orphan = await store.WriteAsync(new MemoryStream([1, 2, 3]), CancellationToken.None);

        new DiskBlobStore(_root).Load(_ => []);

        Assert.Throws<FileNotFoundException>(() => store.OpenRead(orphan));
    }

    [Fact]
    public async Task A_body_that_fails_part_way_leaves_nothing_behind()
    {
        var store = new DiskBlobStore(_root);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(new FailingStream(), CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_record_is_replaced_whole()
    {
        var store = new DiskBlobStore(_root);
        store.SaveBucket("b", new JsonObject { ["Name"] = "b", ["Owner"] = "1", ["Region"] = "us-east-1" });

        store.SaveRecord("b", "r", new JsonObject { ["n"] = 1 });
        store.SaveRecord("b", "r", new JsonObject { ["n"] = 2 });

        var record = Assert.Single(Assert.Single(store.Load(_ => [])).Records);
        Assert.Equal(2, (int)record["n"]!);
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ == 0 ? count : throw new IOException("The client went away.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
