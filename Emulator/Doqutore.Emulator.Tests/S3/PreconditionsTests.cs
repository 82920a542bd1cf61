using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Providers.S3;

namespace Doqutore.Emulator.Tests.S3;

public sealed class PreconditionsTests
{
    private static readonly DateTimeOffset Modified = new(2026, 1, 1, 12, 0, 0, 500, TimeSpan.Zero);
    private static readonly S3ObjectVersion Object = new() { Key = "k", ETag = "\"abc\"", LastModified = Modified };

    [Fact]
    public void If_Match_true_overrides_a_failing_If_Unmodified_Since()
    {
        Preconditions.Check(Object, "\"abc\"", Modified.AddDays(-1), null, null);
    }

    [Fact]
    public void If_Match_false_is_412_naming_the_condition()
    {
        var error = Assert.Throws<AwsServiceException>(() => Preconditions.Check(Object, "\"other\"", null, null, null));

        Assert.Equal("PreconditionFailed", error.Code);
        Assert.Equal("If-Match", (string?)error.Details["Condition"]);
    }

    [Fact]
    public void If_None_Match_star_on_a_read_is_304()
    {
        var error = Assert.Throws<AwsServiceException>(() => Preconditions.Check(Object, null, null, "*", null));

        Assert.Equal(304, error.StatusCode);
    }

    [Fact]
    public void If_None_Match_false_overrides_a_failing_If_Modified_Since()
    {
        Preconditions.Check(Object, null, null, "\"other\"", Modified.AddDays(1));
    }

    [Fact]
    public void If_Modified_Since_the_same_second_is_304()
    {
        var error = Assert.Throws<AwsServiceException>(() => Preconditions.Check(Object, null, null, null, new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal("NotModified", error.Code);
    }

    [Fact]
    public void Copy_source_conditions_fail_with_412_and_the_header_name()
    {
        var error = Assert.Throws<AwsServiceException>(() => Preconditions.Check(Object, null, null, "\"abc\"", null, prefix: "x-amz-copy-source-"));

        Assert.Equal(412, error.StatusCode);
        Assert.Equal("x-amz-copy-source-If-None-Match", (string?)error.Details["Condition"]);
    }
}
