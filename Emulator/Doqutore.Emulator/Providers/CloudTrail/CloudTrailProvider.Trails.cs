using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// CreateTrail, UpdateTrail, DeleteTrail, DescribeTrails, GetTrail, ListTrails. Each validates its whole input
/// first, then changes state under the account's lock. A new trail does not log until StartLogging, as in AWS.
/// </summary>
public sealed partial class CloudTrailProvider
{
    public const int TrailsPerRegion = 5;
    private const int TagsPerTrail = 50;

    public JsonObject CreateTrail(RequestContext context, JsonObject input)
    {
        var name = CloudTrailInput.Required(input, "Name");
        TrailNames.Check(name);
        var bucket = CloudTrailInput.Required(input, "S3BucketName");
        if (CloudTrailInput.Bool(input, "IsOrganizationTrail") == true)
        {
            throw CloudTrailErrors.OrganizationsNotInUse();
        }

        var settings = TrailSettings.Read(input, context, existing: null);
        var tags = CloudTrailInput.Tags(input);
        if (tags.Count > TagsPerTrail)
        {
            throw CloudTrailErrors.TagsLimitExceeded(TagsPerTrail);
        }

        return With(context, account =>
        {
            if (account.Home(context.Region, name) is not null
                || account.Trails.Exists(t => t.Name == name && (t.IsMultiRegionTrail || settings.IsMultiRegionTrail == true)))
            {
                throw CloudTrailErrors.TrailAlreadyExists(name, context.AccountId);
            }

            if (account.VisibleIn(context.Region).Count() >= TrailsPerRegion)
            {
                throw CloudTrailErrors.MaximumTrails(context.AccountId, context.Region, TrailsPerRegion);
            }

            var trail = new Trail(context.AccountId, context.Region, name) { S3BucketName = bucket };
            CheckBucket(context, bucket, settings.S3KeyPrefix, trail.Arn);
            settings.ApplyTo(trail);
            trail.Tags.AddRange(tags);
            account.Trails.Add(trail);
            return Common(trail);
        });
    }

    public JsonObject UpdateTrail(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "Name");
        if (CloudTrailInput.Bool(input, "IsOrganizationTrail") == true)
        {
            throw CloudTrailErrors.OrganizationsNotInUse();
        }

        return With(context, account =>
        {
            var trail = Find(account, context, nameOrArn, Reach.Home);
            var settings = TrailSettings.Read(input, context, trail);
            if (settings.IsMultiRegionTrail == true && !trail.IsMultiRegionTrail
                && account.Trails.Exists(t => t != trail && t.Name == trail.Name))
            {
                throw CloudTrailErrors.TrailAlreadyExists(trail.Name, context.AccountId);
            }

            var bucket = CloudTrailInput.Text(input, "S3BucketName");
            if (bucket is not null || settings.S3KeyPrefix is not null)
            {
                CheckBucket(context, bucket ?? trail.S3BucketName, settings.S3KeyPrefix ?? trail.S3KeyPrefix, trail.Arn);
            }

            if (bucket is not null)
            {
                trail.S3BucketName = bucket;
            }

            settings.ApplyTo(trail);
            return Common(trail);
        });
    }

    public JsonObject DeleteTrail(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "Name");
        return With(context, account =>
        {
            var trail = Find(account, context, nameOrArn, Reach.Home);

            // The DeleteTrail call arrived while the trail logged: its own record still reaches the trail.
            trail.Delete(context.ReceivedAt, Now);
            account.Remove(trail, Now);
            return Empty();
        });
    }

    public JsonObject DescribeTrails(RequestContext context, JsonObject input)
    {
        var includeShadows = CloudTrailInput.Bool(input, "includeShadowTrails") ?? true;
        var names = (input["trailNameList"] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .Where(s => s is not null).Select(s => s!).ToList();
        return With(context, account =>
        {
            IEnumerable<Trail> trails = account.VisibleIn(context.Region)
                .Where(t => includeShadows || t.HomeRegion == context.Region);
            if (names.Count > 0)
            {
                // Names match the region's trails (and shadows); an ARN reaches a trail of any region, as AWS
                // documents. Names or ARNs that name no trail are left out, not an error.
                trails = trails.Where(t => names.Contains(t.Name, StringComparer.Ordinal))
                    .Union(account.Trails.Where(t => names.Contains(t.Arn, StringComparer.Ordinal)));
            }

            return new JsonObject
            {
                ["trailList"] = new JsonArray(trails.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (JsonNode?)Describe(t)).ToArray()),
            };
        });
    }

    public JsonObject GetTrail(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "Name");
        return With(context, account => new JsonObject { ["Trail"] = Describe(Find(account, context, nameOrArn, Reach.Visible)) });
    }

    /// <summary>The trails of the account in every region, each with its home region [guess: the reference says "trails in the current account"].</summary>
    public JsonObject ListTrails(RequestContext context, JsonObject input) => With(context, account => new JsonObject
    {
        ["Trails"] = new JsonArray(account.Trails.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (JsonNode?)new JsonObject
        {
            ["TrailARN"] = t.Arn,
            ["Name"] = t.Name,
            ["HomeRegion"] = t.HomeRegion,
        }).ToArray()),
    });

    /// <summary>Checks the bucket through S3 when S3 provides the check; skipped while no <see cref="ITrailLogStore"/> is registered.</summary>
    private void CheckBucket(RequestContext context, string bucket, string? prefix, string trailArn)
    {
        if (!BucketName().IsMatch(bucket))
        {
            throw CloudTrailErrors.InvalidS3BucketName($"Bucket name is not valid: {bucket}");
        }

        switch (LogStore?.CheckBucket(context.AccountId, bucket, prefix, trailArn))
        {
            case TrailBucketCheck.NoSuchBucket:
                throw CloudTrailErrors.S3BucketDoesNotExist(bucket);
            case TrailBucketCheck.InsufficientPolicy:
                throw CloudTrailErrors.InsufficientS3BucketPolicy(bucket);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
