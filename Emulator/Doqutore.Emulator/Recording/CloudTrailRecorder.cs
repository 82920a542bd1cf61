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
        if (_sinks.Length == 0 || context.Operation is null || Caller(context) is not { } caller)
        {
            return;
        }

        var record = builder.Build(context, caller, clock.GetUtcNow());
        foreach (var sink in _sinks)
        {
            sink.Accept(record);
        }
    }

    private static Principal? Caller(RequestContext context) =>
        context.Authenticated ? context.Principal : context.ClaimedPrincipal;
}
