using Doqutore.Emulator.Providers.Lambda;

namespace Doqutore.Emulator.Tests.Lambda;

public sealed class FunctionNamesTests
{
    [Theory]
    [InlineData("my-function", "my-function", null, null, null)]
    [InlineData("my-function:$LATEST", "my-function", null, null, "$LATEST")]
    [InlineData("123456789012:function:my-function", "my-function", "123456789012", null, null)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:my_function:live", "my_function", "123456789012", "eu-west-1", "live")]
    public void Every_form_Lambda_accepts_is_read(string value, string name, string? account, string? region, string? qualifier)
    {
        Assert.Equal((name, account, region, qualifier), FunctionNames.Parse(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("a-name-that-is-far-too-long-for-lambda-which-allows-sixty-four-chars")]
    public void Other_values_are_not_function_names(string value)
    {
        Assert.Null(FunctionNames.Parse(value));
    }
}
