using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>The roles, users and groups an <c>AWS::IAM::Policy</c> or <c>AWS::IAM::ManagedPolicy</c> applies to, and their differences.</summary>
internal sealed record IamPolicyAttachments(IReadOnlyList<string> Roles, IReadOnlyList<string> Users, IReadOnlyList<string> Groups)
{
    public static IamPolicyAttachments Of(JsonObject properties) => new(
        ResourceJson.Strings(properties["Roles"]),
        ResourceJson.Strings(properties["Users"]),
        ResourceJson.Strings(properties["Groups"]));

    public static readonly IamPolicyAttachments None = new([], [], []);

    /// <summary>Each (kind, name) pair: kind is Role, User or Group, as the IAM operations name them.</summary>
    public IEnumerable<(string Kind, string Name)> All =>
        Roles.Select(r => ("Role", r)).Concat(Users.Select(u => ("User", u))).Concat(Groups.Select(g => ("Group", g)));

    public IEnumerable<(string Kind, string Name)> Except(IamPolicyAttachments other) => All.Except(other.All);
}
