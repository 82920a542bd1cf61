namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// A trail's event selectors: basic (<see cref="Basic"/>) or advanced (<see cref="Advanced"/>), never both. A new
/// trail has one basic selector taking every management event and no data events.
/// </summary>
public sealed record TrailEventSelectors(IReadOnlyList<BasicEventSelector>? Basic, IReadOnlyList<AdvancedEventSelector>? Advanced)
{
    public static TrailEventSelectors Default { get; } = new([new BasicEventSelector(ReadWriteType.All, true, [], [])], null);
}

/// <summary>Which events a basic selector takes by <c>readOnly</c>.</summary>
public enum ReadWriteType
{
    ReadOnly,
    WriteOnly,
    All,
}

/// <summary>A basic <c>EventSelector</c>.</summary>
public sealed record BasicEventSelector(
    ReadWriteType ReadWriteType,
    bool IncludeManagementEvents,
    IReadOnlyList<DataResource> DataResources,
    IReadOnlyList<string> ExcludeManagementEventSources);

/// <summary>A basic selector's <c>DataResource</c>: a type and ARN prefixes (§1.5).</summary>
public sealed record DataResource(string Type, IReadOnlyList<string> Values);

/// <summary>An <c>AdvancedEventSelector</c>: its field selectors are ANDed.</summary>
public sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector> FieldSelectors);

/// <summary>
/// An <c>AdvancedFieldSelector</c>: the positive operators (Equals, StartsWith, EndsWith) are ORed, the negative
/// ones (NotEquals, NotStartsWith, NotEndsWith) must all hold.
/// </summary>
public sealed record AdvancedFieldSelector(string Field)
{
    public IReadOnlyList<string> EqualsValues { get; init; } = [];

    public IReadOnlyList<string> StartsWith { get; init; } = [];

    public IReadOnlyList<string> EndsWith { get; init; } = [];

    public IReadOnlyList<string> NotEquals { get; init; } = [];

    public IReadOnlyList<string> NotStartsWith { get; init; } = [];

    public IReadOnlyList<string> NotEndsWith { get; init; } = [];

    public int ValueCount => EqualsValues.Count + StartsWith.Count + EndsWith.Count + NotEquals.Count + NotStartsWith.Count + NotEndsWith.Count;
}
