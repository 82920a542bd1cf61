using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.Sns;

namespace Doqutore.Emulator.Tests.Sns;

public class SnsFilterPolicyTests
{
    private static SnsPublication With(params (string Name, string Type, string Value)[] attributes) =>
        new("id", "arn:aws:sns:us-east-1:000000000000:t", "m", null, DateTimeOffset.UnixEpoch)
        {
            Attributes = attributes.ToDictionary(a => a.Name, a => new MessageAttribute(a.Type, a.Value)),
        };

    [Fact]
    public void An_or_of_two_keys_counts_the_keys_of_the_widest_branch()
    {
        var policy = SnsFilterPolicy.Parse("""{"$or":[{"a":["1"],"b":["1"]},{"c":["1"]}],"d":["1"],"e":["1"],"f":["1"]}""", SnsFilterPolicy.AttributeScope);

        Assert.True(policy.Matches(With(("c", "String", "1"), ("d", "String", "1"), ("e", "String", "1"), ("f", "String", "1")), "m"));
    }

    [Fact]
    public void Or_branches_add_their_combinations_and_keys_multiply_them()
    {
        // (2 + 2) x 38 = 152 combinations: over the quota.
        var many = string.Join(',', Enumerable.Range(0, 38).Select(i => $"\"{i}\""));

        var error = Assert.Throws<AwsServiceException>(() => SnsFilterPolicy.Parse($$"""{"$or":[{"a":["1","2"]},{"b":["1","2"]}],"c":[{{many}}]}""", SnsFilterPolicy.AttributeScope));

        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy is too complex", error.Message);
    }

    [Fact]
    public void An_empty_policy_matches_everything()
    {
        Assert.True(SnsFilterPolicy.Parse("{}", SnsFilterPolicy.AttributeScope).Matches(With(), "m"));
    }

    [Fact]
    public void A_number_attribute_matches_numeric_ranges_but_not_strings()
    {
        var numeric = SnsFilterPolicy.Parse("""{"price":[{"numeric":[">=",100,"<",200]}]}""", SnsFilterPolicy.AttributeScope);
        var text = SnsFilterPolicy.Parse("""{"price":["150"]}""", SnsFilterPolicy.AttributeScope);

        Assert.True(numeric.Matches(With(("price", "Number", "150")), "m"));
        Assert.False(numeric.Matches(With(("price", "Number", "250")), "m"));
        Assert.False(text.Matches(With(("price", "Number", "150")), "m"));
    }

    [Fact]
    public void A_custom_number_type_is_still_a_number()
    {
        var policy = SnsFilterPolicy.Parse("""{"n":[{"numeric":["=",3]}]}""", SnsFilterPolicy.AttributeScope);

        Assert.True(policy.Matches(With(("n", "Number.int", "3")), "m"));
    }

    [Fact]
    public void A_body_policy_reads_the_message_not_the_attributes()
    {
        var policy = SnsFilterPolicy.Parse("""{"kind":["alert"]}""", SnsFilterPolicy.BodyScope);

        Assert.True(policy.Matches(With(), """{"kind":"alert"}"""));
        Assert.False(policy.Matches(With(("kind", "String", "alert")), """{"kind":"info"}"""));
    }
}
