using System.Text.RegularExpressions;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>
/// AWS's record schema against records from the field: Panther's CloudTrail test events. 171 of the 186 satisfy
/// it as they are; 15 carry traces of Panther's log normalization or hand editing (lower-cased field names,
/// <c>arn</c> for <c>ARN</c> in resources, an identity without its type), which are named here and tolerated,
/// while every other violation fails.
/// </summary>
public sealed partial class RecordSchemaTests
{
    private const int NormalizedEvents = 15;

    [SkippableTheory]
    [MemberData(nameof(PantherCases))]
    public void Every_Panther_CloudTrail_event_satisfies_the_record_schema_apart_from_Panther_s_normalizations(string caseName)
    {
        Skip.IfNot(PantherEvents.Available, PantherEvents.SkipReason);

        // Panther's events are written by hand and leave fields out; none may add, misname or mistype one.
        var violations = CloudTrailRecordSchema.Violations(PantherEvents.Event(caseName), requireAllFields: false);

        Assert.DoesNotContain(violations, v => !IsPantherNormalization(v));
    }

    [SkippableFact]
    public void Only_the_known_normalized_Panther_events_deviate_from_the_schema()
    {
        Skip.IfNot(PantherEvents.Available, PantherEvents.SkipReason);

        var deviating = PantherEvents.All().Count(c => CloudTrailRecordSchema.Violations(c.Event, requireAllFields: false).Count > 0);

        Assert.Equal(NormalizedEvents, deviating);
    }

    public static TheoryData<string> PantherCases() => PantherEvents.CaseNames();

    private static bool IsPantherNormalization(string violation) =>
        LowerCasedTopLevelField().IsMatch(violation)
        || LowerCasedResourceArn().IsMatch(violation)
        || violation.StartsWith("/userIdentity: required", StringComparison.Ordinal)
        || violation.StartsWith("/userIdentity/sessionContext/sessionIssuer/type: enum", StringComparison.Ordinal);

    // A top-level field AWS spells in camel case, written all in lower case (awsregion, eventid, useridentity, …).
    [GeneratedRegex("^/(apiversion|awsregion|eventcategory|eventid|eventname|eventsource|eventtime|eventtype|eventversion|managementevent|useridentity): ")]
    private static partial Regex LowerCasedTopLevelField();

    [GeneratedRegex("^/resources/[0-9]+/arn: ")]
    private static partial Regex LowerCasedResourceArn();
}
