using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Doqutore.Benchmarks.Codecs;

/// <summary>A short job (a full run takes a few minutes on 2 cores) and scenario names shown whole.</summary>
public sealed class CodecBenchmarkConfig : ManualConfig
{
    public CodecBenchmarkConfig()
    {
        AddJob(Job.ShortRun);
        SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(32);
    }
}
