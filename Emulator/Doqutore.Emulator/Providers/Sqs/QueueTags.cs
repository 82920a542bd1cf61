namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>Queue tag rules: at most 50 per queue, keys 1–128 and values up to 256 characters.</summary>
internal static class QueueTags
{
    public const int MaxTags = 50;

    public static void Check(IReadOnlyDictionary<string, string> tags, int existing = 0)
    {
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128)
            {
                throw SqsErrors.InvalidParameterValue($"Tag key must be between 1 and 128 characters: {key}"); // [guess] wording
            }

            if (value.Length > 256)
            {
                throw SqsErrors.InvalidParameterValue($"Tag value must be at most 256 characters for key {key}"); // [guess] wording
            }
        }

        if (existing + tags.Count > MaxTags)
        {
            throw SqsErrors.InvalidParameterValue($"Too many tags added for queue. Maximum allowed tags per queue is {MaxTags}."); // [guess] wording
        }
    }
}
