using Amazon.S3;
using Amazon.S3.Model;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>
/// Log buckets for trails: S3 is CloudTrail's log store, so CreateTrail needs a bucket whose policy is AWS's documented
/// CloudTrail bucket policy (cloudtrail.amazonaws.com may <c>s3:GetBucketAcl</c> the bucket and <c>s3:PutObject</c>
/// under <c>[prefix/]AWSLogs/&lt;account&gt;/</c> with the <c>bucket-owner-full-control</c> ACL, for the trail named
/// by <c>aws:SourceArn</c>). The one place tests get that policy from.
/// </summary>
public static class CloudTrailBuckets
{
    /// <summary>An <c>aws:SourceArn</c> pattern for every trail of the test account in every region.</summary>
    public const string AnyTrail = $"arn:aws:cloudtrail:*:{EmulatorFixture.AccountId}:trail/*";

    /// <summary>
    /// AWS's documented CloudTrail bucket policy for <paramref name="bucket"/>. <paramref name="sourceArn"/> is the trail's
    /// ARN (matched with StringEquals, as documented) or a pattern with <c>*</c> (matched with ArnLike, for a bucket
    /// shared by several trails). <paramref name="keyPrefixes"/> are the trails' S3 key prefixes (none: files at the root;
    /// <c>"*"</c>: any prefix).
    /// </summary>
    public static string Policy(string bucket, string sourceArn, params string[] keyPrefixes)
    {
        var op = sourceArn.Contains('*', StringComparison.Ordinal) ? "ArnLike" : "StringEquals";
        var sourceCondition = $$$"""{"{{{op}}}": {"aws:SourceArn": "{{{sourceArn}}}"} }""";
        var writeCondition = op == "StringEquals"
            ? $$$"""{"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": "{{{sourceArn}}}"} }"""
            : $$$"""{"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}, "ArnLike": {"aws:SourceArn": "{{{sourceArn}}}"} }""";
        var prefixes = keyPrefixes.Length == 0 ? [string.Empty] : keyPrefixes;
        var resources = string.Join(", ", prefixes.Select(p => $"\"arn:aws:s3:::{bucket}/{(p.Length == 0 ? string.Empty : p.TrimEnd('/') + "/")}AWSLogs/{EmulatorFixture.AccountId}/*\""));
        return $$$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "AWSCloudTrailAclCheck",
                  "Effect": "Allow",
                  "Principal": {"Service": "cloudtrail.amazonaws.com"},
                  "Action": "s3:GetBucketAcl",
                  "Resource": "arn:aws:s3:::{{{bucket}}}",
                  "Condition": {{{sourceCondition}}}
                },
                {
                  "Sid": "AWSCloudTrailWrite",
                  "Effect": "Allow",
                  "Principal": {"Service": "cloudtrail.amazonaws.com"},
                  "Action": "s3:PutObject",
                  "Resource": [{{{resources}}}],
                  "Condition": {{{writeCondition}}}
                }
              ]
            }
            """;
    }

    /// <summary>Creates <paramref name="bucket"/> (if this emulator has not got it yet) with <see cref="Policy"/> and returns its name.</summary>
    public static async Task<string> CreateAsync(EmulatorFixture emulator, string bucket, string sourceArn, params string[] keyPrefixes)
    {
        using var s3 = new AmazonS3Client(SdkClients.Root, SdkClients.Configure(new AmazonS3Config { ForcePathStyle = true }, emulator));
        try
        {
            await s3.PutBucketAsync(bucket);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // A fixture's bucket, created by an earlier test of the class.
        }

        await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = Policy(bucket, sourceArn, keyPrefixes) });
        return bucket;
    }

    /// <summary>A new uniquely named bucket whose policy lets the trail <paramref name="trailArn"/> (an ARN or a pattern) write to it.</summary>
    public static Task<string> NewAsync(EmulatorFixture emulator, string trailArn, string prefix = "trail-logs") =>
        CreateAsync(emulator, AwsCli.Unique(prefix), trailArn);

    /// <summary>The ARN of trail <paramref name="name"/> in <paramref name="region"/> of the test account.</summary>
    public static string TrailArn(string name, string region = EmulatorFixture.Region) =>
        $"arn:aws:cloudtrail:{region}:{EmulatorFixture.AccountId}:trail/{name}";
}
