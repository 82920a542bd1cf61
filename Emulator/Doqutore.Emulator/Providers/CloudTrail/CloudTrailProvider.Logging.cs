using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// StartLogging, StopLogging, GetTrailStatus. The logging state changes as of the call's arrival time, so that the
/// StopLogging call itself is still logged and the StartLogging call is not (see <see cref="Trail"/>).
/// </summary>
public sealed partial class CloudTrailProvider
{
    public JsonObject StartLogging(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "Name");
        return With(context, account =>
        {
            Find(account, context, nameOrArn, Reach.Home).StartLogging(context.ReceivedAt, Now);
            return Empty();
        });
    }

    public JsonObject StopLogging(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "Name");
        return With(context, account =>
        {
            Find(account, context, nameOrArn, Reach.Home).StopLogging(context.ReceivedAt, Now);
            return Empty();
        });
    }

    /// <summary>
    /// The status fields of §1.8 that apply, with the delivery-attempt times of the "no longer in use" ones, which AWS
    /// still fills (the CLI guide's get-trail-status example shows them). No delivery fields appear while no <see cref="ITrailLogStore"/> is registered, since no log file is then written.
    /// </summary>
    public JsonObject GetTrailStatus(RequestContext context, JsonObject input)
    {
        var nameOrArn = CloudTrailInput.Required(input, "Name");
        return With(context, account =>
        {
            var trail = Find(account, context, nameOrArn, Reach.ShadowByArn);
            var output = new JsonObject { ["IsLogging"] = trail.IsLogging };
            Time(output, "LatestDeliveryTime", trail.Log.LatestDeliveryTime);
            if (trail.Log.LatestDeliveryError is { } error)
            {
                output["LatestDeliveryError"] = error;
            }

            AttemptTime(output, "LatestDeliveryAttemptTime", trail.Log.LatestDeliveryAttemptTime);
            AttemptTime(output, "LatestDeliveryAttemptSucceeded", trail.Log.LatestDeliveryAttemptSucceeded);
            Time(output, "LatestNotificationTime", trail.Log.LatestNotificationTime);
            if (trail.Log.LatestNotificationError is { } notificationError)
            {
                output["LatestNotificationError"] = notificationError;
            }

            Time(output, "StartLoggingTime", trail.StartLoggingTime);
            Time(output, "StopLoggingTime", trail.StopLoggingTime);
            return output;
        });
    }

    /// <summary>The older *Attempt* members AWS still sends: ISO 8601 strings to the second, empty until a first attempt.</summary>
    private static void AttemptTime(JsonObject output, string member, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            output[member] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static void Time(JsonObject output, string member, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            output[member] = time;
        }
    }
}
