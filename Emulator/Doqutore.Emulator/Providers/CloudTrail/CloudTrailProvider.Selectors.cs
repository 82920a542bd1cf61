using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>PutEventSelectors and GetEventSelectors: basic or advanced selectors, one kind replacing the other.</summary>
public sealed partial class CloudTrailProvider
{
    public JsonObject PutEventSelectors(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "TrailName");
        var selectors = EventSelectorInput.Read(input);
        return With(context, account =>
        {
            var trail = Find(account, context, nameOrArn, Reach.Home);
            trail.SetSelectors(selectors, context.ReceivedAt);
            return EventSelectorInput.Write(trail.Arn, selectors);
        });
    }

    public JsonObject GetEventSelectors(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "TrailName");
        return With(context, account =>
        {
            var trail = Find(account, context, nameOrArn, Reach.Visible);
            return EventSelectorInput.Write(trail.Arn, trail.Selectors);
        });
    }
}
