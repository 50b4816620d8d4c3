using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Platforms.Azure;

namespace DrKit.Operations.Programs;

/// <summary>
/// The failback of a stack on Azure, read from Azure at every step so a re-run resumes where the last one stopped: checks
/// that change nothing (the primary region answers, each tier is failed over, each Redis member is linked back), then per
/// PostgreSQL tier a replica of the writer under the primary's name in the primary region, its lag read to 0 and a planned
/// switchover back (roles read from both servers before and after, so a resumed run never switches twice and never
/// leaves two writers), then traffic back 10 % → 50 % → 100 % with Traffic Manager endpoint changes decided by the core's
/// traffic shape and read back at each stage, the recovery fleet back to its steady size, and the steady state recorded.
/// </summary>
public sealed partial class FailbackProgram
{
    private async Task<OperationResult> RunAzureAsync(OperationTopology topology, FailbackSettings settings, string recovery, CancellationToken ct)
    {
        AzureFailover.RequireSupported(topology, recovery);
        var primary = topology.PrimaryRegion;
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, settings.OperationId);
        OperationResult Result(OperationOutcome outcome, string summary, GradualShiftResult? shift = null) =>
            new(Name, topology.Stack, settings.OperationId, outcome, runner.Records, time.GetElapsedTime(start), summary) { Shift = shift };

        var cli = az ?? new AzCli(new ProcessCloudCommand(time));
        await CommonSteps.RunAzurePrerequisitesAsync(runner, gateway, cli, ct).ConfigureAwait(false);
        await CommonSteps.RunSelectStackAsync(runner, gateway, topology.Stack, ct).ConfigureAwait(false);
        var state = new StackStateRecord(gateway, topology.Stack);
        var servers = AzureFailoverPlan.Postgres(topology, recovery)
            .Select(p => new FlexibleServerFailback(cli, p, state, time) { PollInterval = settings.SeedPollInterval, CatchUpWait = settings.SeedWait }).ToList();
        var redis = AzureFailoverPlan.Redis(topology, recovery).ToList();

        var config = await gateway.GetConfigAsync(topology.Stack, ct).ConfigureAwait(false);
        var blockers = new List<string>();
        var found = new Dictionary<string, FlexibleServerReturn>(StringComparer.Ordinal);
        foreach (var s in servers)
        {
            var read = found[s.Pair.Component] = await s.ReadAsync(ct).ConfigureAwait(false);
            var promoted = config.GetValueOrDefault(Contract.OpsConfig.Promote(s.Pair.Component))?.Value == Contract.OpsConfig.Text(true);
            if (Blocker(s.Pair, read, promoted) is { } blocker)
            {
                blockers.Add(blocker);
            }
        }

        foreach (var r in redis)
        {
            if (await ManagedRedisReturn.BlockerAsync(cli, r, ct).ConfigureAwait(false) is { } blocker)
            {
                blockers.Add(blocker);
            }
        }

        if (blockers.Count > 0)
        {
            var detail = string.Join("; ", blockers);
            runner.Record(Resync, StepOutcome.Refused, detail);
            return Result(OperationOutcome.Refused, $"Refused: {detail}. Nothing was changed: the writers and all traffic stay in {recovery}.");
        }

        runner.Record(Resync, StepOutcome.Completed, string.Join("; ", servers.Select(s => $"{s.Pair.Component}: {found[s.Pair.Component]}").Concat(redis.Select(r => $"{r.Component}: Linked"))));
        try
        {
            foreach (var s in servers)
            {
                var c = s.Pair.Component;
                if (found[c] != FlexibleServerReturn.Returned)
                {
                    await runner.RunAsync($"{AzureFailbackPlan.Reseed}:{c}", () => s.ReseedAsync(found[c], ct)).ConfigureAwait(false);
                    await runner.RunAsync($"{AzureFailbackPlan.CatchUp}:{c}", () => s.CatchUpAsync(ct)).ConfigureAwait(false);
                }

                await runner.RunAsync($"{AzureFailbackPlan.SwitchBack}:{c}", async () =>
                {
                    var detail = await s.SwitchBackAsync(ct).ConfigureAwait(false);
                    await state.SetAsync(new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        [Contract.OpsConfig.Promote(c)] = Contract.OpsConfig.Text(false),
                        [Contract.OpsConfig.WriterRegion(c)] = primary,
                    }, ct).ConfigureAwait(false);
                    return detail;
                }).ConfigureAwait(false);
            }

