using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Signs SNS messages as AWS does: an RSA key of the emulator's own (made once per process), a self-signed
/// certificate for it served at <see cref="CertificatePath"/>, and signatures over the canonical string of
/// the message's fields (SHA1withRSA for SignatureVersion 1, SHA256withRSA for 2), so that subscribers can run
/// the verification AWS documents against the emulator unchanged.
/// </summary>
public sealed class SnsSigner : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public SnsSigner(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var request = new CertificateRequest("CN=sns.amazonaws.com", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = clock.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        CertificatePem = certificate.ExportCertificatePem();
        CertificateFile = $"SimpleNotificationService-{certificate.Thumbprint[..32].ToLowerInvariant()}.pem";
    }

    /// <summary>The path under the emulator's base URL where the certificate is served.</summary>
    public string CertificatePath => $"/_doqutore/sns/{CertificateFile}";

    /// <summary>The certificate's file name (<c>SimpleNotificationService-….pem</c>, as AWS names them).</summary>
    public string CertificateFile { get; }

    /// <summary>The certificate in PEM form.</summary>
    public string CertificatePem { get; }

    /// <summary>The base64 signature of <paramref name="canonical"/> for a topic's signature version.</summary>
    public string Sign(string canonical, string signatureVersion)
    {
        var hash = signatureVersion == "2" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        return Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(canonical), hash, RSASignaturePadding.Pkcs1));
    }

    /// <summary>
    /// The string AWS signs: each field's name and value on its own line, in this order, skipping absent
    /// fields (Subject when none was published). Notifications sign Message, MessageId, Subject, Timestamp,
    /// TopicArn, Type; confirmations sign Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type.
    /// </summary>
    public static string CanonicalString(IEnumerable<(string Name, string? Value)> fields)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                text.Append(name).Append('\n').Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    public void Dispose() => _key.Dispose();
}
