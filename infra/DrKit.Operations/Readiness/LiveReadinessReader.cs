using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Readiness;

/// <summary>
/// Reads the live part of readiness from a deployed stack's outputs (resource ids only) and from AWS itself, never
/// from values the stack repeats from its config: replica lag from CloudWatch, capacity reservations from EC2,
/// health-check status from CloudWatch, the newest restorable replicated backup from RDS, and each outage canary's
/// state and SuccessPercent in its home region (the signal that survives an outage of us-east-1), and whether each freshness
/// probe still publishes (its newest datapoint in its region), and both directions of every CloudNativePG WAL
/// archive's S3 replication. Data tiers on Kubernetes are read from the recovery cluster with kubectl (CNPG cluster
/// status and replay lag, Redis replication), and a CNPG writer's newest base backup from the peer's store; never
/// through the AWS managed-service calls. Lag, capacity and backups
/// are read in the recovery region; Route 53 health metrics exist only in us-east-1, so in an outage of us-east-1
/// that one read fails. Any read that fails is recorded as unknown with the error (the scorer deducts for it) instead
/// of aborting the whole score; only a missing AWS CLI stops it.
/// </summary>
public sealed partial class LiveReadinessReader(IStackGateway gateway, ReplicaLagReader cloud, TimeProvider time)
{
    /// <summary>Route 53 metrics are published in us-east-1 only (Route 53 Developer Guide, "Monitoring health checks using
    /// CloudWatch"); Minimum, because one failed check in the minute is what the alarm reacts to as well.</summary>
    public static readonly LagMetric HealthCheckStatus = new("AWS/Route53", "HealthCheckStatus", "HealthCheckId") { Statistic = "Minimum" };

    /// <summary>Reads Global Datastore member roles, so lag is read from whichever member is the secondary after a failover; without it the recovery member is assumed secondary.</summary>
    public GlobalDatastoreSwitch? Roles { get; init; }

    public async Task<LiveReadings> ReadAsync(DrPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var topology = OperationTopology.From(plan);
        await gateway.SelectStackAsync(plan.Stack, ct).ConfigureAwait(false);
        if (AzureFailover.Runs(topology))
        {
            return topology.RecoveryRegion is { } azureRecovery ? await ReadAzureAsync(plan, topology, azureRecovery, ct).ConfigureAwait(false) : new LiveReadings([], [], [], []);
        }

        var outputs = await gateway.GetOutputsAsync(plan.Stack, ct).ConfigureAwait(false);
        if (topology.RecoveryRegion is not { } recovery)
        {
            return new LiveReadings([], [], [], []);
        }

        var notes = new List<string>();
        var lags = new List<LagObservation>();
        foreach (var tier in topology.DataTiers)
        {
            var read = KubernetesFailover.Handles(tier)
                ? await KubernetesLagAsync(plan, topology, tier, recovery, ct).ConfigureAwait(false)
                : await LagAsync(plan, outputs, tier, recovery, ct).ConfigureAwait(false);
            if (read is { } lag)
            {
                lags.Add(lag);
            }
            else
            {
                notes.Add($"{tier.Component}: the {recovery} member is the writer now (failed over): there is no replica lag to read until a replica is re-seeded (runbook, fail back)");
            }
        }

        var capacity = await CapacityAsync(plan, outputs, recovery, ct).ConfigureAwait(false);
        var health = await HealthAsync(plan, outputs, recovery, capacity, notes, ct).ConfigureAwait(false);
        IReadOnlyList<BackupObservation> backups = [.. await BackupsAsync(plan, outputs, recovery, ct).ConfigureAwait(false), .. await BaseBackupsAsync(plan, ct).ConfigureAwait(false)];
        var alerts = await AlertsAsync(plan.Stack, outputs, notes, ct).ConfigureAwait(false);
        var canaries = await CanariesAsync(plan, outputs, ct).ConfigureAwait(false);
        var probes = await ProbesAsync(plan, ct).ConfigureAwait(false);
        var actions = await AlarmActionsAsync(plan, ct).ConfigureAwait(false);
        var archives = await ArchivesAsync(plan, ct).ConfigureAwait(false);
        return new LiveReadings(lags, capacity, health, backups) { Notes = notes, Alerts = alerts, Canaries = canaries, Probes = probes, AlarmActions = actions, Archives = archives };
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

        if (AzureFailover.Runs(topology))
        {
            return [$"gateway.SelectStack({plan.Stack}) (no output is read: every Azure resource has the name DrKit decided)", .. DescribeAzure(topology, recovery)];
        }

        return
        [
            $"gateway.GetOutputs({plan.Stack})",
            .. topology.DataTiers.Select(t => KubernetesFailover.Handles(t)
                ? DescribeKubernetes(plan, topology, t, recovery)
                : $"{t.Component}: {RoleCheck(t, recovery)}, then {ReplicaLagReader.Describe(t.Component, t.Kind, recovery)}"),
            .. Reservations(plan, recovery).Select(r => $"{r.Component}: {ReplicaLagReader.CommandLine(CapacityArguments($"<{OperationsOutputNames.CapacityReservationIds}[{r.Component}][{recovery}]>", recovery))}"),
            .. HealthChecked(plan, recovery) ? [$"health {recovery} (once serving capacity runs there): {ReplicaLagReader.CommandLine(HealthCheckStatus.Arguments($"<{OperationsOutputNames.HealthCheckIds}[{recovery}]>", Core.Monitoring.AlarmPlanner.Route53MetricsRegion, "<now-5m>", "<now>", TimeSpan.FromMinutes(1)))}"] : Array.Empty<string>(),
            .. DescribeBaseBackups(plan),
            .. BackedUp(plan).Select(c => $"{c.Name}: {ReplicaLagReader.CommandLine(BackupArguments(recovery))} (the entries whose DBInstanceIdentifier is <{OperationsOutputNames.PostgresInstanceIdentifiers}[{c.Name}][{plan.PrimaryRegion}]>); when there is none, {ReplicaLagReader.CommandLine(SourceRegionArguments(recovery, plan.PrimaryRegion))}"),
            $"alerting: for each critical and high topic in {AlarmTopicsOutput} (\"region/severity\"): {ReplicaLagReader.CommandLine(SubscriptionArguments("<topic arn>", "<region>"))}",
            .. DescribeArchives(plan),
            .. Core.Monitoring.AlarmPlanner.Canaries(plan).Select(c => $"canary {c.Key} (home {c.Region}, watching {c.ProbedRegion}): {ReplicaLagReader.CommandLine(CanaryArguments($"<{OperationsOutputNames.CanaryNames}[{c.Key}]>", c.Region))}, then {ReplicaLagReader.CommandLine(CanarySuccess.Arguments($"<{OperationsOutputNames.CanaryNames}[{c.Key}]>", c.Region, "<now-5m>", "<now>", TimeSpan.FromMinutes(1)))}"),
            .. DescribeProbes(plan),
            .. Core.Monitoring.AlarmPlanner.TopicRegions(plan).Select(r => $"alarm actions {r}: {ReplicaLagReader.CommandLine(ActionHistoryArguments(r, $"<now-{Core.Objectives.DurationText.Format(ReadinessScorer.AlarmActionWindow)}>"))} (actions of drkit-{plan.Stack}-* alarms that failed: CloudWatch could not publish to the encrypted topic)"),
        ];
    }

