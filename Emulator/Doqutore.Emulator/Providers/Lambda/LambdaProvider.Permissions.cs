using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// AddPermission, RemovePermission, GetPolicy: the function's resource policy, built statement by statement as
/// Lambda builds it (a service or account principal, <c>AWS:SourceArn</c> as ArnLike and <c>AWS:SourceAccount</c>
/// as StringEquals), and consulted for services invoking the function (<see cref="LambdaFunctionPolicies"/>).
/// </summary>
internal sealed partial class LambdaProvider
{
    public JsonObject AddPermission(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        var sid = (string?)input["StatementId"] ?? string.Empty;
        if (!Regex.IsMatch(sid, "^([a-zA-Z0-9-_.]+)$") || sid.Length > 100)
        {
            throw LambdaErrors.Validation(sid, "statementId", "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
        }

        var action = (string?)input["Action"] ?? string.Empty;
        if (!Regex.IsMatch(action, @"^(lambda:[*]|lambda:[a-zA-Z]+|[*])$"))
        {
            throw LambdaErrors.Validation(action, "action", "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }

        var statement = new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Principal"] = PrincipalOf((string?)input["Principal"] ?? string.Empty),
            ["Action"] = action,
            ["Resource"] = function.Config.Arn,
        };
        var condition = new JsonObject();
        if ((string?)input["SourceAccount"] is { } sourceAccount)
        {
            condition["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = sourceAccount };
        }

        if ((string?)input["SourceArn"] is { } sourceArn)
        {
            condition["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = sourceArn };
        }

        if ((string?)input["PrincipalOrgID"] is { } org)
        {
            condition["StringEquals"] ??= new JsonObject();
            condition["StringEquals"]!["aws:PrincipalOrgID"] = org;
        }

        if (condition.Count > 0)
        {
            statement["Condition"] = condition;
        }

        lock (function.Gate)
        {
            if ((string?)input["RevisionId"] is { } revision && revision != function.PolicyRevisionId)
            {
                throw LambdaErrors.PreconditionFailed();
            }

            if (function.PolicyStatements.Any(s => (string?)s["Sid"] == sid))
            {
                throw LambdaErrors.Conflict($"The statement id ({sid}) provided already exists. Please provide a new statement id, or remove the existing statement.");
            }

            function.PolicyStatements.Add(statement);
            function.PolicyRevisionId = NewRevisionId();
            store.Save(function);
        }

        return new JsonObject { ["Statement"] = statement.ToJsonString() };
    }

    public JsonObject RemovePermission(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        var sid = (string?)input["StatementId"];
        lock (function.Gate)
        {
            if ((string?)input["RevisionId"] is { } revision && revision != function.PolicyRevisionId)
            {
                throw LambdaErrors.PreconditionFailed();
            }

            var index = function.PolicyStatements.FindIndex(s => (string?)s["Sid"] == sid);
            if (index < 0)
            {
                throw LambdaErrors.ResourceNotFound($"Statement {sid} is not found in resource policy.");
            }

            function.PolicyStatements.RemoveAt(index);
            function.PolicyRevisionId = NewRevisionId();
            store.Save(function);
        }

        return [];
    }

    public JsonObject GetPolicy(RequestContext context, JsonObject input)
    {
        var function = Resolve(context, input);
        var policy = function.PolicyDocument() ?? throw LambdaErrors.ResourceNotFound("The resource you requested does not exist.");
        lock (function.Gate)
        {
            return new JsonObject { ["Policy"] = policy, ["RevisionId"] = function.PolicyRevisionId };
        }
    }

    /// <summary>A service (<c>events.amazonaws.com</c>), an account id (its root), an ARN, or <c>*</c>.</summary>
    private static JsonNode PrincipalOf(string principal) => principal switch
    {
        "*" => "*",
        _ when principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) => new JsonObject { ["Service"] = principal },
        _ when Regex.IsMatch(principal, @"^\d{12}$") => new JsonObject { ["AWS"] = $"arn:aws:iam::{principal}:root" },
        _ when principal.StartsWith("arn:", StringComparison.Ordinal) => new JsonObject { ["AWS"] = principal },
        _ => throw LambdaErrors.InvalidParameterValue($"The provided principal was invalid. Please check the principal and try again."),
    };
}
