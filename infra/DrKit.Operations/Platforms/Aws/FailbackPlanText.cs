using System.Globalization;
using DrKit.Core.Platforms.Aws;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Programs;
using DrKit.Operations.Steps;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// What a dry run of a failback prints: per step, the exact AWS CLI calls with their regions (ids as placeholders naming
/// their outputs), built by the same command builders the run uses.
/// </summary>
internal static class FailbackPlanText
{
    /// <summary>
    /// The re-seed's identifier as a dry run shows it: a placeholder keeps its output name with the generation suffix
    /// spelt out (the name rules would mangle the brackets); a real id is turned into the re-seed's name as a run would.
    /// </summary>
    public static string SeedName(string primaryInstance) =>
        primaryInstance.StartsWith('<') ? primaryInstance + AwsNames.NextGenerationPlaceholder : AwsNames.FailbackReplica(primaryInstance);

    public static IReadOnlyList<OperationStep> Steps(OperationTopology topology, FailbackSettings settings, string recovery, AwsFailoverTargets ids)
    {
        var primary = topology.PrimaryRegion;
        var targets = ids.Rds.ToDictionary(r => r.Component, r => RdsFailbackTargets.Placeholders(r.Component, primary, recovery), StringComparer.Ordinal);
        var reverse = ids.Rds.Select(r => (Tier: r, Seed: SeedName(r.PrimaryInstance))).ToList();
        var members = ids.Redis.Select(r => r with { Region = primary, ReplicationGroupId = $"<{OperationsOutputNames.RedisReplicationGroupIds}[{r.Component}][{primary}]>" }).ToList();
        var endpoints = RoutingControlTraffic.Order(ids.RoutingEndpoints, null);
        var (endpoint, endpointRegion) = (endpoints[0].Value, endpoints[0].Key);
        var steps = new List<OperationStep>
        {
            CommonSteps.PrerequisitesStep(awsCli: true),
            CommonSteps.SelectStep(topology.Stack),
            new("ReadIds", $"gateway.GetOutputs({topology.Stack}) once: resource ids (the Pulumi backend, not a cloud API)", "name what the steps act on; state is always read from AWS"),
            new(FailbackProgram.Resync, Join(
                reverse.Select(r => $"{r.Tier.Component}: {RdsCommands.Describe(r.Tier.ReplicaInstance, recovery)} (a writer; DBInstanceArn); " +
                    $"{RdsCommands.Describe(r.Seed, primary)} (the re-seed; when it is already a writer it counts only if this operation's writer journal shows its " +
                    $"promotion or the recovery writer holds only its fence group; when DBInstanceNotFound: {RdsCommands.Describe(r.Tier.PrimaryInstance, primary)} for " +
                    $"KmsKeyId, DBSubnetGroup, TagList, CopyTagsToSnapshot, MultiAZ and DeletionProtection, then {RdsCommands.CreateReplica(DryRunSeed(r.Tier, r.Seed))} " +
                    "(--tags without aws:* keys; --copy-tags-to-snapshot, --multi-az and --deletion-protection each only when the old primary has it)); " +
                    $"poll describe until available (at most {Text(settings.SeedWait)}); {RdsCommands.SetParameterGroup(r.Seed, targets[r.Tier.Component].WriterParameterGroup, primary)} " +
                    $"(the stack's unfenced writer group: RDS gives a cross-region PostgreSQL replica the engine's default); poll describe until DBParameterGroups[0].ParameterApplyStatus " +
                    $"is in-sync, running {RdsCommands.Reboot(r.Seed, primary)} once on pending-reboot (at most {Text(settings.ParameterWait)}); " +
                    $"{ReplicaLagReader.CommandLine(LagMetric.RdsReplicaLag.Arguments(r.Seed, primary, "<now-5m>", "<now>", TimeSpan.FromMinutes(1)))} " +
                    $"<= {Seconds(Rpo(topology, r.Tier.Component))}")
                .Concat(members.Select(m => $"{m.Component}: {GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.DescribeArguments(m))} (the {primary} member SECONDARY); " +
                    $"{ReplicaLagReader.Describe(m.Component, PromotionKind.GlobalDatastore, primary)} <= {Seconds(Rpo(topology, m.Component))}"))
                .Concat(ids.SelfManaged.Select(s => $"{s.Component}: refused, a self-managed server is re-seeded and switched back by hand"))),
                "the primary region must hold a caught-up copy, read from AWS, before anything moves back; refuse otherwise"),
            new(FailbackProgram.WeightsToRecovery, $"gateway.SetConfig({topology.Stack}): {OpsConfig.TrafficActiveRegion}={recovery}, {OpsConfig.TrafficPercent}=100; gateway.Up({topology.Stack})",
                $"a failover deploys nothing, so the records still weigh {primary} 100; put every weight on {recovery} before its control turns On"),
            new(FailbackProgram.PrimaryOn, $"{RoutingControlTraffic.AllOn(ids.RoutingControls, endpoint, endpointRegion)} (the next cluster endpoint on failure); " +
                Join(ids.RoutingControls.Select(c => $"{RoutingControlTraffic.Get(c.Value, endpoint, endpointRegion)} (On)")),
                $"a record whose routing control is Off gets no traffic whatever its weight; the weights now send everything to {recovery}"),
            new("Baseline", $"gateway.GetOutputs({topology.Stack}): {OperationsOutputNames.TrafficActiveRegion}, {OperationsOutputNames.TrafficPercent}; read the error rate",
                "the starting point to roll back to and the error-rate baseline"),
        };
        foreach (var percent in settings.Stages)
        {
            steps.Add(new(GradualTrafficShift.StageName(percent),
                $"SetConfig {OpsConfig.TrafficActiveRegion}={primary}, {OpsConfig.TrafficPercent}={percent}; Up (record weights; {primary} is healthy); expect {OperationsOutputNames.TrafficPercent}; " +
                $"wait {Text(settings.SettleTime)}; read the error rate",
                $"return {percent}% of users; roll back to the previous stage if the error rate exceeds {FailbackProgram.Rate(settings.MaxErrorRate)} or rises more than {FailbackProgram.Rate(settings.MaxErrorRateRise)} over the baseline"));
        }

        var t = settings.WriterTimeouts;
        steps.Add(Writers(FailoverSteps.Readiness, t, Join(reverse.Select(r => $"{r.Tier.Component}: {RdsCommands.Describe(r.Seed, primary)} (a replica); ReplicaLag of {r.Seed} as in Resync")
            .Concat(members.Select(m => $"{m.Component}: {GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.DescribeArguments(m))}; lag as in Resync"))),
            "lag within the RPO before the writers move"));
        steps.Add(Writers(FailoverSteps.Fence, t, Join(reverse.Select(r => $"{r.Tier.Component} (bounded {Text(t.FenceAttempt)}, region {recovery}): " +
                $"{RdsCommands.SetSecurityGroups(r.Tier.ReplicaInstance, [targets[r.Tier.Component].RecoveryFenceGroup], recovery)}; {RdsCommands.Reboot(r.Tier.ReplicaInstance, recovery)}; " +
                $"poll '{RdsCommands.Describe(r.Tier.ReplicaInstance, recovery)}' until only the fence group is active and the instance is available; a rollback (also in a " +
                $"resumed run) unfences with {RdsCommands.SetSecurityGroups(r.Tier.ReplicaInstance, targets[r.Tier.Component].RecoveryClientGroups, recovery)}")
            .Concat(members.Select(m => $"{m.Component}: no call (the Global Datastore switch demotes the recovery member)"))),
            "cut client ingress and end sessions on the recovery writer: the switch back is planned, so no write may be lost"));
        steps.Add(Writers(FailoverSteps.Promote, t, Join(reverse.Select(r => $"{r.Tier.Component}: {RdsSlotLagCatchUp.Describe(r.Tier.ReplicaInstance, recovery)}; " +
                $"{RdsCommands.Promote(r.Seed, r.Tier.BackupRetentionDays, primary)}; poll '{RdsCommands.Describe(r.Seed, primary)}' until it has no replication source and is available; " +
                StackStateRecord.Describe(RdsRecords.Failback(r.Tier.Component, primary, r.Seed).Promoted) +
                $" (the next pulumi up adopts {r.Seed}: imported as the writer, a new replica of it in {recovery}, the old primary and old recovery writer deleted with final snapshots); " +
                WriterAddressPublisher.Describe(r.Tier with { RecoveryRegion = primary, ReplicaInstance = r.Seed }, everyRegion: true))
            .Concat(members.Select(m => $"{m.Component}: {GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.FailoverArguments(m))}; poll describe until the {primary} member is PRIMARY; " +
                StackStateRecord.Describe([new(OpsConfig.WriterRegion(m.Component), primary)])))),
            "the primary region takes the writers back, each promoted from its own region"));
        steps.Add(Writers(FailoverSteps.ShiftTraffic, t, $"{RoutingControlTraffic.Update(ids.RoutingControls, primary, endpoint, endpointRegion)}; " +
            StackStateRecord.Describe([new(OpsConfig.TrafficActiveRegion, primary), new(OpsConfig.TrafficPercent, "100")]),
            $"back to the steady state: {primary} alone On, {recovery} Off as a standby"));
        steps.Add(Writers(FailoverSteps.Verify, t, Join(reverse.Select(r => $"{RdsCommands.Describe(r.Seed, primary)} (a writer)")
            .Concat(members.Select(m => $"{GlobalDatastoreSwitch.CommandLine(GlobalDatastoreSwitch.DescribeArguments(m))} (PRIMARY)"))
            .Concat(ids.RoutingControls.Select(c => $"{RoutingControlTraffic.Get(c.Value, endpoint, endpointRegion)} ({(c.Key == primary ? "On" : "Off")})"))),
            "confirm from AWS that the primary region holds the writers and the traffic"));
        return steps;
    }

    /// <summary>The re-seed as the dry run shows it: every optional flag present, values named by where a run reads them.</summary>
    private static RdsReseedSpec DryRunSeed(RdsTier tier, string seed) => new(seed, "<DBInstanceArn>", tier.RecoveryRegion, tier.ProductionClass, tier.PrimaryRegion)
    {
        KmsKey = "<KmsKeyId>",
        SubnetGroup = "<DBSubnetGroupName>",
        SecurityGroups = tier.ClientSecurityGroups,
        Tags = "<TagList of the old primary>",
        CopyTagsToSnapshot = true,
        MultiAz = true,
        DeletionProtection = true,
    };

    private static OperationStep Writers(string step, StepTimeouts timeouts, string calls, string why) =>
        new($"{FailbackProgram.ReturnWriters}:{step}", $"[timeout {Text(timeouts.For(step))}] {calls}", why);

    private static TimeSpan Rpo(OperationTopology topology, string component) => topology.DataTiers.Single(t => t.Component == component).RpoTarget;

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";

    private static string Join(IEnumerable<string> parts) => string.Join(" | ", parts);

    private static string Text(TimeSpan span) => FailoverProgram.Text(span);
}
