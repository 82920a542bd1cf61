using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.DynamoDb.Streams;

/// <summary>
/// Amazon DynamoDB Streams (<c>streams.dynamodb</c>, json 1.0): ListStreams, DescribeStream, GetShardIterator and
/// GetRecords over the streams DynamoDB's tables write. A shard iterator is an opaque token naming the stream, the
/// shard and the sequence number of the next record to read, so it stays valid as old records are trimmed; one
/// that points below the trim horizon answers TrimmedDataAccessException, as AWS does.
/// </summary>
internal sealed class DynamoDbStreamsProvider(DynamoDbStore store, TimeProvider clock) : AwsServiceProvider
{
    public override string ServiceId => "streams.dynamodb";

    public JsonObject ListStreams(RequestContext context, JsonObject input)
    {
        var tableName = DynamoDbInput.String(input, "TableName");
        var start = DynamoDbInput.String(input, "ExclusiveStartStreamArn");
        var limit = (int)(DynamoDbInput.Long(input, "Limit") ?? 100);
        var streams = store.Region(context).Streams.Values
            .Where(s => tableName is null || s.TableName == tableName)
            .OrderBy(s => s.Arn, StringComparer.Ordinal)
            .Where(s => start is null || string.CompareOrdinal(s.Arn, start) > 0)
            .ToList();
        var page = streams.Take(limit).ToList();
        var output = new JsonObject
        {
            ["Streams"] = new JsonArray([.. page.Select(s => (JsonNode)new JsonObject { ["StreamArn"] = s.Arn, ["TableName"] = s.TableName, ["StreamLabel"] = s.Label })]),
        };
        if (streams.Count > page.Count)
        {
            output["LastEvaluatedStreamArn"] = page[^1].Arn;
        }

        return output;
    }

    public JsonObject DescribeStream(RequestContext context, JsonObject input)
    {
        var stream = Stream(context, DynamoDbInput.Required(input, "StreamArn", "streamArn"));
        var range = new JsonObject { ["StartingSequenceNumber"] = DynamoDbStream.FirstSequenceNumber };
        if (!stream.Enabled && stream.LastSequenceNumber is { } last)
        {
            range["EndingSequenceNumber"] = last;
        }

        return new JsonObject
        {
            ["StreamDescription"] = new JsonObject
            {
                ["StreamArn"] = stream.Arn,
                ["StreamLabel"] = stream.Label,
                ["StreamStatus"] = stream.Enabled ? "ENABLED" : "DISABLED",
                ["StreamViewType"] = stream.ViewType,
                ["CreationRequestDateTime"] = stream.CreatedAt,
                ["TableName"] = stream.TableName,
                ["KeySchema"] = stream.Keys.ToJson(),
                ["Shards"] = new JsonArray { new JsonObject { ["ShardId"] = stream.ShardId, ["SequenceNumberRange"] = range } },
            },
        };
    }

    public JsonObject GetShardIterator(RequestContext context, JsonObject input)
    {
        var stream = Stream(context, DynamoDbInput.Required(input, "StreamArn", "streamArn"));
        var shard = DynamoDbInput.Required(input, "ShardId", "shardId");
        if (shard != stream.ShardId)
        {
            throw new AwsServiceException("ResourceNotFoundException", $"Requested resource not found: Shard does not exist"); // [guess] wording.
        }

        var type = DynamoDbInput.Required(input, "ShardIteratorType", "shardIteratorType");
        var sequence = DynamoDbInput.String(input, "SequenceNumber");
        var now = clock.GetUtcNow();
        long position;
        switch (type)
        {
            case "TRIM_HORIZON":
                position = stream.TrimHorizon(now);
                break;
            case "LATEST":
                position = stream.NextSequence;
                break;
            case "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER":
                if (!DynamoDbStream.TryParse(sequence, out var number) || number >= stream.NextSequence || number < DynamoDbStream.FirstSequence)
                {
                    throw DynamoDbErrors.Validation($"Invalid SequenceNumber for ShardIteratorType {type}"); // [guess] wording.
                }

                if (number < stream.TrimHorizon(now))
                {
                    throw Trimmed();
                }

                position = type == "AT_SEQUENCE_NUMBER" ? number : number + 1;
                break;
            default:
                throw DynamoDbErrors.Constraint(type, "shardIteratorType", "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
        }

        return new JsonObject { ["ShardIterator"] = Iterator(stream.Arn, shard, position) };
    }

    public JsonObject GetRecords(RequestContext context, JsonObject input)
    {
        var (arn, position) = ParseIterator(DynamoDbInput.Required(input, "ShardIterator", "shardIterator"));
        var stream = Stream(context, arn);
        var limit = (int)(DynamoDbInput.Long(input, "Limit") ?? 1000);
        if (limit is < 1 or > 1000)
        {
            throw DynamoDbErrors.Constraint(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "limit",
                limit < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 1000");
        }

        var now = clock.GetUtcNow();
        if (position < stream.TrimHorizon(now))
        {
            throw Trimmed();
        }

        var records = stream.Read(position, limit, now);
        var output = new JsonObject { ["Records"] = new JsonArray([.. records]) };
        var next = records.Count == 0 ? position : long.Parse((string)records[^1]["dynamodb"]!["SequenceNumber"]!, System.Globalization.CultureInfo.InvariantCulture) + 1;

        // A closed shard read to its end has no next iterator.
        if (stream.Enabled || next < stream.NextSequence)
        {
            output["NextShardIterator"] = Iterator(stream.Arn, stream.ShardId, next);
        }

        return output;
    }

    /// <summary>AWS's answer to a read below the trim horizon (records older than 24 hours are gone).</summary>
    private static AwsServiceException Trimmed() =>
        new("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.");

    private DynamoDbStream Stream(RequestContext context, string arn) =>
        store.Region(context).Streams.TryGetValue(arn, out var stream)
            ? stream
            : throw new AwsServiceException("ResourceNotFoundException", $"Requested resource not found: Stream: {arn} not found");

    private static string Iterator(string arn, string shard, long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{arn}|{shard}|{position}"));

    private static (string Arn, long Position) ParseIterator(string iterator)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(iterator)).Split('|');
            if (parts.Length == 3 && DynamoDbStream.TryParse(parts[2], out var position) && position >= 0)
            {
                return (parts[0], position);
            }
        }
        catch (FormatException)
        {
        }

        throw DynamoDbErrors.Validation("Invalid ShardIterator"); // [guess] wording.
    }
}
