namespace DrKit.Failover;

/// <summary>
/// Runs a DR operation as the fixed, journaled step sequence Readiness, Fence, Promote, ScaleCompute, ShiftTraffic,
/// Verify, Report. Re-running an operation id resumes it from the journal: completed steps are skipped and a
/// promotion is never repeated. The engine keeps four promises: it refuses to lose more data than the RPO allows
/// unless forced, it never silently leaves a data tier without a primary, it never promotes twice, and it never
/// unfences an old primary whose replica may have been promoted. The fence is best effort and bounded: a confirmed
/// fence makes the tier a zero-loss switchover (promotion waits for lag 0); an unconfirmed one is reported in the
/// result and accepted only within the tier's RPO or when forced. <see cref="FailoverSteps.Plan"/> lists the steps.
/// </summary>
public sealed class FailoverEngine
{
    private readonly TimeProvider _time;
    private readonly IFailoverJournal _journal;
    private readonly IFailoverObserver? _observer;

    public FailoverEngine(TimeProvider time, IFailoverJournal journal, IFailoverObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(journal);
        _time = time;
        _journal = journal;
        _observer = observer;
    }

    /// <summary>
    /// Runs (or resumes) the operation. Cancelling <paramref name="ct"/> abandons the run like a crash would:
    /// nothing is rolled back and re-running the same operation id resumes it.
    /// </summary>
    /// <exception cref="FailoverJournalException">The journal failed; the run stopped where it was.</exception>
    public async Task<FailoverResult> RunAsync(FailoverRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var startTimestamp = _time.GetTimestamp();
        var history = await JournalHistory.LoadAsync(_journal, request.OperationId, ct).ConfigureAwait(false);
        var runner = new StepRunner(_time, _journal, _observer, request.OperationId);
        var actions = new FailoverStepActions(_time, request, runner, history);
        var allTiers = request.DataTiers.Select(t => t.Promoter.Name).ToList();
        IReadOnlyList<string> promoted = [];

        FailoverResult Result(FailoverOutcome outcome, string? reason)
        {
            var forced = actions.ForcedThisRun || history.ForcedDetail is not null;
            var forceReason = actions.ForcedThisRun ? request.ForceReason : history.ForcedDetail;
            return new FailoverResult(
                request.OperationId, outcome, [.. runner.Records], forced, forceReason,
                _time.GetElapsedTime(startTimestamp), promoted, reason)
            {
                UnconfirmedFences = actions.UnconfirmedFences,
            };
        }

        foreach (var step in FailoverSteps.Ordered)
        {
            if (history.IsDone(step))
            {
                await runner.SkipAsync(step, $"completed by an earlier run at {history.CompletedAt(step):O}", ct)
                    .ConfigureAwait(false);
                promoted = step == FailoverSteps.Promote ? allTiers : promoted;
                continue;
            }

            var record = await runner.RunAsync(step, request.Timeouts.For(step), c => actions.RunAsync(step, c), ct)
                .ConfigureAwait(false);
            if (record.Outcome == StepOutcome.Completed)
            {
                promoted = step == FailoverSteps.Promote ? allTiers : promoted;
                continue;
            }

            switch (step)
            {
                case FailoverSteps.Readiness when record.Outcome == StepOutcome.Refused:
                    return Result(FailoverOutcome.Refused, $"Refused: {record.Detail}. Nothing was fenced or promoted.");
                case FailoverSteps.Readiness:
                    return Result(FailoverOutcome.Failed, $"Readiness check failed: {record.Detail}. Nothing was fenced or promoted.");
                case FailoverSteps.Fence or FailoverSteps.Promote:
                    var rollback = await RollBackAsync(request, runner, actions.PromotionsInDoubt, actions.PrimaryUnanswered.Count > 0, step, record, ct).ConfigureAwait(false);
                    promoted = rollback.Report.Promoted;
                    return Result(rollback.Outcome, rollback.Reason);
                default:
                    // After promotion the recovery region holds the only writable primary; undoing traffic or compute
                    // would send users to fenced databases, so the run stops and a re-run resumes from here.
                    return Result(FailoverOutcome.Failed,
                        $"{step} failed: {record.Detail}. Data tiers are promoted in {request.RecoveryRegion} and old primaries stay fenced; " +
                        $"re-run operation {request.OperationId} to resume from {step}.");
            }
        }

        return Result(FailoverOutcome.Succeeded, null);
    }

    private async Task<(FailoverOutcome Outcome, string Reason, RollbackReport Report)> RollBackAsync(
        FailoverRequest request, StepRunner runner, IReadOnlySet<string> promotionsInDoubt, bool primaryRegionUnreachable, string failedStep, StepRecord failure, CancellationToken ct)
    {
        var restorer = new PrimaryRestorer(_time, request.Timeouts.Rollback) { PrimaryRegionUnreachable = primaryRegionUnreachable };
        RollbackReport? report = null;
        // Per-call timeouts live in the restorer; the step itself must not cut a multi-tier rollback short.
        await runner.RunAsync(FailoverSteps.Rollback, Timeout.InfiniteTimeSpan, async context =>
        {
            report = await restorer.RestoreAsync(request.DataTiers, promotionsInDoubt, context).ConfigureAwait(false);
            foreach (var tier in report.Restored)
            {
                await runner.AppendAsync($"{FailoverSteps.Fence}:{tier}", JournalEvent.RolledBack, "old primary unfenced", context.Token).ConfigureAwait(false);
            }

            if (report.Restored.Count > 0)
            {
                // Marks the fence as undone so a re-run fences again before promoting.
                await runner.AppendAsync(FailoverSteps.Fence, JournalEvent.RolledBack,
                    $"old primary unfenced: {string.Join(", ", report.Restored)}", context.Token).ConfigureAwait(false);
            }

            return new StepVerdict(report.FullyRestored ? StepOutcome.RolledBack : StepOutcome.Failed, report.Describe());
        }, ct).ConfigureAwait(false);

        report ??= new RollbackReport([], [], [], request.DataTiers.Select(t => t.Promoter.Name).ToList(), []);
        var cause = $"{failedStep} failed: {failure.Detail}";
        if (report.NoPrimary.Count > 0)
        {
            return (FailoverOutcome.Failed,
                $"No primary serving for {string.Join(", ", report.NoPrimary)}: {cause}, the replica was not promoted and the old primary cannot be restored. {report.Describe()}.",
                report);
        }

        if (report.Stranded.Count > 0)
        {
            return (FailoverOutcome.Failed,
                $"{cause}. The old primary's region was not reachable from this run, so no writer is known to serve {string.Join(", ", report.Stranded)}. {report.Describe()}.",
                report);
        }

        if (report.Unknown.Count > 0)
        {
            return (FailoverOutcome.Failed,
                $"{cause}. Promotion state unknown for {string.Join(", ", report.Unknown)}; their old primaries stay fenced to avoid two primaries, " +
                $"so they may have no primary serving. Re-run operation {request.OperationId} to resume. {report.Describe()}.",
                report);
        }

        if (report.Promoted.Count > 0)
        {
            return (FailoverOutcome.Failed,
                $"{cause}. Some replicas are already promoted and cannot be demoted by the engine; re-run operation {request.OperationId} to finish, " +
                $"or reconcile by hand. {report.Describe()}.",
                report);
        }

        return (FailoverOutcome.RolledBack, $"{cause}. Rolled back: {report.Describe()}.", report);
    }
}
