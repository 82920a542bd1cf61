using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Authorization;

/// <summary>
/// A policy document IAM would reject: <c>MalformedPolicyDocument</c>, HTTP 400, with the message IAM shows
/// (see <see cref="PolicyDocument.Parse(string, PolicyParseOptions)"/> for which texts are verified).
/// </summary>
public sealed class MalformedPolicyDocumentException : AwsServiceException
{
    public const string ErrorCode = "MalformedPolicyDocument";

    public MalformedPolicyDocumentException(string message)
        : base(ErrorCode, message, 400, senderFault: true)
    {
    }

    public MalformedPolicyDocumentException()
        : this("Syntax errors in policy.")
    {
    }
}
