using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Doqutore.Emulator.Providers.Sns;

namespace Doqutore.Emulator.Tests.Sns;

public class SnsSignerTests
{
    [Fact]
    public void The_canonical_string_skips_absent_fields_and_ends_every_value_with_a_newline()
    {
        var canonical = SnsSigner.CanonicalString([("Message", "m"), ("MessageId", "1"), ("Subject", null), ("Type", "Notification")]);

        Assert.Equal("Message\nm\nMessageId\n1\nType\nNotification\n", canonical);
    }

    [Theory]
    [InlineData("1", "SHA1")]
    [InlineData("2", "SHA256")]
    public void A_signature_verifies_with_the_certificate_public_key(string version, string hash)
    {
        using var signer = new SnsSigner(TimeProvider.System);
        using var certificate = X509Certificate2.CreateFromPem(signer.CertificatePem);
        using var key = certificate.GetRSAPublicKey()!;

        var signature = signer.Sign("Message\nm\n", version);

        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes("Message\nm\n"), Convert.FromBase64String(signature), new HashAlgorithmName(hash), RSASignaturePadding.Pkcs1));
        Assert.StartsWith("SimpleNotificationService-", signer.CertificateFile, StringComparison.Ordinal);
    }
}
