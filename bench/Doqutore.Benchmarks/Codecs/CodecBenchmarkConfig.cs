using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Doqutore.Benchmarks.Codecs;

/// <summary>
/// A short job (a full run takes a few minutes on 2 cores) and scenario names shown whole. Warm-up stays
/// automatic: with ShortRun's three fixed warm-up iterations the slow XML cases were still tiering up
/// while being measured.
/// </summary>
public sealed class CodecBenchmarkConfig : ManualConfig
{
    public CodecBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithIterationCount(5).WithId("Short"));
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(32);
    }
}