            foreach (var r in redis)
            {
                await runner.RunAsync($"{AzureFailbackPlan.SwitchBack}:{r.Component}", async () =>
                {
                    await state.SetAsync(Contract.OpsConfig.WriterRegion(r.Component), primary, ct).ConfigureAwait(false);
                    return $"{r.PrimaryInstance} is Linked; the application writes in {primary} again";
                }).ConfigureAwait(false);
            }
        }
        catch (CloudCommandFailedException e)
        {
            return Result(OperationOutcome.Failed, $"The writers did not return: {e.Message}. All traffic stays in {recovery}; Azure reports one writer per tier " +
                $"(a switchover swaps roles). Re-run with --operation-id {settings.OperationId}: it reads both servers and goes on from there.");
        }

        var traffic = new TrafficManagerTraffic(cli, AzureFailover.Traffic(topology)!, state);
        var before = await traffic.GetStateAsync(ct).ConfigureAwait(false);
        GradualShiftResult? shift = null;
        if (before.ActiveRegion == primary && before.Percent == 100)
        {
            // A resumed run whose stages had finished: starting them again would send users away from the primary.
            runner.Record(GradualTrafficShift.StageName(100), StepOutcome.Skipped, $"Traffic Manager already sends all traffic to {primary}");
        }
        else
        {
            shift = await ShiftAsync(traffic, primary, settings, ct).ConfigureAwait(false);
            runner.Add(shift.Steps);
            if (shift.Outcome != GradualShiftOutcome.Completed)
            {
                return Result(shift.Outcome == GradualShiftOutcome.RolledBack ? OperationOutcome.RolledBack : OperationOutcome.Failed,
                    $"{shift.Reason} The writers are in {primary} (one writer per tier); users reach them through the virtual endpoint from either region. " +
                    $"Re-run to try the stages again.", shift);
            }
        }

        var steady = AzureFailback.SteadyRunning(topology, recovery);
        if (AzureFailover.Gpu(topology, recovery) is { } gpu)
        {
            await runner.RunAsync(AzureFailbackPlan.ScaleBack, async () =>
            {
                await new ScaleSetCapacity(cli, gpu, state).ScaleAsync(steady, ct).ConfigureAwait(false);
                return $"{gpu.ScaleSet} in {recovery} scaled to {steady}";
            }).ConfigureAwait(false);
        }

        var keys = AzureFailback.SteadyKeys(topology, recovery);
        await runner.RunAsync(AzureFailbackPlan.RecordSteady, async () =>
        {
            await state.SetAsync(keys, ct).ConfigureAwait(false);
            return $"{StackStateRecord.Describe(keys)}: the next 'pulumi up' declares the steady state, object replication from {primary} included";
        }).ConfigureAwait(false);
        return Result(OperationOutcome.Succeeded, $"{topology.Stack} serves from {primary} again; writers returned: " +
            string.Join(", ", servers.Select(s => s.Pair.Server)) + $". Run 'pulumi up --stack {topology.Stack}' to declare object replication from {primary} again.", shift);
    }

    /// <summary>Why a tier cannot fail back from what Azure reports, or null. Two writers are resolved only when the stack
    /// records that the failover promoted the recovery server; the old primary is then the stale one.</summary>
    private static string? Blocker(FlexibleServerPair pair, FlexibleServerReturn read, bool promoted) => read switch
    {
        FlexibleServerReturn.PrimaryRegionDown =>
            $"{pair.Component}: {pair.Server} in {pair.PrimaryRegion} does not answer: the primary region is still down, so no replica can be created there",
        FlexibleServerReturn.NotFailedOver => $"{pair.Component}: {pair.Replica} in {pair.RecoveryRegion} is not the writer: the tier is not failed over",
        FlexibleServerReturn.StaleWriter when !promoted =>
            $"{pair.Component}: both {pair.Server} and {pair.Replica} report the writer role and the stack records no promotion ({Contract.OpsConfig.Promote(pair.Component)}); decide which one keeps its writes and delete the other before failing back",
        _ => null,
    };
}
