using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>
/// Amazon CloudWatch metrics (the <c>monitoring</c> model) over both protocols it speaks, query and
/// awsJson1.0 (<c>ServiceQuirks.ProtocolVariants</c>): PutMetricData, GetMetricStatistics, GetMetricData
/// (MetricStat queries; metric math is refused with a clear error) and ListMetrics. Metrics are per account
/// and region, in memory (<see cref="CloudWatchStore"/>), kept and rolled up as AWS's retention schedule says
/// (<see cref="MetricRetention"/>). Alarms, dashboards and metric streams come later.
/// </summary>
public sealed partial class CloudWatchProvider(CloudWatchStore store, TimeProvider clock) : AwsServiceProvider
{
    private const int MaxDatapointsPerCall = 1440;

    public override string ServiceId => "monitoring";

    /// <summary>Runs an action on the caller's region, after expiring and rolling up aged samples (<see cref="MetricRetention"/>).</summary>
    private T With<T>(RequestContext context, Func<CloudWatchRegion, T> action) => store.With(context.AccountId, context.Region, state =>
    {
        MetricRetention.Sweep(state, clock.GetUtcNow());
        return action(state);
    });

    /// <summary>Buckets samples in [start, end) by period, aligned to multiples of the period since the epoch.</summary>
    private static IEnumerable<(DateTimeOffset Start, List<MetricSample> Samples)> Buckets(IEnumerable<MetricSample> samples, DateTimeOffset start, DateTimeOffset end, int period) =>
        samples.Where(s => s.Timestamp >= start && s.Timestamp < end)
            .GroupBy(s => s.Timestamp.ToUnixTimeSeconds() - (((s.Timestamp.ToUnixTimeSeconds() % period) + period) % period))
            .OrderBy(g => g.Key)
            .Select(g => (DateTimeOffset.FromUnixTimeSeconds(g.Key), g.ToList()));

    private static void CheckPeriod(int? period, string parameter)
    {
        if (period is not { } seconds)
        {
            throw CloudWatchErrors.MissingParameter(parameter);
        }

        if (seconds < 1 || (seconds >= 60 ? seconds % 60 != 0 : seconds is not (1 or 5 or 10 or 30)))
        {
            // [guess] AWS's wording.
            throw CloudWatchErrors.InvalidParameterValue($"The parameter {parameter} must be 1, 5, 10, 30, or a multiple of 60.");
        }
    }

    private static void CheckRange(DateTimeOffset start, DateTimeOffset end)
    {
        if (start >= end)
        {
            throw CloudWatchErrors.InvalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
        }
    }

    private static string Token(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(position.ToString(CultureInfo.InvariantCulture)));

    private static int ReadToken(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            return int.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position : throw CloudWatchErrors.InvalidNextToken();
        }
        catch (FormatException)
        {
            throw CloudWatchErrors.InvalidNextToken();
        }
    }
}
