using System.Security.Cryptography;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.S3;

/// <summary>
/// Runs its tests alone: the heap measured is the test process's, which other collections would otherwise share
/// (TransferUtility and CLI tests move tens of MiB at the same time).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class S3MemoryCollection : ICollectionFixture<S3DiskFixture>
{
    public const string Name = "S3 memory (alone)";
}

/// <summary>S3 with a data directory: bodies stream to disk, never whole in memory.</summary>
[Collection(S3MemoryCollection.Name)]
public class S3DiskTests(S3DiskFixture emulator, ITestOutputHelper output)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Uploading_and_downloading_50_MiB_grows_the_managed_heap_by_less_than_20_MiB()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var file = Path.Combine(emulator.DataDirectory, "..", Path.GetFileName(emulator.DataDirectory) + ".upload");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(50 * MiB));
        try
        {
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak;
            using (var sampler = new HeapSampler())
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "big.bin", FilePath = file });
                using var get = await s3.GetObjectAsync(bucket, "big.bin");
                await get.ResponseStream.CopyToAsync(Stream.Null);
                peak = sampler.Peak;
            }

            var growth = peak - baseline;
            output.WriteLine($"managed heap: baseline {baseline / MiB} MiB, peak {peak / MiB} MiB, growth {growth / (double)MiB:F1} MiB");
            Assert.True(growth < 20 * MiB, $"the heap grew by {growth / MiB} MiB while 50 MiB went up and down");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_body_lands_in_the_data_directory_and_reads_back_byte_for_byte()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var body = RandomNumberGenerator.GetBytes(3 * MiB);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", InputStream = new MemoryStream(body) });
        using var get = await s3.GetObjectAsync(bucket, "k");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);

        Assert.Equal(body, copy.ToArray());
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(emulator.DataDirectory, "s3", "blobs"), "*", SearchOption.AllDirectories), f => new FileInfo(f).Length == body.Length);
        var journal = await File.ReadAllBytesAsync(Path.Combine(emulator.DataDirectory, "s3", "records.journal"));
        Assert.True(journal.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes($"\"bucket\":\"{bucket}\"")) >= 0, "the bucket's records are in the journal");
    }

    /// <summary>Samples the managed heap every few milliseconds and keeps the highest value seen.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public HeapSampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false)));
                await Task.Delay(5).ConfigureAwait(false);
            }
        });

        public long Peak => Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false));

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}
