using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>
/// Amazon CloudWatch Logs (json 1.1): log groups and streams, PutLogEvents, GetLogEvents, FilterLogEvents with
/// the full filter-pattern syntax (<see cref="FilterPatterns.FilterPattern"/>), retention and tags. State is per
/// account and region (<see cref="LogsStore"/>), in memory. Every operation validates its whole input first,
/// then reads or changes state under the region's lock. Retention is enforced whenever a group is read or
/// written: events older than the retention period are deleted.
/// </summary>
public sealed partial class LogsProvider(LogsStore store, TimeProvider clock) : AwsServiceProvider
{
    public override string ServiceId => "logs";

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private T With<T>(RequestContext context, Func<LogsRegion, T> action) => store.With(context.AccountId, context.Region, action);

    private LogGroup Group(LogsRegion state, string name)
    {
        var group = state.Groups.TryGetValue(name, out var found) ? found : throw LogsErrors.GroupNotFound();
        group.Expire(Now);
        return group;
    }

    private static LogStream Stream(LogGroup group, string name) =>
        group.Streams.TryGetValue(name, out var stream) ? stream : throw LogsErrors.StreamNotFound();

    private static JsonObject Empty() => [];
}
