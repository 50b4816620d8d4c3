using System.Globalization;
using System.Text.Json;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Cloud;

/// <summary>Replica lag as read (null when unknown) and where it came from, for readiness details and refusals.</summary>
public sealed record LagReading(TimeSpan? Lag, string Source);

/// <summary>
/// Reads a recovery member's replication lag from CloudWatch with the AWS CLI. A deployment cannot know lag, so the
/// AWS stack does not export <c>&lt;c&gt;.replicaLagSeconds</c>; AWS publishes it as a metric in the recovery region
/// (see <see cref="LagMetric"/>). DrKit asks for the Maximum per minute over the last <see cref="Window"/> and takes
/// the newest datapoint; without one the lag is unknown, which refuses a failover unless it is forced.
/// </summary>
public sealed class ReplicaLagReader(ICloudCommand cli, TimeProvider time)
{
    public const string Program = "aws";

    /// <summary>How far back a datapoint may be: the metrics are published every minute, so a few minutes always hold one while AWS reports.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    public TimeSpan Window { get; init; } = DefaultWindow;

    public TimeSpan Period { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Bound on each single CLI call.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>aws elasticache describe-replication-groups</c>: the member clusters that publish the Global Datastore lag.</summary>
    public static IReadOnlyList<string> MemberClustersArguments(string replicationGroupId, string region) =>
    [
        "elasticache", "describe-replication-groups",
        "--replication-group-id", replicationGroupId,
        "--region", region,
        "--output", "json",
    ];

    /// <summary>Where a component's lag comes from and the exact AWS CLI commands, ids named by their outputs (dry runs).</summary>
    public static string Describe(string component, PromotionKind kind, string region)
    {
        if (kind == PromotionKind.SelfManagedStandby)
        {
            return SelfManagedSource(region);
        }

        var metric = LagMetric.For(kind);
        var window = DurationText(DefaultWindow);
        var read = kind == PromotionKind.ReadReplica
            ? CommandLine(metric.Arguments($"<{OperationsOutputNames.PostgresInstanceIdentifiers}[{component}][{region}]>", region, $"<now-{window}>", "<now>", TimeSpan.FromMinutes(1)))
            : $"{CommandLine(MemberClustersArguments($"<{OperationsOutputNames.RedisReplicationGroupIds}[{component}][{region}]>", region))}, then for each member cluster " +
              CommandLine(metric.Arguments("<member cluster>", region, $"<now-{window}>", "<now>", TimeSpan.FromMinutes(1)));
        return $"{OperationsOutputNames.ReplicaLagSeconds(component)} if the stack exports it, else CloudWatch {metric}: {read} " +
               "(newest datapoint's Maximum; no datapoint = lag unknown)";
    }

    /// <summary>CloudWatch has no metric for a self-managed standby: the failover reads the server through SSM Run Command.</summary>
    private static string SelfManagedSource(string region) =>
        $"no CloudWatch metric for a self-managed standby; drkit failover reads the server on its host in {region} through SSM Run Command: " +
        $"{string.Join("; ", Platforms.Aws.PostgresHostScripts.Status)}";

    public static string CommandLine(IReadOnlyList<string> arguments) => $"{Program} {string.Join(' ', arguments)}";

    /// <summary>Reads the lag of <paramref name="component"/>'s member in <paramref name="region"/>, ids taken from the stack's outputs.</summary>
    /// <exception cref="CloudCliMissingException">The AWS CLI is not on PATH.</exception>
    /// <exception cref="CloudCommandFailedException">A CLI call failed, timed out or printed no JSON DrKit can read; the message carries its stderr.</exception>
    /// <param name="since">Only datapoints from this time on count (a switchover waits for lag 0 measured after its fence).</param>
    public async Task<LagReading> ReadAsync(StackOutputs outputs, string stack, string component, PromotionKind kind, string region, CancellationToken ct, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (kind == PromotionKind.SelfManagedStandby)
        {
            return new LagReading(null, SelfManagedSource(region));
        }

        var metric = LagMetric.For(kind);
        var end = time.GetUtcNow();
        var start = since is { } s && s > end - Window ? s : end - Window;
        // CloudWatch rounds --start-time down to the period, and a datapoint stamped with the minute of `since` mixes
        // samples from before it: only periods that begin at or after `since` say anything about what came after it.
        var notBefore = since is { } after ? PeriodStartAtOrAfter(after) : DateTimeOffset.MinValue;
        if (kind == PromotionKind.ReadReplica)
        {
            if (OutputMap.Entry(outputs, stack, OperationsOutputNames.PostgresInstanceIdentifiers, component, region) is not { } instance)
            {
                return NoId(stack, $"{OperationsOutputNames.PostgresInstanceIdentifiers}[{component}][{region}]", metric);
            }

            return await ReadRdsAsync(instance, region, ct, since).ConfigureAwait(false);
        }

        if (OutputMap.Entry(outputs, stack, OperationsOutputNames.RedisReplicationGroupIds, component, region) is not { } group)
        {
            return NoId(stack, $"{OperationsOutputNames.RedisReplicationGroupIds}[{component}][{region}]", metric);
        }

        var members = await MemberClustersAsync(group, region, ct).ConfigureAwait(false);
        (DateTimeOffset At, double Seconds)? worst = null;
        foreach (var member in members)
        {
            // A cluster-mode group has a primary per shard: the largest of their newest datapoints is the group's lag.
            if (await NewestAsync(metric.Arguments(member, region, start, end, Period), notBefore, ct).ConfigureAwait(false) is { } point
                && (worst is null || point.Seconds > worst.Value.Seconds))
            {
                worst = point;
            }
        }

        return Reading(worst, metric, $"{metric.Dimension}={string.Join("|", members)} (replication group {group})", region);
    }

    /// <summary>Reads the <c>ReplicaLag</c> of one RDS read replica, named by its identifier, in its own region.</summary>
    /// <param name="since">Only datapoints from this time on count (a switchover waits for lag 0 measured after its fence).</param>
    public async Task<LagReading> ReadRdsAsync(string instance, string region, CancellationToken ct, DateTimeOffset? since = null)
    {
        var metric = LagMetric.RdsReplicaLag;
        var end = time.GetUtcNow();
        var start = since is { } s && s > end - Window ? s : end - Window;
        var notBefore = since is { } after ? PeriodStartAtOrAfter(after) : DateTimeOffset.MinValue;
        var points = await PointsAsync(metric.Arguments(instance, region, start, end, Period), notBefore, ct).ConfigureAwait(false);
        if (since is null && LagSeries.Judge(points) is { SilentSince: { } silent } judged)
        {
            // A source that went silent makes the lag grow with the wall clock; judge what was in flight.
            return Silent(judged, silent, metric, $"{metric.Dimension}={instance}", region);
        }

        (DateTimeOffset At, double Seconds)? newest = points.Count == 0 ? null : (points.MaxBy(p => p.At).At, points.MaxBy(p => p.At).Seconds);
        return Reading(newest, metric, $"{metric.Dimension}={instance}", region);
    }

    private LagReading Reading((DateTimeOffset At, double Seconds)? newest, LagMetric metric, string dimension, string region)
    {
        if (newest is not { } point)
        {
            return new LagReading(null,
                $"no recent CloudWatch datapoint: {metric} for {dimension} in {region} has none in the last {DurationText(Window)}, so the lag is unknown");
        }

        if (point.Seconds < 0)
        {
            return new LagReading(null, $"CloudWatch {metric} for {dimension} in {region} is {Number(point.Seconds)} at {LagMetric.Timestamp(point.At)}: replication is not active");
        }

        return new LagReading(TimeSpan.FromSeconds(point.Seconds),
            $"CloudWatch {metric} for {dimension} in {region}: {Number(point.Seconds)}s at {LagMetric.Timestamp(point.At)}");
    }

    private static LagReading Silent(LagJudgement judged, DateTimeOffset silent, LagMetric metric, string dimension, string region)
    {
        var staleness = $"no commit replayed since {LagMetric.Timestamp(silent)} (newest {Number(judged.Newest.Seconds)}s at {LagMetric.Timestamp(judged.Newest.At)} is staleness, not loss)";
        return judged.Judged is { } before
            ? new LagReading(TimeSpan.FromSeconds(before.Seconds),
                $"CloudWatch {metric} for {dimension} in {region}: {Number(before.Seconds)}s at {LagMetric.Timestamp(before.At)}, the last datapoint before the source went silent; {staleness}")
            : new LagReading(null, $"CloudWatch {metric} for {dimension} in {region}: {staleness}; no datapoint in the window predates the silence, so the loss is unknown");
    }

    private static LagReading NoId(string stack, string entry, LagMetric metric) =>
        new(null, $"stack {stack} exports no {entry}, so CloudWatch {metric} cannot be read; the lag is unknown");

    /// <summary>The newest datapoint of the statistic the arguments ask for (Maximum for lag), in seconds; null when the window holds none.</summary>
    private async Task<(DateTimeOffset At, double Seconds)?> NewestAsync(IReadOnlyList<string> arguments, DateTimeOffset notBefore, CancellationToken ct) =>
        (await PointsAsync(arguments, notBefore, ct).ConfigureAwait(false)).OrderBy(p => p.At).Select(p => ((DateTimeOffset At, double Seconds)?)(p.At, p.Seconds)).LastOrDefault();

    /// <summary>Every datapoint's Maximum, from <paramref name="notBefore"/> on: in seconds for a time metric (finer units converted), else in its own unit.</summary>
    private async Task<IReadOnlyList<LagPoint>> PointsAsync(IReadOnlyList<string> arguments, DateTimeOffset notBefore, CancellationToken ct)
    {
        var statistic = arguments.SkipWhile(a => a != "--statistics").Skip(1).FirstOrDefault() ?? "Maximum";
        using var document = await RunJsonAsync(arguments, ct).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("Datapoints", out var datapoints) || datapoints.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var points = new List<LagPoint>();
        foreach (var point in datapoints.EnumerateArray())
        {
            if (point.TryGetProperty("Timestamp", out var stamp) && stamp.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(stamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && point.TryGetProperty(statistic, out var maximum) && maximum.TryGetDouble(out var value)
                && at >= notBefore)
            {
                points.Add(new LagPoint(at, value * SecondsPer(point)));
            }
        }

        return points;
    }

    /// <summary>The first period boundary at or after <paramref name="moment"/>.</summary>
    private DateTimeOffset PeriodStartAtOrAfter(DateTimeOffset moment)
    {
        var ticks = Period.Ticks;
        var rounded = (moment.UtcTicks + ticks - 1) / ticks * ticks;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
    }

    /// <summary>Both metrics are documented in seconds; a datapoint reported in a finer unit is converted.</summary>
    private static double SecondsPer(JsonElement point) =>
        (point.TryGetProperty("Unit", out var unit) && unit.ValueKind == JsonValueKind.String ? unit.GetString() : null) switch
        {
            "Milliseconds" => 0.001,
            "Microseconds" => 0.000001,
            _ => 1,
        };

    private async Task<IReadOnlyList<string>> MemberClustersAsync(string group, string region, CancellationToken ct)
    {
        var arguments = MemberClustersArguments(group, region);
        using var document = await RunJsonAsync(arguments, ct).ConfigureAwait(false);
        var members = new List<string>();
        if (document.RootElement.TryGetProperty("ReplicationGroups", out var groups) && groups.ValueKind == JsonValueKind.Array)
        {
            foreach (var g in groups.EnumerateArray())
            {
                if (g.TryGetProperty("MemberClusters", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    members.AddRange(list.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).Where(m => m.Length > 0));
                }
            }
        }

        return members.Count > 0
            ? members
            : throw new CloudCommandFailedException($"'{CommandLine(arguments)}' lists no member clusters for replication group {group}; its lag cannot be read.");
    }

    private Task<JsonDocument> RunJsonAsync(IReadOnlyList<string> arguments, CancellationToken ct) =>
        RunJsonAsync(arguments, "The replica lag", "cloudwatch:GetMetricStatistics (and elasticache:DescribeReplicationGroups for Redis)", ct);

    /// <summary>The newest datapoint's <see cref="LagMetric.Statistic"/> of <paramref name="metric"/> for one dimension value, over <see cref="Window"/>; null when there is none.</summary>
    public Task<(DateTimeOffset At, double Value)?> NewestAsync(LagMetric metric, string dimensionValue, string region, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var end = time.GetUtcNow();
        return NewestAsync(metric.Arguments(dimensionValue, region, end - Window, end, Period), DateTimeOffset.MinValue, ct);
    }

    /// <summary>
    /// Every datapoint (period start, <see cref="LagMetric.Statistic"/> in the metric's unit) of <paramref name="metric"/>
    /// for one dimension value whose period begins at or after <paramref name="since"/>, over at most <see cref="Window"/>.
    /// </summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, double Value)>> SinceAsync(LagMetric metric, string dimensionValue, string region, DateTimeOffset since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var end = time.GetUtcNow();
        var start = since > end - Window ? since : end - Window;
        var points = await PointsAsync(metric.Arguments(dimensionValue, region, start, end, Period), PeriodStartAtOrAfter(since), ct).ConfigureAwait(false);
        return [.. points.Select(p => (p.At, p.Seconds))];
    }

    /// <summary>
    /// The newest datapoint of a metric with one value per dimension (<see cref="LagMetric.MoreDimensions"/>), over
    /// <paramref name="window"/> rather than <see cref="Window"/>: a metric published every few minutes needs a longer look back.
    /// </summary>
    public Task<(DateTimeOffset At, double Value)?> NewestAsync(LagMetric metric, IReadOnlyList<string> dimensionValues, string region, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var end = time.GetUtcNow();
        return NewestAsync(metric.Arguments(dimensionValues, region, end - window, end, Period), DateTimeOffset.MinValue, ct);
    }

    /// <summary>Every datapoint of <paramref name="metric"/>'s <see cref="LagMetric.Statistic"/> for one value per dimension, over the last
    /// <paramref name="window"/> in periods of <paramref name="period"/> (seconds for time metrics, as published for counts).</summary>
    public Task<IReadOnlyList<LagPoint>> SeriesAsync(LagMetric metric, IReadOnlyList<string> dimensionValues, string region, TimeSpan window, TimeSpan period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var end = time.GetUtcNow();
        return PointsAsync(metric.Arguments(dimensionValues, region, end - window, end, period), DateTimeOffset.MinValue, ct);
    }

    /// <summary>Runs one AWS CLI call that prints JSON; failures name the call, its stderr, what could not be read and the permission it needs.</summary>
    internal async Task<JsonDocument> RunJsonAsync(IReadOnlyList<string> arguments, string what, string permission, CancellationToken ct)
    {
        CloudCommandResult result;
        try
        {
            result = await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (CloudCliMissingException e)
        {
            throw new CloudCliMissingException(Program,
                "The AWS CLI ('aws') was not found on PATH. DrKit reads replica lag and other live state from AWS with it: install AWS CLI v2 " +
                "(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html). Nothing was changed.", e);
        }
        catch (TimeoutException e)
        {
            throw new CloudCommandFailedException($"{e.Message} {what} could not be read; nothing was changed.", e);
        }

        if (!result.Succeeded)
        {
            throw new CloudCommandFailedException(
                $"'{CommandLine(arguments)}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}. " +
                $"{what} could not be read; nothing was changed. The operator's role needs {permission}.");
        }

        try
        {
            return JsonDocument.Parse(result.StandardOutput);
        }
        catch (JsonException e)
        {
            throw new CloudCommandFailedException($"'{CommandLine(arguments)}' printed no JSON DrKit can read ({e.Message}).", e);
        }
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string DurationText(TimeSpan span) => Core.Objectives.DurationText.Format(span);
}
