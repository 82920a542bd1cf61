using System.Diagnostics;
using System.Text;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// On Amazon Linux (the <c>provided.al2023</c> image) <c>/bin/sh</c> is bash, and AWS's own custom-runtime tutorial
/// relies on it (<c>#!/bin/sh</c> with <c>set -euo pipefail</c> and <c>source</c>). Where this machine's
/// <c>/bin/sh</c> is another shell (Debian's dash), a <c>#!/bin/sh</c> bootstrap is started with bash, so it runs as
/// it would in Lambda; every other bootstrap starts as itself.
/// </summary>
internal static class AmazonLinuxShell
{
    private const string Bash = "/bin/bash";
    private const string ShShebang = "#!/bin/sh";

    /// <summary>How to start <paramref name="bootstrap"/>: itself, or bash reading it when it asks for <c>/bin/sh</c>.</summary>
    public static ProcessStartInfo StartInfo(string bootstrap)
    {
        if (!AsksForSh(bootstrap) || !File.Exists(Bash) || ShIsBash())
        {
            return new ProcessStartInfo(bootstrap);
        }

        var info = new ProcessStartInfo(Bash);
        info.ArgumentList.Add(bootstrap);
        return info;
    }

    private static bool AsksForSh(string bootstrap)
    {
        Span<byte> head = stackalloc byte[64];
        using var file = File.OpenRead(bootstrap);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var firstLine = Encoding.ASCII.GetString(head[..read]).Split('\n')[0].TrimEnd('\r', ' ', '\t');
        return firstLine == ShShebang;
    }

    private static bool ShIsBash()
    {
        var target = new FileInfo("/bin/sh").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "/bin/sh";
        return Path.GetFileName(target) == "bash";
    }
}
