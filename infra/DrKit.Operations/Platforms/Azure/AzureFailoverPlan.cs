using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// What a dry run of an Azure failover prints: per step, the exact <c>az</c> calls the adapters make (built by
/// <see cref="AzureCalls"/>), each with the region of the resource group it targets, and the config each step records.
/// Calls naming the primary region appear in the Fence step only (bounded reads).
/// </summary>
internal static class AzureFailoverPlan
{
    public static IReadOnlyList<OperationStep> Steps(OperationTopology topology, FailoverSettings settings, string recovery)
    {
        var timeouts = settings.Timeouts;
        var traffic = AzureFailover.Traffic(topology)!;
        var gpu = AzureFailover.Gpu(topology, recovery);
        var readiness = Join(
            Postgres(topology, recovery).Select(p =>
                $"{p.Component}: {AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).Describe()} (state Ready, replica.role a replica, or Primary once promoted); " +
                $"{AzureCalls.ReplicaLag(p.RecoveryGroup, recovery, p.Replica, "<now-10m>", "<now>").Describe()} (newest maximum, at most {FailoverProgram.Text(FlexibleServerPromoter.Freshness)} old): " +
                $"time since the last replayed transaction, judged after the fence and only if it is not confirmed, as an upper bound on the loss <= {Seconds(topology, p.Component)}s")
            .Concat(Redis(topology, recovery).Select(r =>
                $"{r.Component}: {AzureCalls.RedisDatabaseShow(r.RecoveryGroup, recovery, r.RecoveryInstance).Describe()} (resourceState Running, a link to {r.PrimaryInstance}); " +
                $"{AzureCalls.RedisGeoHealth(r.RecoveryGroup, recovery, r.RecoveryInstance, "<now-5m>", "<now>").Describe()} " +
                "(every point 1: the assumed sync delay; a 0 or no datapoint: unknown lag)"))
            .Concat(gpu is null ? [] : [Capacity(gpu)])
            .Concat(AzureFailover.Accounts(topology, recovery).Select(a => $"{a.Component}: {AzureCalls.ReplicationPolicies(a.Group, recovery, a.Account).Describe()} (the destination account answers)"))
            .Append($"traffic: {AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(recovery)).Describe()} (the recovery endpoint exists)"));
        var fence = Join(
            Postgres(topology, recovery).Select(p => $"{p.Component} (best effort, bounded {FailoverProgram.Text(timeouts.FenceAttempt)}, region {p.PrimaryRegion}): " +
                $"{AzureCalls.ServerShow(p.PrimaryGroup, p.PrimaryRegion, p.Server).Describe()}; Ready as the primary: CONFIRMED, the promotion is planned " +
                "(the service applies all pending WAL, then swaps roles: the old primary becomes a replica); no answer: NOT CONFIRMED, forced, the RPO decides")
            .Concat(Redis(topology, recovery).Select(r => $"{r.Component} (best effort, bounded {FailoverProgram.Text(timeouts.FenceAttempt)}, region {r.PrimaryRegion}): " +
                $"{AzureCalls.RedisDatabaseShow(r.PrimaryGroup, r.PrimaryRegion, r.PrimaryInstance).Describe()}; Running: CONFIRMED, the link stays (the members converge); no answer: NOT CONFIRMED, the lost member is force-unlinked")));
        var promote = Join(
            Postgres(topology, recovery).Select(p => $"{p.Component}: " + StackStateRecord.Describe([new(OpsConfig.Promote(p.Component), "true")]) +
                $"; fence confirmed: {AzureCalls.Promote(p.RecoveryGroup, recovery, p.Replica, p.VirtualEndpoint, planned: true).Describe()}; " +
                $"otherwise: {AzureCalls.Promote(p.RecoveryGroup, recovery, p.Replica, p.VirtualEndpoint, planned: false).Describe()}; " +
                $"then {AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).Describe()} until replica.role is Primary" +
                (p.VirtualEndpoint ? " (the writer virtual endpoint follows the switchover)" : " (standalone: clients must be pointed at the promoted server)"))
            .Concat(Redis(topology, recovery).Select(r => $"{r.Component}: fence not confirmed: " +
                $"{AzureCalls.RedisForceUnlink(r.RecoveryGroup, recovery, r.RecoveryInstance, $"<id of {r.PrimaryInstance}/databases/default in the survivor's geoReplication.linkedDatabases>").Describe()} " +
                "(only while the survivor still lists it); " + StackStateRecord.Describe([new(OpsConfig.WriterRegion(r.Component), recovery)]))));
        var scale = gpu is null
            ? "no GPU fleet on Azure: nothing to scale"
            : StackStateRecord.Describe([new(OpsConfig.RecoveryRunning, OpsConfig.Text(topology.DesiredRunning))]) +
              $"; {AzureCalls.Scale(gpu.Group, recovery, gpu.ScaleSet, topology.DesiredRunning).Describe()}; poll {AzureCalls.Instances(gpu.Group, recovery, gpu.ScaleSet).Describe()} " +
              $"until {topology.DesiredRunning} instances are PowerState/running";
        var unlock = AzureFailover.Accounts(topology, recovery).Select(a =>
            $"{a.Component}: {AzureCalls.ReplicationPolicies(a.Group, recovery, a.Account).Describe()}, then for each policy {AzureCalls.DeleteReplicationPolicy(a.Group, recovery, a.Account, "<policyId>").Describe()} " +
            "and list again (none left: the containers take writes)");
        var shift = Join(unlock.Append(string.Join("; ", TrafficManagerTraffic.Calls(traffic, recovery, 100).Select(c => c.Describe())) + "; " +
            StackStateRecord.Describe([new(OpsConfig.TrafficActiveRegion, recovery), new(OpsConfig.TrafficPercent, "100")])));
        var verify = Join(
            Postgres(topology, recovery).Select(p => $"{p.Component}: {AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).Describe()} (Primary and Ready; Reconfiguring is not yet serving)" +
                (p.WriterEndpoint is { } ve
                    ? $"; DNS {WriterEndpointCheck.WriterHost(ve)} resolves to {WriterEndpointCheck.ServerHost(p.Replica)} (the endpoint is a child of the primary server, in the primary's group: DNS, no ARM read)"
                    : " (no writer endpoint: refused unless forced)"))
            .Concat(Redis(topology, recovery).Select(r => $"{r.Component}: {AzureCalls.RedisDatabaseShow(r.RecoveryGroup, recovery, r.RecoveryInstance).Describe()} (Running, the writer)"))
            .Concat(traffic.Regions.Select(r => $"{AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(r)).Describe()} ({(r == recovery ? "Enabled, endpointMonitorStatus Online" : "Disabled")})"))
            .Concat(gpu is null ? [] : [$"{AzureCalls.Instances(gpu.Group, recovery, gpu.ScaleSet).Describe()} ({topology.DesiredRunning} running)"]));
        return
        [
            new OperationStep(CommonSteps.Prerequisites, "gateway.EnsureReady: runs 'pulumi version'; runs 'az version' (no cloud call)", "fail before any change when a CLI is missing"),
            CommonSteps.SelectStep(topology.Stack),
            Step(FailoverSteps.Readiness, timeouts, readiness,
                settings.Force ? $"replicas within RPO (FORCED: {settings.ForceReason}), recovery region able to serve" : "refuse before any change if data loss would exceed the RPO or the recovery region cannot serve"),
            Step(FailoverSteps.Fence, timeouts, fence, "the only calls to the primary region, bounded: an answer makes the run a zero-loss switchover, silence an outage"),
            Step(FailoverSteps.Promote, timeouts, promote, "make the recovery-region servers the writers, from the recovery region only"),
            Step(FailoverSteps.ScaleCompute, timeouts, scale, "start GPU capacity in the recovery region, on its capacity reservation, before traffic arrives"),
            Step(FailoverSteps.ShiftTraffic, timeouts, shift,
                "recovery containers writable first, then Traffic Manager endpoint changes on the profile in the recovery region's group (never a routing-method change)"),
            Step(FailoverSteps.Verify, timeouts, verify, "confirm from Azure that the recovery region serves; its time ends the measured RTO"),
            Step(FailoverSteps.Report, timeouts, "none", "summarise the promoted tiers, unconfirmed fences, the measured RTO against the target"),
        ];
    }

