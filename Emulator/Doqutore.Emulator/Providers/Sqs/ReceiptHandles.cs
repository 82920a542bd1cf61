using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// Receipt handles: opaque to callers, new on every receive. Inside is the queue ARN, the message id and a random
/// nonce, base64url-encoded, so a handle names its message without a lookup table and a handle from another
/// queue (or made up) is recognized as invalid.
/// </summary>
internal static class ReceiptHandles
{
    private const char Separator = '\n';

    public static string New(string queueArn, string messageId)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{queueArn}{Separator}{messageId}{Separator}{nonce}"));
    }

    /// <summary>The message id a handle of this queue names; <c>ReceiptHandleIsInvalid</c> otherwise.</summary>
    public static string MessageId(string queueArn, string handle)
    {
        if (handle.Length is > 0 and < 4096 && Base64Url.IsValid(handle))
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(handle));
            if (text.Split(Separator) is [var arn, { Length: > 0 } messageId, { Length: 32 }] && arn == queueArn)
            {
                return messageId;
            }
        }

        throw SqsErrors.ReceiptHandleIsInvalid(handle);
    }
}
