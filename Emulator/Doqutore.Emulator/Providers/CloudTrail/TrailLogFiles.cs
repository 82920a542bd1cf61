using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// CloudTrail log files (§1.6): gzip JSON <c>{"Records":[…]}</c> under
/// <c>[prefix/]AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/YYYY/MM/DD/</c>, named
/// <c>&lt;account&gt;_CloudTrail_&lt;region&gt;_&lt;YYYYMMDD&gt;T&lt;HHmm&gt;Z_&lt;16 chars&gt;.json.gz</c> with the delivery time.
/// One file per account and region of the records (a multi-region trail writes one per region).
/// </summary>
public static class TrailLogFiles
{
    private const string UniqueAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The object key of a log file delivered at <paramref name="deliveredAt"/>.</summary>
    public static string Key(string? prefix, string accountId, string region, DateTimeOffset deliveredAt, string unique)
    {
        var utc = deliveredAt.UtcDateTime;
        var folder = $"AWSLogs/{accountId}/CloudTrail/{region}/{utc:yyyy}/{utc:MM}/{utc:dd}/";
        var file = $"{accountId}_CloudTrail_{region}_{utc:yyyyMMdd}T{utc:HHmm}Z_{unique}.json.gz";
        return (string.IsNullOrEmpty(prefix) ? string.Empty : prefix.TrimEnd('/') + "/") + folder + file;
    }

    /// <summary>A random 16-character unique string, as AWS's (it carries no meaning).</summary>
    public static string UniqueString() => RandomNumberGenerator.GetString(UniqueAlphabet, 16);

    /// <summary>The gzip content of a file holding the records whose JSON texts are <paramref name="records"/>.</summary>
    public static byte[] Content(IEnumerable<string> records)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Records");
            foreach (var record in records)
            {
                writer.WriteRawValue(record, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The records of one delivery grouped as its files are: one group per account and region.</summary>
    public static IEnumerable<IReadOnlyList<RecordedEvent>> Batches(IEnumerable<RecordedEvent> records) =>
        records.GroupBy(r => (r.Record.AccountId, r.Record.Region)).Select(g => (IReadOnlyList<RecordedEvent>)g.ToList());

    /// <summary>The key and content of the file holding one batch, delivered at <paramref name="deliveredAt"/>.</summary>
    public static (string Key, byte[] Content) File(string? prefix, IReadOnlyList<RecordedEvent> batch, DateTimeOffset deliveredAt) =>
        (Key(prefix, batch[0].Record.AccountId, batch[0].Record.Region, deliveredAt, UniqueString()), Content(batch.Select(r => r.Json)));
}
