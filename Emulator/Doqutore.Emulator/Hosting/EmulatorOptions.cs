namespace Doqutore.Emulator.Hosting;

/// <summary>
/// Settings of the emulator, bound from the <c>Emulator</c> configuration section (environment variables
/// <c>Emulator__Port</c> and so on) or set by the CLI.
/// </summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The address to listen on; loopback by default so nothing outside the machine reaches it.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 4566;

    /// <summary>The account of the root credentials below.</summary>
    public string AccountId { get; set; } = "000000000000";

    /// <summary>The region used when a request names none (unsigned requests).</summary>
    public string DefaultRegion { get; set; } = "us-east-1";

    /// <summary>Access key id of the account root.</summary>
    public string RootAccessKeyId { get; set; } = "test";

    /// <summary>Secret access key of the account root. A development secret, never a real one.</summary>
    public string RootSecretAccessKey { get; set; } = "test";

    /// <summary>
    /// Largest body the gateway buffers (everything but streamed S3 object bodies). Lambda's 50 MB zip
    /// upload arrives base64-encoded inside JSON, hence the margin.
    /// </summary>
    public long MaxBufferedBodyBytes { get; set; } = 80L * 1024 * 1024;

    /// <summary>
    /// Where durable services (S3 objects, DynamoDB tables) keep their data; null or empty keeps everything in
    /// memory (tests, throwaway runs). Each service owns a subfolder (<c>s3/</c>, <c>dynamodb/</c>).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// How IAM policies apply: <c>Enforce</c> refuses what AWS would refuse; <c>Audit</c> logs what it would
    /// refuse and lets it through; <c>Off</c> authorizes every authenticated caller.
    /// </summary>
    public AuthorizationMode Authorization { get; set; } = AuthorizationMode.Enforce;
}

/// <summary>See <see cref="EmulatorOptions.Authorization"/>.</summary>
public enum AuthorizationMode
{
    Enforce,
    Audit,
    Off,
}
