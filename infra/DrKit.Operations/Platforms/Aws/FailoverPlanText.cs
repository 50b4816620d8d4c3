using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// What a dry run of an AWS failover prints: per step, the exact AWS CLI calls with their regions, built by the same
/// command builders the adapters run, and the timeouts the engine will hold each step to.
/// </summary>
internal static class FailoverPlanText
{
    public static IReadOnlyList<OperationStep> Steps(OperationTopology topology, FailoverSettings settings, string recovery, AwsFailoverTargets ids)
    {
        var timeouts = settings.Timeouts;
        var primary = topology.PrimaryRegion;
        var lag = string.Join(" | ", topology.DataTiers.Where(t => !KubernetesFailover.Handles(t)).Select(t =>
            $"{t.Component}: lag <= {t.RpoTarget.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s from {ReplicaLagReader.Describe(t.Component, t.Kind, recovery)}"));
        var kubeCapacity = KubernetesFailoverPlan.CapacityRead(topology, recovery);
        var readiness = Join(
            ids.Rds.Select(r => $"{r.Component}: {RdsCommands.Describe(r.ReplicaInstance, recovery)} (role: a replica has ReadReplicaSourceDBInstanceIdentifier)")
            .Concat(ids.Redis.Select(r => $"{r.Component}: {GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.DescribeArguments(r))} (role of the {recovery} member)"))
            .Concat(ids.SelfManaged.Select(SelfManagedPostgresPlanText.Readiness))
            .Append(lag)
            .Concat(KubernetesFailoverPlan.Readiness(topology, recovery))
            .Concat(kubeCapacity is null ? Capacity(ids, recovery) : [kubeCapacity])
            .Append($"stack outputs: {CommonSteps.Describe(FailoverProgram.ReadinessProbes(topology, recovery))}"));
        var fence = Join(
            ids.Rds.Select(r => $"{r.Component} (best effort, bounded {Text(timeouts.FenceAttempt)}, region {primary}): " +
                $"{RdsCommands.Describe(r.PrimaryInstance, primary)}; {RdsCommands.SetSecurityGroups(r.PrimaryInstance, [r.FenceSecurityGroup], primary)}; " +
                $"{RdsCommands.Reboot(r.PrimaryInstance, primary)}; poll describe until only the fence group is active and the instance is available; " +
                StackStateRecord.Describe([new(OpsConfig.Fence(r.Component), "true")]))
            .Concat(ids.SelfManaged.Select(t => SelfManagedPostgresPlanText.Fence(t, Text(timeouts.FenceAttempt))))
            .Concat(ids.Redis.Select(r => $"{r.Component}: no call (a Global Datastore has no separate fence; reported NOT CONFIRMED, the RPO decides)"))
            .Concat(KubernetesFailoverPlan.Fence(topology, timeouts)));
        var promote = Join(
            ids.Rds.Select(r => $"{r.Component}: if the fence was confirmed, poll CloudWatch until lag is 0 (switchover, no loss); " +
                $"{RdsCommands.Promote(r.ReplicaInstance, r.BackupRetentionDays, recovery)}; poll '{RdsCommands.Describe(r.ReplicaInstance, recovery)}' until it has no replication source and is available; " +
                StackStateRecord.Describe([new(OpsConfig.Promote(r.Component), "true")]) + "; " + WriterAddressPublisher.Describe(r, everyRegion: false) + "; " +
                $"{RdsCommands.Resize(r.ReplicaInstance, r.ProductionClass, recovery)} (only when its class differs)")
            .Concat(ids.SelfManaged.Select(SelfManagedPostgresPlanText.Promote))
            .Concat(ids.Redis.Select(r => $"{r.Component}: {GlobalDatastoreSwitch.Describe(r.Component, recovery)}; " +
                StackStateRecord.Describe([new(OpsConfig.WriterRegion(r.Component), recovery)])))
            .Concat(KubernetesFailoverPlan.Promote(topology, recovery)));
        var scale = KubernetesFailoverPlan.Scale(topology, recovery) ?? $"{AutoScalingCapacity.SetDesired(ids.AutoScalingGroup, topology.DesiredRunning, recovery)}; poll '{AutoScalingCapacity.DescribeGroup(ids.AutoScalingGroup, recovery)}' " +
            $"until {topology.DesiredRunning} instances are InService; {StackStateRecord.Describe([new(OpsConfig.RecoveryRunning, OpsConfig.Text(topology.DesiredRunning))])}";
        var endpoints = RoutingControlTraffic.Order(ids.RoutingEndpoints, primary);
        var shift = $"{RoutingControlTraffic.Update(ids.RoutingControls, recovery, endpoints[0].Value, endpoints[0].Key)} " +
            $"(the next cluster endpoint on failure, those in {primary} last); " +
            StackStateRecord.Describe([new(OpsConfig.TrafficActiveRegion, recovery), new(OpsConfig.TrafficPercent, "100")]);
        var verify = Join(ids.Rds.Select(r => $"{r.Component}: {RdsCommands.Describe(r.ReplicaInstance, recovery)} (a writer)" + (r.WriterParameter is { } p
                ? $"; {WriterAddressPublisher.Get(p, recovery)} (holds its Endpoint.Address, else written again as in Promote)"
                : string.Empty))
            .Concat(ids.SelfManaged.Select(SelfManagedPostgresPlanText.Verify))
            .Concat(ids.Redis.Select(r => $"{r.Component}: {GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.DescribeArguments(r))} (PRIMARY)"))
            .Concat(ids.RoutingControls.Select(c => $"{RoutingControlTraffic.Get(c.Value, endpoints[0].Value, endpoints[0].Key)} ({(c.Key == recovery ? "On" : "Off")})"))
            .Concat(KubernetesFailoverPlan.Verify(topology, recovery))
            .Append(KubernetesFailoverPlan.CapacityVerify(topology, recovery) ?? $"{AutoScalingCapacity.DescribeGroup(ids.AutoScalingGroup, recovery)} ({topology.DesiredRunning} InService)"));
        return
        [
            CommonSteps.PrerequisitesStep(awsCli: true, kubectl: KubernetesFailover.Runs(topology)),
            CommonSteps.SelectStep(topology.Stack),
            .. KubernetesFailover.Runs(topology)
                ? new[] { new OperationStep(KubeAccess.Step, KubeAccess.Describe(topology, recovery), "refuse before any change when the kubectl identity lacks a permission the recovery cluster's calls need") }
                : [],
            new("ReadIds", $"gateway.GetOutputs({topology.Stack}) once: resource ids (the Pulumi backend, not a cloud API)", "name what the steps act on; state is always read from AWS"),
            Step(FailoverSteps.Readiness, timeouts, readiness,
                settings.Force ? $"replicas within RPO (FORCED: {settings.ForceReason}), recovery region able to serve" : "refuse before any change if data loss would exceed the RPO or the recovery region cannot serve"),
            Step(FailoverSteps.Fence, timeouts, fence, "cut client ingress and end sessions on the old primary when it answers; when it does not, say so and go on only within the RPO or forced"),
            Step(FailoverSteps.Promote, timeouts, promote, "make the recovery-region member the writer, from the recovery region only"),
            Step(FailoverSteps.ScaleCompute, timeouts, scale, "start serving capacity in the recovery region, into the GPU reservation, before traffic arrives"),
            Step(FailoverSteps.ShiftTraffic, timeouts, shift, "Route 53 health checks follow the routing controls: the recovery region's record answers, no record changes"),
            Step(FailoverSteps.Verify, timeouts, verify, "confirm from AWS that the recovery region serves; its time ends the measured RTO"),
            Step(FailoverSteps.Report, timeouts, "none", "summarise the promoted tiers, unconfirmed fences, the measured RTO against the target"),
        ];
    }

    private static IEnumerable<string> Capacity(AwsFailoverTargets ids, string recovery) =>
        ids.CapacityReservation is { } reservation
            ? [$"{AutoScalingCapacity.DescribeGroup(ids.AutoScalingGroup, recovery)} (InService); {AutoScalingCapacity.DescribeReservation(reservation, recovery)} (AvailableInstanceCount)"]
            : [$"{AutoScalingCapacity.DescribeGroup(ids.AutoScalingGroup, recovery)} (InService, MaxSize)"];

    private static OperationStep Step(string name, StepTimeouts timeouts, string calls, string why) =>
        new(name, $"[timeout {Text(timeouts.For(name))}] {calls}", why);

    private static string Join(IEnumerable<string> parts) => string.Join(" | ", parts.Where(p => p.Length > 0));

    private static string Text(TimeSpan span) => FailoverProgram.Text(span);
}
