using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>
/// boto3 (Debian's python3-boto3) on S3: one Python process runs every scenario; each test asserts one
/// scenario's recorded outcome.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class S3Boto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        import io, os, hashlib, boto3.s3.transfer
        s3 = boto3.client("s3", endpoint_url=url, config=cfg)
        b = f"boto-{run}".lower()[:40]
        s3.create_bucket(Bucket=b)

        put = s3.put_object(Bucket=b, Key="x/y.txt", Body=b"hello boto", Metadata={"a": "b"}, ChecksumAlgorithm="SHA1")
        out["put_etag"] = put["ETag"]
        out["put_sha1"] = put.get("ChecksumSHA1")
        got = s3.get_object(Bucket=b, Key="x/y.txt", Range="bytes=0-4")
        out["range"] = [got["ResponseMetadata"]["HTTPStatusCode"], got["Body"].read().decode(), got["ContentRange"], got["Metadata"]]

        body = os.urandom(12 * 1024 * 1024)
        tc = boto3.s3.transfer.TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
        s3.upload_fileobj(io.BytesIO(body), b, "big", Config=tc)
        sink = io.BytesIO()
        s3.download_fileobj(b, "big", sink, Config=tc)
        head = s3.head_object(Bucket=b, Key="big")
        out["multipart"] = [head["ETag"].endswith('-3"'), head["ContentLength"], sink.getvalue() == body]

        s3.copy_object(Bucket=b, Key="c", CopySource={"Bucket": b, "Key": "x/y.txt"})
        out["copied"] = s3.get_object(Bucket=b, Key="c")["Body"].read().decode()
        out["deleted"] = sorted(d["Key"] for d in s3.delete_objects(Bucket=b, Delete={"Objects": [{"Key": "c"}, {"Key": "big"}]})["Deleted"])
        out["left"] = [o["Key"] for o in s3.list_objects_v2(Bucket=b)["Contents"]]
        out["missing"] = err(s3.get_object, Bucket=b, Key="nope")
        out["no_bucket"] = err(s3.list_objects_v2, Bucket=f"{b}-none")
        """);

    [SkippableFact]
    public void Boto3_puts_with_a_checksum_and_reads_a_range()
    {
        var output = Output();

        Assert.Equal("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("hello boto"u8.ToArray())) + "\"", (string?)output["put_etag"]);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData("hello boto"u8.ToArray())), (string?)output["put_sha1"]);
        var range = output["range"]!.AsArray();
        Assert.Equal(206, (int)range[0]!);
        Assert.Equal("hello", (string?)range[1]);
        Assert.Equal("bytes 0-4/10", (string?)range[2]);
        Assert.Equal("b", (string?)range[3]!["a"]);
    }

    [SkippableFact]
    public void Boto3_transfers_a_multipart_object_both_ways()
    {
        var multipart = Output()["multipart"]!.AsArray();

        Assert.True((bool)multipart[0]!);
        Assert.Equal(12 * 1024 * 1024, (long)multipart[1]!);
        Assert.True((bool)multipart[2]!);
    }

    [SkippableFact]
    public void Boto3_copies_and_deletes_in_a_batch()
    {
        var output = Output();

        Assert.Equal("hello boto", (string?)output["copied"]);
        Assert.Equal(["big", "c"], output["deleted"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(["x/y.txt"], output["left"]!.AsArray().Select(k => (string?)k));
    }

    [SkippableFact]
    public void Boto3_reads_NoSuchKey_and_NoSuchBucket()
    {
        var output = Output();

        Assert.Equal("NoSuchKey", (string?)output["missing"]!["code"]);
        Assert.Equal("The specified key does not exist.", (string?)output["missing"]!["message"]);
        Assert.Equal("NoSuchBucket", (string?)output["no_bucket"]!["code"]);
        Assert.Equal(404, (int)output["no_bucket"]!["status"]!);
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
