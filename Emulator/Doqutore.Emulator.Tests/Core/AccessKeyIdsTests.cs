using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Tests.Core;

public class AccessKeyIdsTests
{
    [Theory]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "581039954779")]
    public void The_account_is_decoded_as_published(string keyId, string account)
    {
        Assert.Equal(account, AccessKeyIds.AccountOf(keyId));
    }

    [Theory]
    [InlineData("AKIA", "000000000000")]
    [InlineData("AKIA", "123456789012")]
    [InlineData("ASIA", "999999999999")]
    public void New_keys_encode_their_account(string prefix, string account)
    {
        var keyId = AccessKeyIds.New(prefix, account);

        Assert.Matches($"^{prefix}[A-Z2-7]{{16}}$", keyId);
        Assert.Equal(account, AccessKeyIds.AccountOf(keyId));
    }

    [Fact]
    public void New_keys_differ()
    {
        Assert.NotEqual(AccessKeyIds.New("AKIA", "000000000000"), AccessKeyIds.New("AKIA", "000000000000"));
    }

    [Fact]
    public void Secrets_are_forty_characters()
    {
        Assert.Equal(40, AccessKeyIds.NewSecret().Length);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("AKIA0000000000000000")]
    public void Ids_that_are_not_AWS_style_decode_to_nothing(string keyId)
    {
        Assert.Null(AccessKeyIds.AccountOf(keyId));
    }
}
