using DrKit.Core.Platforms.Aws;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Drills;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Programs;

/// <summary>What a drill measures: replication lag at drill start, the restored copies' state, and the record judged against <see cref="DrillObjectives"/>.</summary>
public sealed partial class DrillProgram
{
    /// <summary>Reads, read-only, the lag of every replicated tier's member in the drill region; a lag that cannot be read leaves that path unmeasured.</summary>
    private async Task<string> ReadReplicationLagAsync(OperationTopology topology, string region, IReadOnlyList<TierRestore> tiers, StackOutputs sourceOutputs, DrillRun run, CancellationToken ct)
    {
        var notes = new List<string>();
        foreach (var check in Checks(topology, tiers).Where(c => c.Path == RpoPath.Replication))
        {
            var kind = LagKind(topology, check.Component);
            LagReading reading;
            try
            {
                reading = await lag.ReadAsync(sourceOutputs, topology.Stack, check.Component, kind, region, ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e)
            {
                reading = new LagReading(null, e.Message);
            }

            run.Lags[check.Component] = reading;
            notes.Add($"{check.Component}: {reading.Source}");
        }

        foreach (var check in Checks(topology, tiers).Where(c => c.Path == RpoPath.ObjectReplication))
        {
            ReplicationFigure figure;
            try
            {
                figure = await new ReplicationPathReader(lag, time)
                    .ReadAsync(sourceOutputs, topology.Stack, topology.Components.First(c => c.Name == check.Component), topology.PrimaryRegion, region, ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e)
            {
                figure = new ReplicationFigure(null, null, e.Message);
            }

            run.Copies[check.Component] = figure;
            notes.Add($"{check.Component}: {figure.Missed ?? figure.Detail}");
        }

        return notes.Count == 0 ? "no replicated tier in the drill region" : string.Join("; ", notes);
    }

    /// <summary>Polls the service until every restored copy reports available; the probes read state, never outputs the stack repeats.</summary>
    private async Task<(StackOutputs Value, string Detail)> ProbeUntilHealthyAsync(string drillStack, IReadOnlyList<TierRestore> probed, DrillSettings settings, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + settings.ProbeTimeout;
        while (true)
        {
            var outputs = await gateway.GetOutputsAsync(drillStack, ct).ConfigureAwait(false);
            var states = new List<(string Component, RestoredState State)>();
            foreach (var tier in probed)
            {
                states.Add((tier.Component, await ProbeAsync(tier, outputs, ct).ConfigureAwait(false)));
            }

            var failing = states.Where(s => !s.State.Available).ToList();
            if (failing.Count == 0)
            {
                return (outputs, probed.Count == 0
                    ? "no restored copy to probe"
                    : string.Join("; ", states.Select(s => $"{s.Component}: {s.State.Detail}")));
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new StackCommandFailedException(
                    $"probes still failing after {FailoverProgram.Text(settings.ProbeTimeout)}: {string.Join("; ", failing.Select(f => $"{f.Component}: {f.State.Detail}"))}");
            }

            await Task.Delay(settings.ProbeInterval, time, ct).ConfigureAwait(false);
        }
    }

    private async Task<RestoredState> ProbeAsync(TierRestore tier, StackOutputs outputs, CancellationToken ct)
    {
        if (outputs.Text(DrillRestore.RestoredIdOutput(tier.Component)) is not { Length: > 0 } id)
        {
            return new RestoredState(false, $"the drill stack exports no {DrillRestore.RestoredIdOutput(tier.Component)}");
        }

        try
        {
            return await points.ReadRestoredAsync(tier, id, ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            return new RestoredState(false, e.Message);
        }
    }

    private DrillRecord BuildRecord(OperationTopology topology, DrillSettings settings, string drillStack, DrillMode mode, IReadOnlyList<TierRestore> tiers, DateTimeOffset startedAt, DrillRun run)
    {
        var measured = new List<DrillTierRecord>();
        var gaps = Gaps(topology, tiers).Select(g => new DrillGapRecord(g.Component, g.Reason)).ToList();
        var rto = run.RecoveredAt - run.RecoveryStart;
        // A tier not restored in this run whose restore has no measured figure (an Azure geo-restore) would otherwise
        // leave no trace of why: its reason is a gap of its own.
        var restoreChecked = Checks(topology, tiers).Where(c => c.Path == RpoPath.Restore).Select(c => c.Component).ToHashSet(StringComparer.Ordinal);
        gaps.AddRange(run.NotRestored.Where(n => !restoreChecked.Contains(n.Key)).Select(n => new DrillGapRecord(n.Key, $"restore: not restored in this run ({n.Value})")));
        if (run.Outputs is { } outputs)
        {
            foreach (var check in Checks(topology, tiers))
            {
                var component = topology.Components.First(c => c.Name == check.Component);
                // A restore is judged against its own path's RTO, never the promotion the plan's target promises.
                var targets = new DrillTierTargets(check.Target, check.RtoTarget ?? component.Target.Rto);
                var path = PathText(check.Path);
                if (check.Path == RpoPath.ObjectReplication)
                {
                    // Read in place: nothing was restored, so the figure carries no RTO.
                    if (run.Copies.GetValueOrDefault(check.Component) is { Rpo: { } trailing } copy)
                    {
                        measured.Add(new DrillTierRecord(check.Component, targets, null, 0, trailing, 0) { Path = path, Basis = check.Basis, Missed = copy.Missed, Note = copy.Detail });
                    }
                    else
                    {
                        gaps.Add(new DrillGapRecord(check.Component, $"{path} RPO: {run.Copies.GetValueOrDefault(check.Component)?.Detail ?? "replication not read"}"));
                    }

                    continue;
                }

                if (check.Path == RpoPath.Replication)
                {
                    if (run.Lags.GetValueOrDefault(check.Component) is { Lag: { } lagged })
                    {
                        measured.Add(new DrillTierRecord(check.Component, targets, null, 0, lagged, 0) { Path = path, Basis = check.Basis });
                    }
                    else
                    {
                        gaps.Add(new DrillGapRecord(check.Component, $"{path} RPO: {run.Lags.GetValueOrDefault(check.Component)?.Source ?? "lag not read"}"));
                    }

                    continue;
                }

                if (check.Path == RpoPath.Restore && run.NotRestored.TryGetValue(check.Component, out var skipped))
                {
                    gaps.Add(new DrillGapRecord(check.Component, $"{path}: not restored in this run ({skipped})"));
                    continue;
                }

                if (outputs.Time(OperationsOutputNames.RecoveryPoint(check.Component)) is not { } point || !run.ReadAt.TryGetValue(check.Component, out var readAt))
                {
                    gaps.Add(new DrillGapRecord(check.Component, $"{path} RPO: the drill stack reported no recovery point (nothing to restore from, or the read failed)"));
                    continue;
                }

                var rpo = point >= readAt ? TimeSpan.Zero : readAt - point;
                // A freshness figure restores nothing, so it has no RTO of its own.
                measured.Add(new DrillTierRecord(check.Component, targets, check.Path == RpoPath.ArchiveFreshness ? null : rto, 0, rpo, 0) { Path = path, Basis = check.Basis });
            }
        }

        CloudDrillVerdict verdict;
        string summary;
        if (run.Error is not null || rto is null)
        {
            verdict = CloudDrillVerdict.Failed;
            summary = $"Recovery into {drillStack} failed: {run.Error ?? "probes never passed"}.";
        }
        else
        {
            // Every restore runs in the one deployment, so each restored tier's RTO is the deployment's; the verdict is
            // the conjunction of the per-tier verdicts, not a comparison with the stack's tightest (promotion) target.
            var missed = measured.Where(t => !t.RpoMet || (t.Rto is not null && !t.RtoMet))
                .Select(t => $"{t.Tier} ({t.Path}{(t.Missed is { } why ? $": {why}" : string.Empty)}{(t.Rto is not null && !t.RtoMet ? $" RTO over {FailoverProgram.Text(t.Targets.Rto)}" : string.Empty)})").Distinct().ToList();
            verdict = missed.Count == 0 && gaps.Count == 0 ? CloudDrillVerdict.Met : CloudDrillVerdict.Missed;
            summary = $"Recovered {topology.Stack} into {drillStack} ({Text(mode)}) in {FailoverProgram.Text(rto.Value)}, each restore against its own path's RTO" +
                (verdict == CloudDrillVerdict.Met ? "; every target met." : string.Empty) +
                (missed.Count > 0 ? $"; missed: {string.Join(", ", missed)}" : string.Empty) +
                (gaps.Count > 0 ? $"; not measured: {string.Join(", ", gaps.Select(g => g.Tier).Distinct())}" : string.Empty) +
                (verdict == CloudDrillVerdict.Met ? string.Empty : ".");
        }

        if (!run.TornDown)
        {
            summary += $" The drill stack was NOT torn down: run 'drkit teardown {drillStack}'." +
                (run.Leftovers.Count > 0 ? $" Still tagged with it in {Region(topology)}: {string.Join(", ", run.Leftovers)}." : string.Empty);
        }

        return new DrillRecord
        {
            DrillId = drillStack,
            Spec = new DrillRecordSpec(topology.Stack, Text(mode)),
            DrillStack = drillStack,
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            FailureInjectedAt = run.ReadAt.Count > 0 ? run.ReadAt.Values.Min() : run.RecoveryStart,
            Verdict = verdict,
            Summary = summary,
            Rto = rto,
            // The tightest target a restored tier was judged against: the one time every restore had to meet.
            RtoTarget = measured.Where(t => t.Rto is not null).Select(t => t.Targets.Rto).DefaultIfEmpty(topology.RtoTarget).Min(),
            Tiers = measured,
            Unmeasured = [.. gaps.Select(g => g.Tier).Distinct()],
            Gaps = gaps,
            Timeline = [.. run.Runner.Records.Select(r => new DrillTimelineEvent(r.Started, r.Outcome.ToString(), r.Name, r.Detail))],
            TornDown = run.TornDown,
            Error = run.Error,
        };
    }

    private static IReadOnlyList<DrillRpoCheck> Checks(OperationTopology topology, IReadOnlyList<TierRestore> tiers) => OnAzure(topology)
        ? Core.Platforms.Azure.AzureDrillObjectives.Checks(topology.Components, tiers)
        : DrillObjectives.Checks(topology.Components, tiers, topology.PrimaryRegion);

    private static IReadOnlyList<DrillGap> Gaps(OperationTopology topology, IReadOnlyList<TierRestore> tiers) => OnAzure(topology)
        ? Core.Platforms.Azure.AzureDrillObjectives.Gaps(topology.Components, tiers, topology.PrimaryRegion)
        : DrillObjectives.Gaps(topology.Components, tiers, topology.PrimaryRegion);

    private static PromotionKind LagKind(OperationTopology topology, string component) =>
        topology.Components.First(c => c.Name == component).Kind == Core.Model.ComponentKind.Redis ? PromotionKind.GlobalDatastore : PromotionKind.ReadReplica;

    private static string PathText(RpoPath path) => path switch
    {
        RpoPath.Replication or RpoPath.ObjectReplication => "replication",
        RpoPath.ArchiveFreshness => "archive freshness",
        _ => "restore",
    };

    private static string ReplicationLagText(OperationTopology topology, string region)
    {
        var reads = Checks(topology, Tiers(topology, region)).Where(c => c.Path == RpoPath.Replication)
            .Select(c => $"{c.Component}: {ReplicaLagReader.Describe(c.Component, LagKind(topology, c.Component), region)}")
            .Concat(Checks(topology, Tiers(topology, region)).Where(c => c.Path == RpoPath.ObjectReplication)
                .Select(c => $"{c.Component}: {ReplicationPathReader.Describe(topology.Components.First(p => p.Name == c.Component), topology.PrimaryRegion, region)}")).ToList();
        return reads.Count == 0 ? "none (no replicated tier in the drill region)" : string.Join("; ", reads);
    }

    private static string ProbeText(IReadOnlyList<TierRestore> tiers, string drillStack)
    {
        var probes = tiers.Where(t => t.Probed).Select(t => $"{t.Component}: {RecoveryPointReader.CommandLine(t, RecoveryPointReader.RestoredArguments(t))} until {(RecoveryPointReader.OnAzure(t) ? $"Ready (Azure Resource Manager, the drill's resource group in {t.Region})" : "available")}").ToList();
        return probes.Count == 0 ? "none (nothing restored to probe)" : $"gateway.GetOutputs({drillStack}), then {string.Join("; ", probes)}";
    }

    private static string MeasureText(OperationTopology topology, IReadOnlyList<TierRestore> tiers)
    {
        var checks = Checks(topology, tiers).Select(c =>
            $"{c.Component} {PathText(c.Path)} RPO <= {FailoverProgram.Text(c.Target)} ({c.Basis})" +
            c.Path switch
            {
                RpoPath.Replication => ": lag read at drill start",
                RpoPath.ObjectReplication => ": replication read at drill start; read in place, so no RTO",
                _ => $": read time - output {OperationsOutputNames.RecoveryPoint(c.Component)}",
            } +
            (c.RtoTarget is { } rto ? $", RTO <= {FailoverProgram.Text(rto)} ({c.RtoBasis})" : string.Empty));
        var gaps = Gaps(topology, tiers).Select(g => $"{g.Component} not measured ({g.Reason})");
        var all = checks.Concat(gaps).ToList();
        return all.Count == 0 ? "no data tier" : string.Join("; ", all);
    }
}
