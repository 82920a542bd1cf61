using Doqutore.Aws.Models;

namespace Doqutore.Aws.Tests.Models;

public class UnsignedOperationsTests
{
    [Fact]
    public void SNS_ConfirmSubscription_is_unsigned_because_its_SubscribeURL_is_a_plain_link()
    {
        Assert.Equal("none", ServiceModels.Get("sns").FindOperation("ConfirmSubscription")!.AuthType);
    }

    [Fact]
    public void Other_SNS_operations_stay_signed()
    {
        Assert.Null(ServiceModels.Get("sns").FindOperation("Unsubscribe")!.AuthType);
    }
}
