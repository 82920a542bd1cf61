using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>A key schema: the partition (HASH) key and the optional sort (RANGE) key, each with its scalar type.</summary>
internal sealed record KeySchema(string PartitionKey, string PartitionType, string? SortKey, string? SortType)
{
    public IEnumerable<string> Names => SortKey is null ? [PartitionKey] : [PartitionKey, SortKey];

    /// <summary>The key schema in the wire shape (<c>[{"AttributeName": "id", "KeyType": "HASH"}, ...]</c>).</summary>
    public JsonArray ToJson()
    {
        var array = new JsonArray { new JsonObject { ["AttributeName"] = PartitionKey, ["KeyType"] = "HASH" } };
        if (SortKey is not null)
        {
            array.Add(new JsonObject { ["AttributeName"] = SortKey, ["KeyType"] = "RANGE" });
        }

        return array;
    }

    /// <summary>The key attributes of an item (the item must have them).</summary>
    public JsonObject KeyOf(JsonObject item)
    {
        var key = new JsonObject();
        foreach (var name in Names)
        {
            key[name] = item[name]!.DeepClone();
        }

        return key;
    }

    /// <summary>Whether an item carries this schema's keys with the right types (GSIs are sparse: items without them are not indexed).</summary>
    public bool Indexes(JsonObject item) =>
        AttributeValues.TypeOf(item[PartitionKey] as JsonObject) == PartitionType &&
        (SortKey is null || AttributeValues.TypeOf(item[SortKey] as JsonObject) == SortType);

    /// <summary>Checks a request's Key: exactly the key attributes, with the schema's types.</summary>
    public void CheckKey(JsonObject? key)
    {
        if (key is null || key.Count != Names.Count() || Names.Any(n => AttributeValues.TypeOf(key[n] as JsonObject) != TypeOf(n)))
        {
            throw DynamoDbErrors.KeyMismatch();
        }

        CheckKeyValues(key);
    }

    /// <summary>Checks the key attributes of an item to be written: present, of the right type, non-empty, within size limits.</summary>
    public void CheckItemKey(JsonObject item)
    {
        foreach (var name in Names)
        {
            if (item[name] is not JsonObject value)
            {
                throw DynamoDbErrors.InvalidParameter($"Missing the key {name} in the item");
            }

            var type = AttributeValues.TypeOf(value);
            if (type != TypeOf(name))
            {
                throw DynamoDbErrors.InvalidParameter($"Type mismatch for key {name} expected: {TypeOf(name)} actual: {type}");
            }
        }

        CheckKeyValues(item);
    }

    private void CheckKeyValues(JsonObject key)
    {
        foreach (var name in Names)
        {
            var value = (JsonObject)key[name]!;
            var type = AttributeValues.TypeOf(value)!;
            var text = (string)value[type]!;
            if (text.Length == 0)
            {
                throw DynamoDbErrors.InvalidParameter($"The AttributeValue for a key attribute cannot contain an empty {(type == "S" ? "string" : "binary")} value. Key: {name}");
            }

            var size = AttributeValues.SizeOf(value);
            if (name == PartitionKey && size > 2048)
            {
                throw DynamoDbErrors.InvalidParameter("Size of hashkey has exceeded the maximum size limit of2048 bytes");
            }

            if (name == SortKey && size > 1024)
            {
                throw DynamoDbErrors.InvalidParameter("Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
            }
        }
    }

    private string? TypeOf(string name) => name == PartitionKey ? PartitionType : name == SortKey ? SortType : null;

    /// <summary>A canonical text for a key value, equal for equal values (numbers normalized).</summary>
    public static string Canonical(JsonObject value)
    {
        var type = AttributeValues.TypeOf(value)!;
        var text = (string)value[type]!;
        return type + ":" + (type == "N" ? AttributeValues.NormalizeNumber(text) : text);
    }

    /// <summary>The canonical text of a whole primary key (partition and sort), for duplicate detection.</summary>
    public string CanonicalKey(JsonObject item)
    {
        var builder = new StringBuilder(Canonical((JsonObject)item[PartitionKey]!));
        if (SortKey is not null)
        {
            builder.Append('\u0001').Append(Canonical((JsonObject)item[SortKey]!));
        }

        return builder.ToString();
    }
}
