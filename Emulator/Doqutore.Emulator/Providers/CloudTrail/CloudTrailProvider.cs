using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// AWS CloudTrail over json 1.1: trails (split by topic into partial files), event selectors, tags and the event
/// history. Trails live per account (<see cref="CloudTrailStore"/>); a trail has a home region, and a multi-region
/// trail shows as a shadow trail in every other region, where it can be read but not changed
/// (InvalidHomeRegionException). Every operation takes a trail name or ARN.
/// </summary>
public sealed partial class CloudTrailProvider(CloudTrailStore store, EventHistory history, TimeProvider clock, IServiceProvider services) : AwsServiceProvider
{
    public override string ServiceId => "cloudtrail";

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The S3 side of log delivery; null until S3 implements it (the bucket check is then skipped).</summary>
    private ITrailLogStore? LogStore => services.GetService(typeof(ITrailLogStore)) as ITrailLogStore;

    private T With<T>(RequestContext context, Func<CloudTrailAccount, T> action) => store.With(context.AccountId, action);

    /// <summary>How an operation may reach a trail.</summary>
    private enum Reach
    {
        /// <summary>Reads: the trail of this region or a multi-region trail's shadow by name; any trail of the account by ARN.</summary>
        Visible,

        /// <summary>GetTrailStatus: as <see cref="Visible"/>, but a shadow trail only by its ARN (§1.8).</summary>
        ShadowByArn,

        /// <summary>Changes: the trail only in its home region; elsewhere InvalidHomeRegionException.</summary>
        Home,
    }

    /// <summary>Finds the trail a name or ARN names, as the caller may reach it.</summary>
    private static Trail Find(CloudTrailAccount account, RequestContext context, string nameOrArn, Reach reach)
    {
        Trail? trail;
        bool byArn;
        if (TrailArns.LooksLikeArn(nameOrArn))
        {
            if (!TrailArns.TryParse(nameOrArn, out var region, out var owner, out var name))
            {
                throw CloudTrailErrors.ArnInvalid(nameOrArn);
            }

            byArn = true;
            trail = owner == context.AccountId ? account.Home(region, name) : null;
        }
        else
        {
            TrailNames.Check(nameOrArn);
            byArn = false;
            trail = account.Home(context.Region, nameOrArn)
                ?? account.Trails.Find(t => t.IsMultiRegionTrail && t.Name == nameOrArn);
        }

        // By name: the region's own trail or a multi-region trail's shadow. By ARN: any region's trail of the
        // account, which reads may reach and changes outside its home region may not.
        if (trail is null)
        {
            throw CloudTrailErrors.TrailNotFound(nameOrArn, context.AccountId);
        }

        var shadow = trail.HomeRegion != context.Region;
        return (shadow, reach) switch
        {
            (true, Reach.Home) => throw CloudTrailErrors.InvalidHomeRegion(trail.HomeRegion, context.Region),
            (true, Reach.ShadowByArn) when !byArn => throw CloudTrailErrors.TrailNotFound(nameOrArn, context.AccountId),
            _ => trail,
        };
    }

    /// <summary>A trail as DescribeTrails and GetTrail show it.</summary>
    private static JsonObject Describe(Trail trail)
    {
        var output = Common(trail);
        output["HomeRegion"] = trail.HomeRegion;
        output["HasCustomEventSelectors"] = trail.HasCustomEventSelectors;
        output["HasInsightSelectors"] = false;
        return output;
    }

    /// <summary>The members CreateTrail, UpdateTrail, DescribeTrails and GetTrail share.</summary>
    private static JsonObject Common(Trail trail)
    {
        var output = new JsonObject
        {
            ["Name"] = trail.Name,
            ["S3BucketName"] = trail.S3BucketName,
        };
        Optional(output, "S3KeyPrefix", trail.S3KeyPrefix);
        Optional(output, "SnsTopicName", trail.SnsTopicName);
        Optional(output, "SnsTopicARN", trail.SnsTopicArn);
        output["IncludeGlobalServiceEvents"] = trail.IncludeGlobalServiceEvents;
        output["IsMultiRegionTrail"] = trail.IsMultiRegionTrail;
        output["TrailARN"] = trail.Arn;
        output["LogFileValidationEnabled"] = trail.LogFileValidationEnabled;
        Optional(output, "CloudWatchLogsLogGroupArn", trail.CloudWatchLogsLogGroupArn);
        Optional(output, "CloudWatchLogsRoleArn", trail.CloudWatchLogsRoleArn);
        Optional(output, "KmsKeyId", trail.KmsKeyId);
        output["IsOrganizationTrail"] = false;
        return output;
    }

    private static void Optional(JsonObject output, string member, string? value)
    {
        if (value is not null)
        {
            output[member] = value;
        }
    }

    private static JsonObject Empty() => [];
}
