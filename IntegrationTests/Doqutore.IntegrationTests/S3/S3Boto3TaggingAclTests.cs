using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>boto3 on S3 tagging, ACLs, UploadPartCopy and reads by part number: one Python process, one scenario per test.</summary>
[Collection(EmulatorCollection.Name)]
public class S3Boto3TaggingAclTests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        import os
        s3 = boto3.client("s3", endpoint_url=url, config=cfg)
        b = f"boto-tag-{run}".lower()[:40]
        s3.create_bucket(Bucket=b)

        s3.put_object(Bucket=b, Key="t", Body=b"x", Tagging="a=1&b=two%20words")
        out["tags"] = s3.get_object_tagging(Bucket=b, Key="t")["TagSet"]
        out["tag_count"] = s3.get_object(Bucket=b, Key="t")["TagCount"]
        out["too_many"] = err(s3.put_object_tagging, Bucket=b, Key="t", Tagging={"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(11)]})
        s3.put_bucket_tagging(Bucket=b, Tagging={"TagSet": [{"Key": "env", "Value": "test"}]})
        out["bucket_tags"] = s3.get_bucket_tagging(Bucket=b)["TagSet"]

        acl = s3.get_bucket_acl(Bucket=b)
        out["bucket_acl"] = [[g["Grantee"]["Type"], g["Grantee"]["ID"] == acl["Owner"]["ID"], g["Permission"]] for g in acl["Grants"]]
        out["public_read"] = err(s3.put_object_acl, Bucket=b, Key="t", ACL="public-read")
        s3.put_object_acl(Bucket=b, Key="t", ACL="bucket-owner-full-control")
        out["object_acl"] = [g["Permission"] for g in s3.get_object_acl(Bucket=b, Key="t")["Grants"]]

        src = os.urandom(6 * 1024 * 1024)
        s3.put_object(Bucket=b, Key="src", Body=src)
        up = s3.create_multipart_upload(Bucket=b, Key="mp")
        p1 = s3.upload_part_copy(Bucket=b, Key="mp", UploadId=up["UploadId"], PartNumber=1, CopySource={"Bucket": b, "Key": "src"}, CopySourceRange="bytes=0-5242879")
        p2 = s3.upload_part_copy(Bucket=b, Key="mp", UploadId=up["UploadId"], PartNumber=2, CopySource={"Bucket": b, "Key": "src"}, CopySourceRange=f"bytes=5242880-{len(src) - 1}")
        s3.complete_multipart_upload(Bucket=b, Key="mp", UploadId=up["UploadId"], MultipartUpload={"Parts": [
            {"PartNumber": 1, "ETag": p1["CopyPartResult"]["ETag"]}, {"PartNumber": 2, "ETag": p2["CopyPartResult"]["ETag"]}]})
        head = s3.head_object(Bucket=b, Key="mp", PartNumber=2)
        out["part2"] = [head["PartsCount"], head["ContentLength"], s3.get_object(Bucket=b, Key="mp", PartNumber=2)["Body"].read() == src[5242880:]]
        out["whole"] = s3.get_object(Bucket=b, Key="mp")["Body"].read() == src
        """);

    [SkippableFact]
    public void Boto3_tags_an_object_through_the_x_amz_tagging_header_and_reads_them_back()
    {
        var output = Output();

        Assert.Equal("""[{"Key":"a","Value":"1"},{"Key":"b","Value":"two words"}]""", output["tags"]!.ToJsonString());
        Assert.Equal(2, (int)output["tag_count"]!);
        Assert.Equal("InvalidTag", (string?)output["too_many"]!["code"]);
        Assert.Equal("Object tags cannot be greater than 10", (string?)output["too_many"]!["message"]);
        Assert.Equal("""[{"Key":"env","Value":"test"}]""", output["bucket_tags"]!.ToJsonString());
    }

    [SkippableFact]
    public void Boto3_reads_the_owners_ACL_and_is_refused_a_public_one()
    {
        var output = Output();

        Assert.Equal("""[["CanonicalUser",true,"FULL_CONTROL"]]""", output["bucket_acl"]!.ToJsonString());
        Assert.Equal("AccessControlListNotSupported", (string?)output["public_read"]!["code"]);
        Assert.Equal(400, (int)output["public_read"]!["status"]!);
        Assert.Equal("""["FULL_CONTROL"]""", output["object_acl"]!.ToJsonString());
    }

    [SkippableFact]
    public void Boto3_assembles_an_object_with_upload_part_copy_and_reads_it_by_part()
    {
        var output = Output();

        var part2 = output["part2"]!.AsArray();
        Assert.Equal(2, (int)part2[0]!);
        Assert.Equal(1024 * 1024, (int)part2[1]!);
        Assert.True((bool)part2[2]!);
        Assert.True((bool)output["whole"]!);
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
