using Doqutore.Emulator.Core;
using Doqutore.Emulator.Gateway;

namespace Doqutore.Emulator.Recording;

/// <summary>
/// The gateway's last step: every call that reached an operation becomes a CloudTrail record handed to the
/// CloudTrail service (<see cref="ICloudTrailSink"/>) — successes, errors, access denials, and failed
/// authentications with a key that exists (attributed to the key's owner [guess: AWS does not document which
/// authentication failures it records]). Calls that name no existing identity, and unsigned calls to services
/// that require a signature, have nobody to attribute them to and are not recorded.
/// </summary>
public sealed class CloudTrailRecorder(IEnumerable<ICloudTrailSink> sinks, CloudTrailRecordBuilder builder, TimeProvider clock) : ICallRecorder
{
    private readonly ICloudTrailSink[] _sinks = sinks.ToArray();

    public void Record(RequestContext context)
    {
        if (_sinks.Length == 0 || context.Operation is null || Caller(context) is not { } caller || !AnySinkMayKeep(context, caller))
        {
            return;
        }

        var record = builder.Build(context, caller, clock.GetUtcNow());
        foreach (var sink in _sinks)
        {
            sink.Accept(record);
        }
    }

    private bool AnySinkMayKeep(RequestContext context, Principal caller)
    {
        var category = CloudTrailConventions.DataEventType(context.Service!.Id, context.Operation!.Name) is null
            ? CloudTrailEventCategory.Management
            : CloudTrailEventCategory.Data;
        var accountId = CloudTrailRecordBuilder.AccountOf(context, caller);
        foreach (var sink in _sinks)
        {
            if (sink.MayKeep(accountId, category))
            {
                return true;
            }
        }

        return false;
    }

    private static Principal? Caller(RequestContext context) =>
        context.Authenticated ? context.Principal : context.ClaimedPrincipal;
}
