using System.Text;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// Message body rules: the XML character set SQS allows (#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD |
/// #x10000–#x10FFFF), and a size limit that counts the body plus every attribute's name, type and value.
/// </summary>
internal static class MessageBodies
{
    private const string AllowedSet = "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF";

    public static void CheckCharacters(string text, string where = "message body")
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var allowed = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed)
            {
                throw SqsErrors.InvalidMessageContents($"Invalid binary character '#x{(int)c:X}' was found in the {where}, the set of allowed characters is {AllowedSet}");
            }
        }
    }

    /// <summary>The size SQS limits: the body's UTF-8 bytes plus the attributes'.</summary>
    public static long Size(string body, IReadOnlyDictionary<string, SqsAttributeValue> attributes) =>
        Encoding.UTF8.GetByteCount(body) + attributes.Sum(a => (long)a.Value.Size(a.Key));

    public static void CheckSize(long size, int maximum)
    {
        if (size > maximum)
        {
            throw SqsErrors.InvalidParameterValue($"One or more parameters are invalid. Reason: Message must be shorter than {maximum} bytes.");
        }
    }
}