    private static bool HealthChecked(DrPlan plan, string recovery) =>
        !string.IsNullOrEmpty(plan.Traffic.Domain) && !string.IsNullOrEmpty(plan.Traffic.HostedZoneId) && plan.Traffic.Endpoints.ContainsKey(recovery);

    /// <summary>
    /// Route 53's verdict on the recovery endpoint, once something serves there: instances running in the recovery
    /// reservation (read from EC2), or serving capacity the plan keeps running. A pilot-light region serves nothing
    /// before a failover, so its endpoint is unhealthy by design and is not scored.
    /// </summary>
    private async Task<IReadOnlyList<HealthObservation>> HealthAsync(DrPlan plan, StackOutputs outputs, string recovery, IReadOnlyList<CapacityObservation> capacity, List<string> notes, CancellationToken ct)
    {
        if (!HealthChecked(plan, recovery))
        {
            return [];
        }

        var planned = Core.Operations.RecoveryCompute.Decide(plan, Core.Operations.OperationsState.None);
        if (planned.Running == 0 && !capacity.Any(c => c.Running > 0))
        {
            notes.Add($"health {recovery}: nothing serves there before a failover (no instance runs in its reservation), so its endpoint is unhealthy by design and not scored");
            return [];
        }

        if (OutputMap.Entry(outputs, plan.Stack, OperationsOutputNames.HealthCheckIds, recovery, null) is not { } id)
        {
            return [new HealthObservation(recovery, null, $"stack {plan.Stack} exports no {OperationsOutputNames.HealthCheckIds}[{recovery}]")];
        }

        var region = Core.Monitoring.AlarmPlanner.Route53MetricsRegion;
        try
        {
            var newest = await cloud.NewestAsync(HealthCheckStatus, id, region, ct).ConfigureAwait(false);
            return newest is { } point
                ? [new HealthObservation(recovery, point.Value >= 1, $"CloudWatch {HealthCheckStatus} ({HealthCheckStatus.Statistic}) for {id} in {region}: {point.Value} at {LagMetric.Timestamp(point.At)} (1 healthy, 0 unhealthy)")]
                : [new HealthObservation(recovery, null, $"CloudWatch {HealthCheckStatus} for {id} in {region} has no datapoint in the last {Core.Objectives.DurationText.Format(cloud.Window)}")];
        }
        catch (CloudCommandFailedException e)
        {
            return [new HealthObservation(recovery, null, e.Message)];
        }
    }
}
