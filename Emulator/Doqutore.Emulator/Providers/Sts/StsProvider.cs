using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sts;

/// <summary>AWS Security Token Service. The identity plane adds AssumeRole and the session operations.</summary>
public sealed class StsProvider : AwsServiceProvider
{
    public override string ServiceId => "sts";

    /// <summary>
    /// Who the caller is. AWS answers it for every authenticated caller, even one with an explicit deny on
    /// <c>sts:GetCallerIdentity</c>.
    /// </summary>
    public JsonObject GetCallerIdentity(RequestContext context, JsonObject input) => new()
    {
        ["UserId"] = context.Principal.UserId,
        ["Account"] = context.Principal.AccountId,
        ["Arn"] = context.Principal.Arn,
    };
}
