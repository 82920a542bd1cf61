using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// Console passwords. The password is validated and then dropped: it is never stored, echoed in a response
/// or an error message, or logged.
/// </summary>
public sealed partial class IamProvider
{
    public JsonObject CreateLoginProfile(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        CheckPassword(IamInput.Optional(input, "Password") ?? throw PasswordError("Member must not be null"));
        var resetRequired = IamInput.Bool(input, "PasswordResetRequired");
        return With(context, account =>
        {
            var user = account.User(userName);
            if (user.LoginProfile is not null)
            {
                throw IamErrors.EntityAlreadyExists($"Login Profile for user {user.Name} already exists.");
            }

            user.LoginProfile = new IamLoginProfile(Now, resetRequired);
            account.Changed();
            return new JsonObject { ["LoginProfile"] = LoginProfileJson(user, user.LoginProfile) };
        });
    }

    public JsonObject GetLoginProfile(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        return With(context, account =>
        {
            var user = account.User(userName);
            return new JsonObject { ["LoginProfile"] = LoginProfileJson(user, RequireLoginProfile(user)) };
        });
    }

    public JsonObject UpdateLoginProfile(RequestContext context, JsonObject input)
    {
        var userName = IamInput.Name(input, "UserName", 128);
        if (IamInput.Optional(input, "Password") is { } password)
        {
            CheckPassword(password);
        }

        bool? resetRequired = input["PasswordResetRequired"] is null ? null : IamInput.Bool(input, "PasswordResetRequired");
        return With(context, account =>
        {
            var profile = RequireLoginProfile(account.User(userName));
            profile.PasswordResetRequired = resetRequired ?? profile.PasswordResetRequired;
            account.Changed();
            return Empty();
        });
    }

    public JsonObject DeleteLoginProfile(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        return With(context, account =>
        {
            var user = account.User(userName);
            RequireLoginProfile(user);
            user.LoginProfile = null;
            account.Changed();
            return Empty();
        });
    }

    private static IamLoginProfile RequireLoginProfile(IamUser user) =>
        user.LoginProfile ?? throw IamErrors.NoSuchEntity($"Login Profile for User {user.Name} cannot be found.");

    // The model's passwordType: 1–128 characters of tab, LF, CR and U+0020–U+00FF. The value is sensitive,
    // so the message names the member without the value, as AWS does for sensitive members.
    private static void CheckPassword(string password)
    {
        if (password.Length is < 1 or > 128)
        {
            throw PasswordError(password.Length < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 128");
        }

        if (password.Any(c => c is not ('\t' or '\n' or '\r') && (c < '\u0020' || c > '\u00FF')))
        {
            throw PasswordError($"Member must satisfy regular expression pattern: {IamInput.DocumentPattern}");
        }
    }

    private static AwsServiceException PasswordError(string constraint) =>
        new("ValidationError", $"1 validation error detected: Value at 'password' failed to satisfy constraint: {constraint}", 400);

    private static JsonObject LoginProfileJson(IamUser user, IamLoginProfile profile) => new()
    {
        ["UserName"] = user.Name,
        ["CreateDate"] = profile.Created,
        ["PasswordResetRequired"] = profile.PasswordResetRequired,
    };
}
