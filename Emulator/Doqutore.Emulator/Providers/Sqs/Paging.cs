using System.Buffers.Text;
using System.Text;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>Opaque NextTokens of the List operations: the last name of the page, base64url-encoded.</summary>
internal static class Paging
{
    public static string Encode(string lastName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastName));

    public static string Decode(string token)
    {
        if (token.Length is > 0 and < 1024 && Base64Url.IsValid(token))
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }

        // [guess] wording
        throw SqsErrors.InvalidParameterValue(token, "NextToken", "Invalid NextToken.");
    }
}
