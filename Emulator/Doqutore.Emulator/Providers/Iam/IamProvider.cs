using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// AWS Identity and Access Management over the query protocol. IAM is global: the state is the caller's
/// account's (<see cref="RequestContext.AccountId"/>), whatever region the request was signed for. The
/// operations are split by group (users, groups, roles, managed policies, inline policies, access keys,
/// login profiles, tags); each validates its whole input first, then changes state under the account's lock.
/// </summary>
public sealed partial class IamProvider(IamStore store, TimeProvider clock) : AwsServiceProvider
{
    public override string ServiceId => "iam";

    private DateTimeOffset Now => TruncateToSeconds(clock.GetUtcNow());

    private T With<T>(RequestContext context, Func<IamAccount, T> action) => store.With(context.AccountId, action);

    // IAM's timestamps have whole seconds on the wire.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>The sort key of names that are unique ignoring case.</summary>
    private static string SortKey(string name) => name.ToUpperInvariant();

    private static JsonArray TagsJson(IEnumerable<IamTag> tags) =>
        new(tags.Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray());

    private static JsonObject Boundary(string arn) => new()
    {
        ["PermissionsBoundaryType"] = "PermissionsBoundaryPolicy",
        ["PermissionsBoundaryArn"] = arn,
    };

    private static JsonObject Empty() => [];
}
