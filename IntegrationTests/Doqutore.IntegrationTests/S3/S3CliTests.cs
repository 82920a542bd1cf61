using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>S3 through Debian's AWS CLI: <c>s3 cp</c> both ways, <c>s3 sync</c> twice, and <c>s3api</c>.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class S3CliTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsCli _aws = new(emulator);
    private readonly string _work = Directory.CreateTempSubdirectory("doqutore-s3-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [SkippableFact]
    public void A_50_MiB_file_goes_up_and_down_with_s3_cp_byte_for_byte()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();
        var source = Path.Combine(_work, "big.bin");
        File.WriteAllBytes(source, RandomNumberGenerator.GetBytes(50 * 1024 * 1024));
        var target = Path.Combine(_work, "back.bin");

        _aws.Ok("s3", "cp", source, $"s3://{bucket}/big.bin");
        _aws.Ok("s3", "cp", $"s3://{bucket}/big.bin", target);

        Assert.Equal(SHA256.HashData(File.ReadAllBytes(source)), SHA256.HashData(File.ReadAllBytes(target)));
    }

    [SkippableFact]
    public void A_second_s3_sync_uploads_nothing()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();
        var tree = Path.Combine(_work, "site");
        Directory.CreateDirectory(Path.Combine(tree, "css"));
        File.WriteAllText(Path.Combine(tree, "index.html"), "<h1>hi</h1>");
        File.WriteAllText(Path.Combine(tree, "css", "app.css"), "body{}");
        File.WriteAllText(Path.Combine(tree, "name with spaces+plus.txt"), "odd name");

        var first = _aws.Run("s3", "sync", tree, $"s3://{bucket}/site");
        var second = _aws.Run("s3", "sync", tree, $"s3://{bucket}/site");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(3, first.Stdout.Split('\n').Count(l => l.Contains("upload:", StringComparison.Ordinal)));
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.DoesNotContain("upload:", second.Stdout, StringComparison.Ordinal);
        var keys = _aws.Json("s3api", "list-objects-v2", "--bucket", bucket)["Contents"]!.AsArray().Select(o => (string?)o!["Key"]);
        Assert.Equal(["site/css/app.css", "site/index.html", "site/name with spaces+plus.txt"], keys);
    }

    [SkippableFact]
    public void S3api_tags_an_object_and_reads_the_bucket_acl()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();
        var file = Path.Combine(_work, "tagged.txt");
        File.WriteAllText(file, "tagged");
        _aws.Ok("s3api", "put-object", "--bucket", bucket, "--key", "tagged.txt", "--body", file, "--tagging", "team=red");

        _aws.Ok("s3api", "put-object-tagging", "--bucket", bucket, "--key", "tagged.txt", "--tagging", "TagSet=[{Key=team,Value=blue},{Key=tier,Value=1}]");
        var tags = _aws.Json("s3api", "get-object-tagging", "--bucket", bucket, "--key", "tagged.txt")["TagSet"]!.AsArray();
        var acl = _aws.Json("s3api", "get-bucket-acl", "--bucket", bucket);
        var refused = _aws.Error("s3api", "put-bucket-acl", "--bucket", bucket, "--acl", "public-read");

        Assert.Equal(["team=blue", "tier=1"], tags.Select(t => $"{t!["Key"]}={t["Value"]}"));
        Assert.Equal("FULL_CONTROL", (string?)Assert.Single(acl["Grants"]!.AsArray())!["Permission"]);
        Assert.Contains("AccessControlListNotSupported", refused, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void S3api_puts_heads_lists_and_deletes_an_object()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();
        var file = Path.Combine(_work, "note.txt");
        File.WriteAllText(file, "note");

        var put = _aws.Json("s3api", "put-object", "--bucket", bucket, "--key", "a/note.txt", "--body", file, "--content-type", "text/plain", "--metadata", "ward=7");
        var head = _aws.Json("s3api", "head-object", "--bucket", bucket, "--key", "a/note.txt");
        var listed = _aws.Json("s3api", "list-objects", "--bucket", bucket, "--delimiter", "/");
        _aws.Ok("s3api", "delete-object", "--bucket", bucket, "--key", "a/note.txt");
        var missing = _aws.Error("s3api", "head-object", "--bucket", bucket, "--key", "a/note.txt");

        Assert.Equal((string?)put["ETag"], (string?)head["ETag"]);
        Assert.Equal(4, (long?)head["ContentLength"]);
        Assert.Equal("text/plain", (string?)head["ContentType"]);
        Assert.Equal("7", (string?)head["Metadata"]!["ward"]);
        Assert.Equal("a/", (string?)listed["CommonPrefixes"]![0]!["Prefix"]);
        Assert.Contains("(404)", missing, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Expires_and_response_overrides_come_back_as_headers()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();
        var file = Path.Combine(_work, "e.txt");
        File.WriteAllText(file, "e");
        _aws.Ok("s3api", "put-object", "--bucket", bucket, "--key", "e", "--body", file, "--expires", "2030-01-02T03:04:05Z");

        var head = _aws.Json("s3api", "head-object", "--bucket", bucket, "--key", "e");
        var get = _aws.Json("s3api", "get-object", "--bucket", bucket, "--key", "e", "--response-content-type", "text/x-override", Path.Combine(_work, "e.out"));

        Assert.StartsWith("2030-01-02T03:04:05", (string?)head["Expires"], StringComparison.Ordinal);
        Assert.Equal("text/x-override", (string?)get["ContentType"]);
    }

    [SkippableFact]
    public void The_us_east_1_location_constraint_is_null()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();

        var location = _aws.Json("s3api", "get-bucket-location", "--bucket", bucket);

        Assert.Null(location["LocationConstraint"]);
    }

    [SkippableFact]
    public void Completing_parts_out_of_order_is_InvalidPartOrder()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();
        var file = Path.Combine(_work, "part.bin");
        File.WriteAllBytes(file, new byte[10]);
        var uploadId = (string)_aws.Json("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "k")["UploadId"]!;
        var e1 = (string)_aws.Json("s3api", "upload-part", "--bucket", bucket, "--key", "k", "--upload-id", uploadId, "--part-number", "1", "--body", file)["ETag"]!;
        var e2 = (string)_aws.Json("s3api", "upload-part", "--bucket", bucket, "--key", "k", "--upload-id", uploadId, "--part-number", "2", "--body", file)["ETag"]!;
        var parts = new JsonObject
        {
            ["Parts"] = new JsonArray(new JsonObject { ["PartNumber"] = 2, ["ETag"] = e2 }, new JsonObject { ["PartNumber"] = 1, ["ETag"] = e1 }),
        };

        var error = _aws.Error("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", "k", "--upload-id", uploadId, "--multipart-upload", parts.ToJsonString());

        Assert.Contains("An error occurred (InvalidPartOrder) when calling the CompleteMultipartUpload operation: The list of parts was not in ascending order. Parts must be ordered by part number.", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_bucket_without_a_policy_is_NoSuchBucketPolicy()
    {
        ExternalTool.RequireAwsCli();
        var bucket = NewBucket();

        var error = _aws.Error("s3api", "get-bucket-policy", "--bucket", bucket);

        Assert.Contains("An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: The bucket policy does not exist", error, StringComparison.Ordinal);
    }

    private string NewBucket()
    {
        var bucket = AwsCli.Unique("cli");
        _aws.Ok("s3", "mb", $"s3://{bucket}");
        return bucket;
    }
}