    internal static string Capacity(ScaleSetTarget gpu) =>
        $"{AzureCalls.Instances(gpu.Group, gpu.Region, gpu.ScaleSet).Describe()} (PowerState/running)" +
        (gpu.ReservationGroup is { } g ? $"; {AzureCalls.Reservations(gpu.Group, gpu.Region, g).Describe()} (held: sum of the reservations' utilizationInfo.currentCapacity)" : " (no reservation: on-demand capacity)");

    internal static IEnumerable<FlexibleServerPair> Postgres(OperationTopology topology, string recovery) =>
        AzureFailover.Tiers(topology).Where(t => t.Kind == Adapters.PromotionKind.FlexibleServerReplica).Select(t => AzureFailover.Postgres(topology, t.Component, recovery));

    internal static IEnumerable<ManagedRedisPair> Redis(OperationTopology topology, string recovery) =>
        AzureFailover.Tiers(topology).Where(t => t.Kind == Adapters.PromotionKind.ManagedRedisGeo).Select(t => AzureFailover.Redis(topology, t.Component, recovery));

    private static string Seconds(OperationTopology topology, string component) =>
        topology.DataTiers.First(t => t.Component == component).RpoTarget.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    private static OperationStep Step(string name, StepTimeouts timeouts, string calls, string why) =>
        new(name, $"[timeout {FailoverProgram.Text(timeouts.For(name))}] {calls}", why);

    private static string Join(IEnumerable<string> parts) => string.Join(" | ", parts.Where(p => p.Length > 0));
}
