namespace Doqutore.Aws.Events;

/// <summary>The token kinds of the pattern reader, named as Jackson's <c>JsonToken</c> (event-ruler's parser).</summary>
internal enum PatternToken
{
    None,
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    FieldName,
    String,
    NumberInt,
    NumberFloat,
    True,
    False,
    Null,
}
