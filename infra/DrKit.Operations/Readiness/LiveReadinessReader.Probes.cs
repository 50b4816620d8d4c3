using System.Globalization;
using DrKit.Core.Monitoring;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary>
    /// A freshness probe's metric as its alarm reads it: namespace <c>DrKit</c>, per <c>stack</c> and <c>component</c>
    /// (<see cref="FreshnessProbe.Dimensions"/>), Maximum per period as the backup-age alarm reads it.
    /// </summary>
    public static LagMetric ProbeMetric(string metricName) =>
        new(FreshnessProbe.Namespace, metricName, FreshnessProbe.Dimensions[0]) { MoreDimensions = [.. FreshnessProbe.Dimensions.Skip(1)], Statistic = "SampleCount" };

    /// <summary>
    /// Each source of each freshness probe the plan decides, read where the probe publishes: the newest datapoint of its
    /// metric in the probe's region over twice <see cref="FreshnessProbe.StaleAfter"/> (so a probe that stopped shows when it
    /// last reported), with one-minute periods so the datapoint's
    /// time is the minute the probe published. What the probe reported (the value) is the alarm's business; here only
    /// whether it still reports, which the alarm cannot tell apart from a stale backup.
    /// </summary>
    private async Task<IReadOnlyList<ProbeObservation>> ProbesAsync(DrPlan plan, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var allowed = FreshnessProbe.StaleAfter;
        var window = allowed * 2;
        var observations = new List<ProbeObservation>();
        foreach (var probe in AlarmPlanner.Probes(plan, Core.Operations.OperationsState.None))
        {
            foreach (var source in probe.Sources)
            {
                var metric = ProbeMetric(source.Metric);
                IReadOnlyList<string> values = [plan.Stack, source.Component];
                var series = $"CloudWatch {metric} {metric.Series(values)} in {probe.Region}";
                try
                {
                    var newest = await cloud.NewestAsync(metric, values, probe.Region, window, ct).ConfigureAwait(false);
                    observations.Add(newest is { } point
                        ? new ProbeObservation(source.Component, probe.Region, source.Metric, now - point.At, allowed, true,
                            $"{series}: newest datapoint at {LagMetric.Timestamp(point.At)} (value {point.Value.ToString("0", CultureInfo.InvariantCulture)})")
                        : new ProbeObservation(source.Component, probe.Region, source.Metric, null, allowed, true, $"{series}: no datapoint in the last {DurationText.Format(window)}"));
                }
                catch (CloudCommandFailedException e)
                {
                    observations.Add(new ProbeObservation(source.Component, probe.Region, source.Metric, null, allowed, false, $"{series}: {e.Message}"));
                }
            }
        }

        return observations;
    }

    /// <summary>The dry-run lines of <see cref="ProbesAsync"/>.</summary>
    private static IEnumerable<string> DescribeProbes(DrPlan plan) =>
        AlarmPlanner.Probes(plan, Core.Operations.OperationsState.None).SelectMany(p => p.Sources.Select(s =>
            $"probe {p.Key} {s.Component}: {ReplicaLagReader.CommandLine(ProbeMetric(s.Metric).Arguments([plan.Stack, s.Component], p.Region, $"<now-{DurationText.Format(FreshnessProbe.StaleAfter * 2)}>", "<now>", TimeSpan.FromMinutes(1)))} (stale without a datapoint in {DurationText.Format(FreshnessProbe.StaleAfter)})"));
}
