using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Providers.CloudTrail;

namespace Doqutore.Emulator.Tests.CloudTrail;

public class EventSelectorInputTests
{
    private static AwsServiceException Invalid(string json) =>
        Assert.Throws<AwsServiceException>(() => EventSelectorInput.Read(JsonNode.Parse(json)!.AsObject()));

    [Fact]
    public void Basic_selectors_read_with_defaults()
    {
        var selectors = EventSelectorInput.Read(JsonNode.Parse("""{"EventSelectors":[{}]}""")!.AsObject());
        var selector = Assert.Single(selectors.Basic!);
        Assert.Equal((ReadWriteType.All, true, 0, 0), (selector.ReadWriteType, selector.IncludeManagementEvents, selector.DataResources.Count, selector.ExcludeManagementEventSources.Count));
        Assert.Null(selectors.Advanced);
    }

    [Fact]
    public void Both_kinds_at_once_are_refused()
    {
        var e = Invalid("""{"EventSelectors":[{}],"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]}""");
        Assert.Equal("InvalidParameterCombinationException", e.Code);
    }

    [Fact]
    public void Neither_kind_is_refused()
    {
        Assert.Equal("InvalidParameterCombinationException", Invalid("{}").Code);
    }

    [Fact]
    public void More_than_five_basic_selectors_are_refused()
    {
        var e = Invalid("""{"EventSelectors":[{},{},{},{},{},{}]}""");
        Assert.Equal("InvalidEventSelectorsException", e.Code);
        Assert.Equal("You have exceeded the maximum of 5 event selectors for the trail.", e.Message);
    }

    [Fact]
    public void A_data_type_only_advanced_selectors_support_is_refused_in_basic_selectors()
    {
        var e = Invalid("""{"EventSelectors":[{"DataResources":[{"Type":"AWS::DynamoDB::Stream","Values":["arn:aws:dynamodb"]}]}]}""");
        Assert.Equal("InvalidEventSelectorsException", e.Code);
        Assert.StartsWith("Resource type AWS::DynamoDB::Stream is not valid for basic event selectors.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS::S3::Object", "arn:aws:s3:::bucket")]
    [InlineData("AWS::S3::Object", "arn:aws:lambda")]
    [InlineData("AWS::Lambda::Function", "arn:aws:s3")]
    [InlineData("AWS::DynamoDB::Table", "patients")]
    public void Data_resource_values_of_the_wrong_form_are_refused(string type, string value)
    {
        var e = Invalid($$"""{"EventSelectors":[{"DataResources":[{"Type":"{{type}}","Values":["{{value}}"]}]}]}""");
        Assert.Equal("InvalidEventSelectorsException", e.Code);
        Assert.Equal($"Value {value} for DataResources.Values is invalid.", e.Message);
    }

    [Fact]
    public void More_than_250_data_resource_values_are_refused()
    {
        var values = string.Join(",", Enumerable.Range(0, 251).Select(i => $"\"arn:aws:s3:::b{i:000}/\""));
        var e = Invalid($$"""{"EventSelectors":[{"DataResources":[{"Type":"AWS::S3::Object","Values":[{{values}}]}]}]}""");
        Assert.Equal("InvalidEventSelectorsException", e.Code);
    }

    [Fact]
    public void Only_kms_and_rdsdata_can_be_excluded()
    {
        Assert.Equal("InvalidEventSelectorsException", Invalid("""{"EventSelectors":[{"ExcludeManagementEventSources":["iam.amazonaws.com"]}]}""").Code);
        EventSelectorInput.Read(JsonNode.Parse("""{"EventSelectors":[{"ExcludeManagementEventSources":["kms.amazonaws.com","rdsdata.amazonaws.com"]}]}""")!.AsObject());
    }

    [Fact]
    public void An_advanced_selector_without_eventCategory_is_refused()
    {
        var e = Invalid("""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventName","Equals":["PutObject"]}]}]}""");
        Assert.Equal("You must specify the eventCategory field in each advanced event selector.", e.Message);
    }

    [Theory]
    [InlineData("readOnly")]
    [InlineData("eventCategory")]
    [InlineData("resources.type")]
    public void Equals_only_fields_refuse_other_operators(string field)
    {
        var starts = Invalid($$"""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"{{field}}","StartsWith":["x"]}]}]}""");
        Assert.Equal("InvalidEventSelectorsException", starts.Code);
        Assert.Equal($"The only operator supported for the field {field} is Equals.", starts.Message);
    }

    [Fact]
    public void An_unknown_field_is_refused()
    {
        var e = Invalid("""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventTime","Equals":["x"]}]}]}""");
        Assert.StartsWith("Field eventTime is not valid.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_selector_must_name_its_resource_type()
    {
        var e = Invalid("""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]}]}]}""");
        Assert.Equal("You must specify exactly one value for the resources.type field in a data event selector.", e.Message);
    }

    [Fact]
    public void A_management_selector_refuses_data_fields()
    {
        var e = Invalid("""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"eventName","Equals":["CreateUser"]}]}]}""");
        Assert.StartsWith("Field eventName is not valid for management events.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnly_values_are_true_or_false()
    {
        var e = Invalid("""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"readOnly","Equals":["yes"]}]}]}""");
        Assert.Equal("Value for field readOnly must be true or false.", e.Message);
    }

    [Fact]
    public void More_than_500_advanced_values_are_refused()
    {
        var values = string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"Op{i}\""));
        var e = Invalid($$"""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"eventName","Equals":[{{values}}]}]}]}""");
        Assert.Equal("You have exceeded the maximum of 500 conditions for advanced event selectors on the trail.", e.Message);
    }

    [Fact]
    public void A_field_given_twice_is_refused()
    {
        var e = Invalid("""{"AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"eventCategory","Equals":["Management"]}]}]}""");
        Assert.Equal("Field eventCategory is specified more than once in an advanced event selector.", e.Message);
    }

    [Fact]
    public void Advanced_selectors_write_back_as_given()
    {
        var json = """{"AdvancedEventSelectors":[{"Name":"s3 writes","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"resources.ARN","StartsWith":["arn:aws:s3:::b/"],"NotEndsWith":[".tmp"]}]}]}""";
        var written = EventSelectorInput.Write("arn:aws:cloudtrail:us-east-1:111122223333:trail/t", EventSelectorInput.Read(JsonNode.Parse(json)!.AsObject()));
        Assert.Equal(JsonNode.Parse(json)!["AdvancedEventSelectors"]!.ToJsonString(), written["AdvancedEventSelectors"]!.ToJsonString());
        Assert.Null(written["EventSelectors"]);
    }
}
