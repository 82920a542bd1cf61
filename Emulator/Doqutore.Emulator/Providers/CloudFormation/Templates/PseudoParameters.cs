using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>The pseudo parameters CloudFormation predefines (<c>AWS::AccountId</c>, <c>AWS::NoValue</c>, …).</summary>
internal static class PseudoParameters
{
    public const string NoValue = "AWS::NoValue";

    public static bool IsPseudo(string name) => name is "AWS::AccountId" or "AWS::Region" or "AWS::StackName" or "AWS::StackId"
        or "AWS::Partition" or "AWS::URLSuffix" or NoValue or "AWS::NotificationARNs";

    public static JsonNode? Value(string name, TemplateScope scope) => name switch
    {
        "AWS::AccountId" => scope.AccountId,
        "AWS::Region" => scope.Region,
        "AWS::StackName" => scope.StackName,
        "AWS::StackId" => scope.StackId,
        "AWS::Partition" => scope.Partition,
        "AWS::URLSuffix" => scope.UrlSuffix,
        "AWS::NotificationARNs" => new JsonArray(),
        _ => null,
    };
}
