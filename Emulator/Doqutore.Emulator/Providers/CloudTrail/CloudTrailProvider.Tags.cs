using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>AddTags, RemoveTags, ListTags on trails by ARN: at most 50 tags a trail.</summary>
public sealed partial class CloudTrailProvider
{
    public JsonObject AddTags(RequestContext context, JsonObject input)
    {
        var arn = CloudTrailInput.Required(input, "ResourceId");
        var tags = CloudTrailInput.Tags(input);
        return With(context, account =>
        {
            var trail = FindTagged(account, context, arn, Reach.Home);
            var added = tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count(k => !trail.Tags.Exists(e => e.Key == k));
            if (trail.Tags.Count + added > TagsPerTrail)
            {
                throw CloudTrailErrors.TagsLimitExceeded(TagsPerTrail);
            }

            foreach (var tag in tags)
            {
                trail.Tags.RemoveAll(e => e.Key == tag.Key);
                trail.Tags.Add(tag);
            }

            return Empty();
        });
    }

    public JsonObject RemoveTags(RequestContext context, JsonObject input)
    {
        var arn = CloudTrailInput.Required(input, "ResourceId");
        var tags = CloudTrailInput.Tags(input);
        return With(context, account =>
        {
            var trail = FindTagged(account, context, arn, Reach.Home);
            foreach (var tag in tags)
            {
                trail.Tags.RemoveAll(e => e.Key == tag.Key && (tag.Value is null || e.Value == tag.Value));
            }

            return Empty();
        });
    }

    public JsonObject ListTags(RequestContext context, JsonObject input)
    {
        var arns = (input["ResourceIdList"] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList();
        return With(context, account => new JsonObject
        {
            ["ResourceTagList"] = new JsonArray(arns.Select(arn =>
            {
                var trail = FindTagged(account, context, arn, Reach.Visible);
                return (JsonNode?)new JsonObject
                {
                    ["ResourceId"] = trail.Arn,
                    ["TagsList"] = new JsonArray(trail.Tags.Select(t =>
                    {
                        var tag = new JsonObject { ["Key"] = t.Key };
                        if (t.Value is not null)
                        {
                            tag["Value"] = t.Value;
                        }

                        return (JsonNode?)tag;
                    }).ToArray()),
                };
            }).ToArray()),
        });
    }

    /// <summary>Tags name trails by ARN only: anything else is CloudTrailARNInvalidException, an unknown trail ResourceNotFoundException.</summary>
    private static Trail FindTagged(CloudTrailAccount account, RequestContext context, string arn, Reach reach)
    {
        if (!TrailArns.TryParse(arn, out _, out _, out _))
        {
            throw CloudTrailErrors.ArnInvalid(arn);
        }

        try
        {
            return Find(account, context, arn, reach);
        }
        catch (Doqutore.Aws.Protocols.AwsServiceException e) when (e.Code == "TrailNotFoundException")
        {
            throw CloudTrailErrors.ResourceNotFound(arn);
        }
    }
}
