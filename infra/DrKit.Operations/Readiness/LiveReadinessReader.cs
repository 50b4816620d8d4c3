using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Readiness;

/// <summary>
/// Reads the live part of readiness from a deployed stack's outputs (resource ids only) and from AWS itself, never
/// from values the stack repeats from its config, and only in the recovery region (or us-east-1 for Route 53
/// metrics), so it works while the primary region is down: replica lag from CloudWatch, capacity reservations
/// from EC2, health-check status from CloudWatch and the newest restorable replicated backup from RDS.
/// </summary>
public sealed partial class LiveReadinessReader(IStackGateway gateway, ReplicaLagReader cloud, TimeProvider time)
{
    /// <summary>Route 53 metrics are published in us-east-1 only (Route 53 Developer Guide, "Monitoring health checks using CloudWatch").</summary>
    public static readonly LagMetric HealthCheckStatus = new("AWS/Route53", "HealthCheckStatus", "HealthCheckId");

    public async Task<LiveReadings> ReadAsync(DrPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var topology = OperationTopology.From(plan);
        await gateway.SelectStackAsync(plan.Stack, ct).ConfigureAwait(false);
        var outputs = await gateway.GetOutputsAsync(plan.Stack, ct).ConfigureAwait(false);
        if (topology.RecoveryRegion is not { } recovery)
        {
            return new LiveReadings([], [], [], []);
        }

        var lags = new List<LagObservation>();
        foreach (var tier in topology.DataTiers)
        {
            var reading = await cloud.ReadAsync(outputs, plan.Stack, tier.Component, tier.Kind, recovery, ct).ConfigureAwait(false);
            lags.Add(new LagObservation(tier.Component, recovery, reading.Lag, tier.RpoTarget, reading.Source));
        }

        return new LiveReadings(
            lags,
            await CapacityAsync(plan, outputs, recovery, ct).ConfigureAwait(false),
            await HealthAsync(plan, outputs, recovery, ct).ConfigureAwait(false),
            await BackupsAsync(plan, outputs, recovery, ct).ConfigureAwait(false));
    }

    /// <summary>The dry-run description: which outputs and which AWS CLI calls a live read makes.</summary>
    public static IReadOnlyList<string> Describe(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var topology = OperationTopology.From(plan);
        if (topology.RecoveryRegion is not { } recovery)
        {
            return [$"gateway.GetOutputs({plan.Stack}); no recovery region, nothing else is read"];
        }

        return
        [
            $"gateway.GetOutputs({plan.Stack})",
            .. topology.DataTiers.Select(t => $"{t.Component}: {ReplicaLagReader.Describe(t.Component, t.Kind, recovery)}"),
            .. Reservations(plan, recovery).Select(r => $"{r.Component}: {ReplicaLagReader.CommandLine(CapacityArguments($"<{OperationsOutputNames.CapacityReservationIds}[{r.Component}][{recovery}]>", recovery))}"),
            .. HealthChecked(plan, recovery) ? [$"health {recovery}: {ReplicaLagReader.CommandLine(HealthCheckStatus.Arguments($"<{OperationsOutputNames.HealthCheckIds}[{recovery}]>", Core.Monitoring.AlarmPlanner.Route53MetricsRegion, "<now-5m>", "<now>", TimeSpan.FromMinutes(1)))}"] : Array.Empty<string>(),
            .. BackedUp(plan).Select(c => $"{c.Name}: {ReplicaLagReader.CommandLine(BackupArguments($"<{OperationsOutputNames.PostgresInstanceIdentifiers}[{c.Name}][{plan.PrimaryRegion}]>", recovery))}"),
        ];
    }

    private static bool HealthChecked(DrPlan plan, string recovery) =>
        !string.IsNullOrEmpty(plan.Traffic.Domain) && !string.IsNullOrEmpty(plan.Traffic.HostedZoneId) && plan.Traffic.Endpoints.ContainsKey(recovery);

    private async Task<IReadOnlyList<HealthObservation>> HealthAsync(DrPlan plan, StackOutputs outputs, string recovery, CancellationToken ct)
    {
        if (!HealthChecked(plan, recovery))
        {
            return [];
        }

        if (OutputMap.Entry(outputs, plan.Stack, OperationsOutputNames.HealthCheckIds, recovery, null) is not { } id)
        {
            return [new HealthObservation(recovery, null, $"stack {plan.Stack} exports no {OperationsOutputNames.HealthCheckIds}[{recovery}]")];
        }

        var region = Core.Monitoring.AlarmPlanner.Route53MetricsRegion;
        var newest = await cloud.NewestMaximumAsync(HealthCheckStatus, id, region, ct).ConfigureAwait(false);
        return newest is { } point
            ? [new HealthObservation(recovery, point.Value >= 1, $"CloudWatch {HealthCheckStatus} for {id} in {region}: {point.Value} at {LagMetric.Timestamp(point.At)} (1 healthy, 0 unhealthy)")]
            : [new HealthObservation(recovery, null, $"CloudWatch {HealthCheckStatus} for {id} in {region} has no datapoint in the last {Core.Objectives.DurationText.Format(cloud.Window)}")];
    }
}
