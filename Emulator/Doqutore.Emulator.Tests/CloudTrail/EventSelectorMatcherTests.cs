using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.CloudTrail;

public class EventSelectorMatcherTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static TrailEventSelectors Basic(params BasicEventSelector[] selectors) => new(selectors, null);

    private static TrailEventSelectors Advanced(params AdvancedEventSelector[] selectors) => new(null, selectors);

    private static BasicEventSelector Data(string type, params string[] values) =>
        new(ReadWriteType.All, false, [new DataResource(type, values)], []);

    private static AdvancedFieldSelector Field(string name, params string[] equals) => new(name) { EqualsValues = equals };

    [Fact]
    public void Default_selectors_take_management_reads_and_writes()
    {
        Assert.True(EventSelectorMatcher.Selects(TrailEventSelectors.Default, Records.Of("iam.amazonaws.com", "CreateUser", At)));
        Assert.True(EventSelectorMatcher.Selects(TrailEventSelectors.Default, Records.Of("iam.amazonaws.com", "GetUser", At, readOnly: true)));
    }

    [Fact]
    public void Default_selectors_take_no_data_events()
    {
        Assert.False(EventSelectorMatcher.Selects(TrailEventSelectors.Default, Records.S3Object("b", "k", At)));
    }

    [Theory]
    [InlineData(ReadWriteType.ReadOnly, true, true)]
    [InlineData(ReadWriteType.ReadOnly, false, false)]
    [InlineData(ReadWriteType.WriteOnly, true, false)]
    [InlineData(ReadWriteType.WriteOnly, false, true)]
    [InlineData(ReadWriteType.All, true, true)]
    [InlineData(ReadWriteType.All, false, true)]
    public void ReadWriteType_selects_by_readOnly(ReadWriteType type, bool readOnly, bool selected)
    {
        var selectors = Basic(new BasicEventSelector(type, true, [], []));
        Assert.Equal(selected, EventSelectorMatcher.Selects(selectors, Records.Of("sqs.amazonaws.com", "X", At, readOnly: readOnly)));
    }

    [Fact]
    public void IncludeManagementEvents_false_drops_management_events()
    {
        var selectors = Basic(new BasicEventSelector(ReadWriteType.All, false, [], []));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.Of("iam.amazonaws.com", "CreateUser", At)));
    }

    [Fact]
    public void ExcludeManagementEventSources_drops_that_source_only()
    {
        var selectors = Basic(new BasicEventSelector(ReadWriteType.All, true, [], ["kms.amazonaws.com"]));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.Of("kms.amazonaws.com", "Decrypt", At)));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.Of("iam.amazonaws.com", "CreateUser", At)));
    }

    [Theory]
    [InlineData("arn:aws:s3", "bucket", "any/key", true)]
    [InlineData("arn:aws:s3:::", "bucket", "any/key", true)]
    [InlineData("arn:aws:s3:::bucket/", "bucket", "any/key", true)]
    [InlineData("arn:aws:s3:::bucket/", "bucket2", "any/key", false)]
    [InlineData("arn:aws:s3:::bucket/logs/", "bucket", "logs/a.txt", true)]
    [InlineData("arn:aws:s3:::bucket/logs/", "bucket", "data/a.txt", false)]
    [InlineData("arn:aws:s3:::bucket/lo", "bucket", "logs/a.txt", true)]
    public void S3_data_resources_match_by_ARN_prefix(string value, string bucket, string key, bool selected)
    {
        Assert.Equal(selected, EventSelectorMatcher.Selects(Basic(Data("AWS::S3::Object", value)), Records.S3Object(bucket, key, At)));
    }

    [Theory]
    [InlineData("arn:aws:lambda", "helloworld", true)]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:helloworld", "helloworld", true)]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:helloworld", "helloworld2", false)]
    public void Lambda_data_resources_match_all_or_exactly(string value, string function, bool selected)
    {
        Assert.Equal(selected, EventSelectorMatcher.Selects(Basic(Data("AWS::Lambda::Function", value)), Records.Lambda(function, At)));
    }

    [Theory]
    [InlineData("arn:aws:dynamodb", "patients", true)]
    [InlineData("arn:aws:dynamodb:us-east-1:111122223333:table/patients", "patients", true)]
    [InlineData("arn:aws:dynamodb:us-east-1:111122223333:table/patients", "patients-archive", false)]
    public void DynamoDB_data_resources_match_all_or_exactly(string value, string table, bool selected)
    {
        Assert.Equal(selected, EventSelectorMatcher.Selects(Basic(Data("AWS::DynamoDB::Table", value)), Records.DynamoDb(table, At)));
    }

    [Fact]
    public void A_data_resource_of_another_type_does_not_select()
    {
        Assert.False(EventSelectorMatcher.Selects(Basic(Data("AWS::Lambda::Function", "arn:aws:lambda")), Records.S3Object("b", "k", At)));
    }

    [Fact]
    public void Data_resource_respects_ReadWriteType()
    {
        var selectors = Basic(new BasicEventSelector(ReadWriteType.WriteOnly, true, [new DataResource("AWS::S3::Object", ["arn:aws:s3"])], []));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At)));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At, "PutObject", readOnly: false)));
    }

    [Fact]
    public void Advanced_management_selector_takes_management_events_only()
    {
        var selectors = Advanced(new AdvancedEventSelector("mgmt", [Field("eventCategory", "Management")]));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.Of("iam.amazonaws.com", "CreateUser", At)));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At)));
    }

    [Fact]
    public void Advanced_fields_are_ANDed()
    {
        var selectors = Advanced(new AdvancedEventSelector(null, [Field("eventCategory", "Management"), Field("readOnly", "false")]));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.Of("iam.amazonaws.com", "CreateUser", At)));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.Of("iam.amazonaws.com", "GetUser", At, readOnly: true)));
    }

    [Fact]
    public void Advanced_values_within_a_field_are_ORed()
    {
        var selectors = Advanced(new AdvancedEventSelector(null,
        [
            Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), Field("eventName", "PutObject", "DeleteObject"),
        ]));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At, "PutObject", false)));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At, "DeleteObject", false)));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At, "GetObject")));
    }

    [Fact]
    public void Any_advanced_selector_suffices()
    {
        var selectors = Advanced(
            new AdvancedEventSelector(null, [Field("eventCategory", "Data"), Field("resources.type", "AWS::Lambda::Function")]),
            new AdvancedEventSelector(null, [Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object")]));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.S3Object("b", "k", At)));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.DynamoDb("t", At)));
    }

    [Theory]
    [InlineData("StartsWith", "arn:aws:s3:::b/logs/", "logs/x", true)]
    [InlineData("StartsWith", "arn:aws:s3:::b/logs/", "data/x", false)]
    [InlineData("EndsWith", ".json", "data/x.json", true)]
    [InlineData("EndsWith", ".json", "data/x.csv", false)]
    [InlineData("NotStartsWith", "arn:aws:s3:::b/logs/", "logs/x", false)]
    [InlineData("NotStartsWith", "arn:aws:s3:::b/logs/", "data/x", true)]
    [InlineData("NotEndsWith", ".json", "data/x.json", false)]
    [InlineData("NotEquals", "arn:aws:s3:::b/secret", "secret", false)]
    [InlineData("NotEquals", "arn:aws:s3:::b/secret", "public", true)]
    public void Advanced_ARN_operators(string op, string value, string key, bool selected)
    {
        string[] v = [value];
        var arn = op switch
        {
            "StartsWith" => new AdvancedFieldSelector("resources.ARN") { StartsWith = v },
            "EndsWith" => new AdvancedFieldSelector("resources.ARN") { EndsWith = v },
            "NotStartsWith" => new AdvancedFieldSelector("resources.ARN") { NotStartsWith = v },
            "NotEndsWith" => new AdvancedFieldSelector("resources.ARN") { NotEndsWith = v },
            _ => new AdvancedFieldSelector("resources.ARN") { NotEquals = v },
        };
        var selectors = Advanced(new AdvancedEventSelector(null, [Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), arn]));
        Assert.Equal(selected, EventSelectorMatcher.Selects(selectors, Records.S3Object("b", key, At)));
    }

    [Fact]
    public void Advanced_resource_fields_hold_for_one_and_the_same_resource()
    {
        // The record names an object of bucket b and the bucket itself: type Object and an ARN ending "/k" are the
        // same resource; type Bucket with that ARN is not.
        var same = Advanced(new AdvancedEventSelector(null,
        [
            Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), new AdvancedFieldSelector("resources.ARN") { EndsWith = ["/k"] },
        ]));
        var mixed = Advanced(new AdvancedEventSelector(null,
        [
            Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Bucket"), new AdvancedFieldSelector("resources.ARN") { EndsWith = ["/k"] },
        ]));
        Assert.True(EventSelectorMatcher.Selects(same, Records.S3Object("b", "k", At)));
        Assert.False(EventSelectorMatcher.Selects(mixed, Records.S3Object("b", "k", At)));
    }

    [Fact]
    public void Positive_and_negative_operators_on_one_field_both_hold()
    {
        var field = new AdvancedFieldSelector("eventName") { StartsWith = ["Put"], NotEquals = ["PutObjectAcl"] };
        Assert.True(EventSelectorMatcher.Holds(field, "PutObject"));
        Assert.False(EventSelectorMatcher.Holds(field, "PutObjectAcl"));
        Assert.False(EventSelectorMatcher.Holds(field, "GetObject"));
    }

    [Fact]
    public void Advanced_eventSource_NotEquals_excludes_kms()
    {
        var selectors = Advanced(new AdvancedEventSelector(null,
            [Field("eventCategory", "Management"), new AdvancedFieldSelector("eventSource") { NotEquals = ["kms.amazonaws.com"] }]));
        Assert.False(EventSelectorMatcher.Selects(selectors, Records.Of("kms.amazonaws.com", "Decrypt", At, readOnly: true)));
        Assert.True(EventSelectorMatcher.Selects(selectors, Records.Of("iam.amazonaws.com", "CreateUser", At)));
    }

    [Fact]
    public void An_empty_basic_selector_list_selects_nothing()
    {
        Assert.False(EventSelectorMatcher.Selects(Basic(), Records.Of("iam.amazonaws.com", "CreateUser", At)));
    }

    [Fact]
    public void Data_category_is_read_from_the_record()
    {
        var record = Records.DynamoDb("t", At);
        Assert.Equal(CloudTrailEventCategory.Data, record.Category);
        Assert.True(EventSelectorMatcher.Selects(Advanced(new AdvancedEventSelector(null, [Field("eventCategory", "Data"), Field("resources.type", "AWS::DynamoDB::Table")])), record));
    }
}
