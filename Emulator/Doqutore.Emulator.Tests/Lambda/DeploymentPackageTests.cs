using System.IO.Compression;
using System.Security.Cryptography;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Providers.Lambda;

namespace Doqutore.Emulator.Tests.Lambda;

public sealed class DeploymentPackageTests
{
    [Fact]
    public void A_zip_is_named_by_the_base64_of_its_SHA_256()
    {
        var zip = Zip(("bootstrap", "#!/bin/sh\n"));

        Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), DeploymentPackage.Check(zip));
    }

    [Fact]
    public void Bytes_that_are_no_zip_get_AWSs_message()
    {
        var error = Assert.Throws<AwsServiceException>(() => DeploymentPackage.Check("PK but not really"u8.ToArray()));

        Assert.Equal(("InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again."), (error.Code, error.Message));
    }

    [Fact]
    public void Unpacking_makes_bootstrap_executable_and_leaves_no_mark_inside_the_task_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "pkg-" + Guid.NewGuid().ToString("N"));
        try
        {
            DeploymentPackage.Unpack(Zip(("bootstrap", "#!/bin/sh\n"), ("lib/a.txt", "a")), root);

            if (!OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(Path.Combine(root, "bootstrap")).HasFlag(UnixFileMode.UserExecute));
            }

            Assert.Equal(["bootstrap", "lib"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            File.Delete(root + ".unpacked");
        }
    }

    private static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
