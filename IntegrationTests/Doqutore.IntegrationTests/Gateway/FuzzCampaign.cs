// One fuzz run over one protocol: generate, mutate, sign, send, judge.
//
// Request i of a run is generated from its own Random seeded with (seed, i), so any single request can be
// regenerated from the seed and its index whatever the concurrency; the runs are deterministic in what they
// send (the order in which the senders interleave is not, and need not be).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>Runs the fuzzer over one protocol and gathers what it saw.</summary>
public sealed class FuzzCampaign(Protocol protocol, int seed, GatewayFuzzFixture emulators)
{
    private const int KeptFailures = 10;

    private readonly SeedRequests _seeds = new(protocol);
    private readonly RequestMutator _mutator = new(protocol);
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _mutations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _refusedSignatures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refusedExamples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unsent = new();
    private long _answered;
    private long _failed;
    private long _notSent;

    public int Seed => seed;

    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Responses that broke a rule (5xx, or an error not AWS-shaped for the protocol).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The first failing request of each kind of failure (status, shape, code), a few kinds at most.</summary>
    public IReadOnlyCollection<string> Failures => _failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"[{f.Key}] {f.Value}").ToArray();

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Request i, as the run generates it.</summary>
    public FuzzRequest Generate(long index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + (int)index));
        var request = _seeds.Next(random, index);
        _mutator.Mutate(request, random);
        return request;
    }

    /// <summary>Sends <paramref name="count"/> requests from <paramref name="senders"/> concurrent senders, bounded by <paramref name="budget"/>.</summary>
    public async Task RunAsync(int count, int senders, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        long next = -1;
        using var stop = new CancellationTokenSource(budget);
        var workers = Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            // Requests the HTTP client could not send do not count: the run goes on until `count` are answered.
            long index;
            while (Interlocked.Read(ref _answered) < count && (index = Interlocked.Increment(ref next)) < count * 2L && !stop.IsCancellationRequested)
            {
                await SendOneAsync(Generate(index)).ConfigureAwait(false);
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        Elapsed = clock.Elapsed;
    }

    private async Task SendOneAsync(FuzzRequest request)
    {
        WireResponse response;
        try
        {
            response = await emulators.Sender.SendAsync(request.Oversized ? emulators.Small : emulators.Main, request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException or FormatException or InvalidOperationException or TaskCanceledException or ArgumentException)
        {
            // The client refused or lost it. A server that dropped connections would show up here in bulk.
            Interlocked.Increment(ref _notSent);
            Count(_outcomes, $"not sent: {e.GetType().Name}");
            if (_unsent.Count < KeptFailures)
            {
                _unsent.Enqueue($"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}\n{request.Describe(200)}");
            }

            return;
        }

        Interlocked.Increment(ref _answered);
        foreach (var mutation in request.Mutations)
        {
            Count(_mutations, mutation.StartsWith("oversized", StringComparison.Ordinal) ? "oversized" : mutation);
        }

        string? problem = null;
        string outcome;
        if (response.StatusCode >= 500)
        {
            var verdict = AwsErrorShapes.Check(request, response);
            outcome = $"{response.StatusCode} {verdict.Code}";
            problem = $"status {response.StatusCode}: {AwsErrorShapes.Summary(response)}";
        }
        else if (response.StatusCode >= 400)
        {
            var verdict = AwsErrorShapes.Check(request, response);
            outcome = $"{response.StatusCode} {verdict.Protocol?.ToString() ?? "-"} {verdict.Code}";
            problem = verdict.Problem;
        }
        else
        {
            outcome = response.StatusCode.ToString(CultureInfo.InvariantCulture);
        }

        Count(_outcomes, outcome);
        if (request.Signing == FuzzSigning.Signed && response.StatusCode == 403 && outcome.Contains("Signature", StringComparison.Ordinal))
        {
            // Signed by the SDK yet refused: which mutations make the SDK and the verifier disagree.
            var key = request.Mutations.Count == 0 ? "(none)" : string.Join(" + ", request.Mutations.Order(StringComparer.Ordinal));
            Count(_refusedSignatures, key);
            _refusedExamples.TryAdd(key, request.Describe(200));
        }

        if (problem is not null)
        {
            Interlocked.Increment(ref _failed);
            if (_failures.Count < KeptFailures)
            {
                _failures.TryAdd(outcome, $"{problem}\n{request.Describe()}");
            }
        }
    }

    /// <summary>The run in a few lines: rate, outcome histogram, mutation histogram, unsent requests.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        var rate = Answered / Math.Max(Elapsed.TotalSeconds, 0.001);
        text.Append(CultureInfo.InvariantCulture, $"{protocol}: seed {seed}, {Answered} answered, {Interlocked.Read(ref _notSent)} not sent, {Failed} failed, in {Elapsed.TotalSeconds:F1} s ({rate:F0} requests/s); services {string.Join(", ", _seeds.ServiceIds)}; {_seeds.Fallbacks} random inputs the codec would not serialize\n");
        text.Append("outcomes (status, error shape, code):\n");
        foreach (var (key, n) in _outcomes.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(40))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {n,6}  {key}\n");
        }

        text.Append("mutations applied:\n");
        foreach (var (key, n) in _mutations.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {n,6}  {key}\n");
        }

        if (!_refusedSignatures.IsEmpty)
        {
            text.Append("correctly signed yet refused as badly signed, by mutations:\n");
            var refused = _refusedSignatures.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
            foreach (var (key, n) in refused.Take(15))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {n,6}  {key}\n");
            }

            foreach (var (key, _) in refused.Take(3))
            {
                text.Append(CultureInfo.InvariantCulture, $"  for example: {_refusedExamples[key]}\n");
            }
        }

        foreach (var unsent in _unsent)
        {
            text.Append("not sent: ").Append(unsent).Append('\n');
        }

        return text.ToString();
    }

    private static void Count(ConcurrentDictionary<string, int> counts, string key) => counts.AddOrUpdate(key, 1, (_, n) => n + 1);
}
