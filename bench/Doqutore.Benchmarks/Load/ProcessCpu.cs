using System.Diagnostics;
using System.Globalization;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// CPU time a process has used so far, user plus system, read from <c>/proc/PID/stat</c> (fields 14 and 15,
/// in clock ticks): the same figure for the emulator, the stub and the driver itself.
/// </summary>
public static class ProcessCpu
{
    private static readonly Lazy<double> MillisecondsPerTick = new(ReadClockTicksPerSecond);

    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is parenthesised and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * MillisecondsPerTick.Value);
    }

    public static TimeSpan Self() => Read(Environment.ProcessId);

    private static double ReadClockTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return 1000.0 / double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 10.0; // USER_HZ is 100 on every Linux we run on.
        }
    }
}
