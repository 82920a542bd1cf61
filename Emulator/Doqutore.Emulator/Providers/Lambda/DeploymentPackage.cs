using System.IO.Compression;
using System.Security.Cryptography;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// A zip deployment package checked as Lambda checks it: a readable zip (AWS: "Could not unzip uploaded file…")
/// whose entries unpack to at most 250 MB, named by the base64 SHA-256 AWS shows as <c>CodeSha256</c>.
/// </summary>
internal static class DeploymentPackage
{
    /// <summary>Lambda's quota on a package's unzipped size (250 MB).</summary>
    public const long MaxUnzippedBytes = 262_144_000;

    /// <summary>Lambda's quota on a zipped package uploaded directly (50 MB) or read from S3 (AWS allows larger from S3, up to the unzipped quota).</summary>
    public const long MaxZippedBytes = 52_428_800;

    /// <summary>
    /// The CreateFunction/UpdateFunctionCode request limit, the base64 of 50 MB plus the JSON around it; AWS words a
    /// larger request "Request must be smaller than 69905067 bytes for the CreateFunction operation".
    /// </summary>
    public const long MaxRequestBytes = 69_905_067;

    /// <summary>Checks the zip and returns its <c>CodeSha256</c>.</summary>
    /// <exception cref="Doqutore.Aws.Protocols.AwsServiceException">InvalidParameterValueException for a bad or too large package.</exception>
    public static string Check(byte[] zip)
    {
        long unzipped = 0;
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                unzipped += entry.Length;
            }
        }
        catch (InvalidDataException)
        {
            throw LambdaErrors.InvalidParameterValue("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }

        if (unzipped > MaxUnzippedBytes)
        {
            throw LambdaErrors.InvalidParameterValue($"Unzipped size must be smaller than {MaxUnzippedBytes} bytes");
        }

        return Convert.ToBase64String(SHA256.HashData(zip));
    }

    /// <summary>
    /// Unpacks <paramref name="zip"/> into <paramref name="directory"/> once (a finished unpack is marked, so a crash
    /// half-way is redone) and makes <c>bootstrap</c> executable, as AWS's zip tooling advises for custom runtimes.
    /// </summary>
    public static void Unpack(byte[] zip, string directory)
    {
        // The mark sits beside the task root, never inside it, so the function sees only its package.
        var done = directory.TrimEnd(Path.DirectorySeparatorChar) + ".unpacked";
        if (File.Exists(done))
        {
            return;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        using (var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read))
        {
            archive.ExtractToDirectory(directory, overwriteFiles: true);
        }

        var bootstrap = Path.Combine(directory, "bootstrap");
        if (File.Exists(bootstrap) && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.UserRead);
        }

        File.WriteAllBytes(done, []);
    }
}
