using System.Text;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.Oracle;

/// <summary>The models the oracle checks, the codec under test, and the report of one model's run.</summary>
internal sealed class OracleRun
{
    private const int MaxListed = 60;
    private readonly Dictionary<string, string> _wireByOperation = new(StringComparer.Ordinal);

    private OracleRun(ServiceModel model, IProtocolCodec codec)
    {
        Model = model;
        Codec = codec;
    }

    /// <summary>Every embedded model, primary and variant, as (id, protocol) pairs.</summary>
    public static TheoryData<string, string> Models
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var model in ServiceModels.All())
            {
                data.Add(model.Id, model.Protocol.ToString());
            }

            return data;
        }
    }

    public ServiceModel Model { get; }

    public IProtocolCodec Codec { get; }

    public List<Mismatch> Mismatches { get; } = [];

    public HashSet<string> Operations { get; } = new(StringComparer.Ordinal);

    public int Checked { get; set; }

    /// <summary>Operations that share their HTTP binding with the one our codec resolved (reported, not failed).</summary>
    public SortedSet<string> Indistinguishable { get; } = new(StringComparer.Ordinal);

    /// <summary>The model and its codec; a missing codec fails the test (it is what the oracle is for).</summary>
    public static OracleRun Start(string id, string protocol)
    {
        var model = ServiceModels.Get(id, Enum.Parse<Protocol>(protocol))
            ?? throw new InvalidOperationException($"No model of {id} over {protocol}.");
        IProtocolCodec codec;
        try
        {
            codec = ProtocolCodecs.For(model);
        }
        catch (NotSupportedException e)
        {
            Assert.Fail($"The oracle cannot check {model}: ProtocolCodecs has no codec for {model.Protocol} ({e.Message}).");
            throw;
        }

        BotocoreOracle.RequireAvailable();
        return new OracleRun(model, codec);
    }

    public void Add(string operation, int sample, string path, string expected, string actual) =>
        Mismatches.Add(new(operation, sample, path, expected, actual));

    /// <summary>Keeps the wire form of an operation's first mismatching sample, to show beside the diffs.</summary>
    public void RememberWire(string operation, int sample, Func<string> describe)
    {
        if (!_wireByOperation.ContainsKey(operation) && Mismatches.Any(m => m.Operation == operation && m.Sample == sample))
        {
            _wireByOperation[operation] = $"#{sample} {describe()}";
        }
    }

    /// <summary>
    /// Fails with a report listing each mismatch (operation, sample, path, both values) when there is any.
    /// </summary>
    /// <param name="direction">What was checked, and what 'expected' and 'got' mean for it.</param>
    /// <param name="output">Where the summary goes on success too (per model: operations and samples checked).</param>
    public void AssertNoMismatch(string direction, ITestOutputHelper output)
    {
        var summary = $"{Model}: {direction}: {Operations.Count} operations, {Checked} samples checked, {Mismatches.Count} mismatches";
        if (Indistinguishable.Count > 0)
        {
            summary += $"; same binding, accepted: {string.Join(", ", Indistinguishable)}";
        }

        output.WriteLine(summary);
        if (Mismatches.Count == 0)
        {
            return;
        }

        var report = new StringBuilder(summary).AppendLine();
        var byOperation = Mismatches.GroupBy(m => m.Operation).ToArray();
        report.AppendLine($"Operations with mismatches ({byOperation.Length}): {string.Join(", ", byOperation.Select(g => $"{g.Key} ({g.Count()})"))}");
        report.AppendLine("Most frequent paths: " + string.Join(", ", Mismatches
            .GroupBy(m => $"{m.Operation}.{m.Path}")
            .OrderByDescending(g => g.Count())
            .Take(10)
            .Select(g => $"{g.Key} x{g.Count()}")));
        var listed = 0;
        foreach (var group in byOperation)
        {
            if (listed >= MaxListed)
            {
                report.AppendLine($"... and {Mismatches.Count - listed} more.");
                break;
            }

            report.AppendLine();
            if (_wireByOperation.TryGetValue(group.Key, out var wire))
            {
                report.AppendLine($"  {group.Key} wire {wire}");
            }

            foreach (var mismatch in group.Take(8))
            {
                report.AppendLine($"  {mismatch}");
                listed++;
            }
        }

        Assert.Fail(report.ToString());
    }
}
