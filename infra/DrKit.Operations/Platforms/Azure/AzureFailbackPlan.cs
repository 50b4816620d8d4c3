using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// What a dry run of an Azure failback prints: per step, the exact <c>az</c> calls (built by <see cref="AzureCalls"/>)
/// with the region of the group each targets, and the config each step records. The order is the run's: checks that
/// change nothing, the writers back (re-seed, lag 0, planned switchover), traffic back in stages, the recovery fleet
/// back to its steady size, the steady state recorded.
/// </summary>
internal static class AzureFailbackPlan
{
    public const string Reseed = "Reseed";
    public const string CatchUp = "CatchUp";
    public const string SwitchBack = "SwitchBack";
    public const string ScaleBack = "ScaleBack";
    public const string RecordSteady = "RecordSteady";

    public static IReadOnlyList<OperationStep> Steps(OperationTopology topology, FailbackSettings settings, string recovery)
    {
        var primary = topology.PrimaryRegion;
        var traffic = AzureFailover.Traffic(topology)!;
        var postgres = AzureFailoverPlan.Postgres(topology, recovery).ToList();
        var redis = AzureFailoverPlan.Redis(topology, recovery).ToList();
        var resync = Join(
            postgres.Select(p => $"{p.Component}: {AzureCalls.ServerShow(p.PrimaryGroup, primary, p.Server).Describe()} (an answer or ResourceNotFound: the region is back; " +
                $"no answer within the read bound: REFUSED, the primary region is still down) and {AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).Describe()} " +
                "(replica.role Primary: failed over; both writers: REFUSED)")
            .Concat(redis.Select(r => $"{r.Component}: {AzureCalls.RedisDatabaseShow(r.RecoveryGroup, recovery, r.RecoveryInstance).Describe()}: " +
                $"geoReplication.linkedDatabases must hold {r.PrimaryInstance} Linked; otherwise REFUSED with the re-link steps: {ManagedRedisReturn.Runbook(r)}")));
        var steps = new List<OperationStep>
        {
            new(CommonSteps.Prerequisites, "gateway.EnsureReady: runs 'pulumi version'; runs 'az version' (no cloud call)", "fail before any change when a CLI is missing"),
            CommonSteps.SelectStep(topology.Stack),
            new(FailbackProgram.Resync, resync, "read-only: refuse before any change while the primary region is down, a tier is not failed over, or a Redis member is not linked back"),
        };
        foreach (var p in postgres)
        {
            steps.Add(new($"{Reseed}:{p.Component}",
                $"{p.Server} a replica of {p.Replica} already (after a planned switchover): nothing; absent: " +
                $"{AzureCalls.ReplicaCreate(p.PrimaryGroup, primary, p.Server, $"<id of {p.Replica}, read from its show>").Describe()}; " +
                $"a standalone writer (the old primary back after a forced promotion): {AzureCalls.ServerDelete(p.PrimaryGroup, primary, p.Server).Describe()} first, then the same create",
                "the replica takes the primary's decided name, which the stack declares; a server name cannot be changed, so a stale old primary (its writes after the " +
                "forced promotion are on a timeline the writer never had) is deleted, its backups restorable as a dropped server"));
            steps.Add(new($"{CatchUp}:{p.Component}",
                $"every {FailoverProgram.Text(settings.SeedPollInterval)} up to {FailoverProgram.Text(settings.SeedWait)}: {AzureCalls.ServerShow(p.PrimaryGroup, primary, p.Server).Describe()} (Ready) and " +
                $"{AzureCalls.ReplicaLag(p.PrimaryGroup, primary, p.Server, "<now-10m>", "<now>").Describe()} until the newest maximum is 0",
                "the switchover waits for a replica that is caught up (read from Azure Monitor, not assumed)"));
            steps.Add(new($"{SwitchBack}:{p.Component}",
                $"unless {p.Server} already reads as the writer: {AzureCalls.Promote(p.PrimaryGroup, primary, p.Server, switchover: true, planned: true).Describe()}; then both shows until {p.Server} is Primary " +
                $"and {p.Replica} a replica; {StackStateRecord.Describe([new(OpsConfig.Promote(p.Component), "false"), new(OpsConfig.WriterRegion(p.Component), primary)])}",
                "planned: the service applies all pending WAL, then swaps roles, so there is never a second writer; the writer virtual endpoint follows to " + primary));
        }

        steps.AddRange(redis.Select(r => new OperationStep($"{SwitchBack}:{r.Component}", StackStateRecord.Describe([new(OpsConfig.WriterRegion(r.Component), primary)]),
            "the members are linked and converge; the application writes to the primary region's member again")));
        steps.Add(new("Baseline", $"{string.Join("; ", traffic.Regions.Select(r => AzureCalls.EndpointShow(traffic.Group, traffic.GroupRegion, traffic.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(r)).Describe()))}; read the error rate",
            "the starting point a rollback returns to"));
        foreach (var percent in settings.Stages)
        {
            steps.Add(new(GradualTrafficShift.StageName(percent),
                $"{string.Join("; ", TrafficManagerTraffic.Calls(traffic, primary, percent).Select(c => c.Describe()))}; read each endpoint back ({percent}% on {primary}); " +
                $"{StackStateRecord.Describe([new(OpsConfig.TrafficActiveRegion, primary), new(OpsConfig.TrafficPercent, OpsConfig.Text(percent))])}; settle {FailoverProgram.Text(settings.SettleTime)}, read the error rate",
                $"status and weight from the core's traffic shape, on the profile in {traffic.GroupRegion}; an error rate above {FailbackProgram.Rate(settings.MaxErrorRate)} " +
                $"(or {FailbackProgram.Rate(settings.MaxErrorRateRise)} over the baseline) rolls the stage back"));
        }

        var gpu = AzureFailover.Gpu(topology, recovery);
        var steady = AzureFailback.SteadyRunning(topology, recovery);
        steps.Add(new(ScaleBack, gpu is null ? "no GPU fleet on Azure: nothing to scale" :
            $"{StackStateRecord.Describe([new(OpsConfig.RecoveryRunning, OpsConfig.Text(steady))])}; {AzureCalls.Scale(gpu.Group, recovery, gpu.ScaleSet, steady).Describe()}",
            $"the recovery fleet back to its planned steady size ({steady}) once no user is served from {recovery}"));
        steps.Add(new(RecordSteady, StackStateRecord.Describe(AzureFailback.SteadyKeys(topology, recovery)),
            "the steady state recorded, so the next 'pulumi up' declares it: the writer in the primary region with its replica in the recovery region, the planned " +
            "endpoints, and the object-replication policies the failover deleted declared again from the primary's accounts (first, by hand: the old policy " +
            "deleted on the source accounts too and the writes that landed in the recovery accounts copied back, see the runbook)"));
        return steps;
    }

    private static string Join(IEnumerable<string> parts) => string.Join(" | ", parts.Where(p => p.Length > 0));
}
