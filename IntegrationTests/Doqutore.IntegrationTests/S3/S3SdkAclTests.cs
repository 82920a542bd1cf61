using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>
/// ACLs through the official AWSSDK.S3 as S3 has them since 2023: new buckets enforce bucket-owner ownership, so
/// ACLs read as the owner's full control and only bucket-owner-full-control may be written; with ObjectWriter
/// ownership canned ACLs are kept and read back.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkAclTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task GetBucketAcl_and_GetObjectAcl_answer_the_owners_full_control()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x" });

        var bucketAcl = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        var objectAcl = await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "a" });

        foreach (var (owner, grants) in new[] { (bucketAcl.Owner, bucketAcl.Grants), (objectAcl.Owner, objectAcl.Grants) })
        {
            var grant = Assert.Single(grants);
            Assert.Equal(S3Permission.FULL_CONTROL, grant.Permission);
            Assert.Equal(GranteeType.CanonicalUser, grant.Grantee.Type);
            Assert.Equal(owner.Id, grant.Grantee.CanonicalUser);
        }
    }

    [Fact]
    public async Task Bucket_owner_full_control_is_accepted_where_ACLs_are_disabled()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x", CannedACL = S3CannedACL.BucketOwnerFullControl });

        Assert.Equal("x", await S3Sdk.ReadText(s3, bucket, "a"));
    }

    [Fact]
    public async Task Any_other_ACL_is_AccessControlListNotSupported_and_writes_nothing()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        var put = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x", CannedACL = S3CannedACL.Private }));
        var putBucketAcl = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead }));

        Assert.Equal("AccessControlListNotSupported", put.ErrorCode);
        Assert.Equal("The bucket does not allow ACLs", put.Message);
        Assert.Equal("AccessControlListNotSupported", putBucketAcl.ErrorCode);
        Assert.Empty((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task CreateBucket_with_an_ACL_and_the_default_ownership_is_InvalidBucketAclWithObjectOwnership()
    {
        using var s3 = S3Sdk.Client(emulator);
        var name = AwsCli.Unique("acl");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = name, CannedACL = S3CannedACL.PublicRead }));

        Assert.Equal("InvalidBucketAclWithObjectOwnership", error.ErrorCode);
        Assert.False(await Amazon.S3.Util.AmazonS3Util.DoesS3BucketExistV2Async(s3, name));
    }

    [Fact]
    public async Task With_ObjectWriter_ownership_a_canned_ACL_is_kept_and_read_back()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.ObjectWriter }] },
        });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x" });

        await s3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "a", ACL = S3CannedACL.PublicRead });
        var acl = await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "a" });
        var ownership = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });

        Assert.Equal(ObjectOwnership.ObjectWriter, Assert.Single(ownership.OwnershipControls.Rules).ObjectOwnership);
        Assert.Equal(2, acl.Grants.Count);
        Assert.Contains(acl.Grants, g => g.Permission == S3Permission.READ && g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers");
    }
}
