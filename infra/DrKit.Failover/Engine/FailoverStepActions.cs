using System.Globalization;

namespace DrKit.Failover;

/// <summary>What each failover step does and how it verifies itself; the engine decides order, resume and rollback.</summary>
internal sealed class FailoverStepActions(TimeProvider time, FailoverRequest request, StepRunner runner, JournalHistory history)
{
    private readonly HashSet<string> _fenceConfirmed = [.. request.DataTiers.Select(t => t.Promoter.Name).Where(history.FenceConfirmed)];
    private readonly Dictionary<string, DateTimeOffset> _fencedAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inDoubt = [.. history.PromotionsInDoubt(request.DataTiers.Select(t => t.Promoter.Name))];

    /// <summary>Set when this run overrode the RPO check or an unconfirmed fence.</summary>
    public bool ForcedThisRun { get; private set; }

    /// <summary>Tiers whose old primary could not be confirmed fenced, with why (this run, or the earlier run that fenced).</summary>
    public IReadOnlyList<string> UnconfirmedFences { get; private set; } = history.UnconfirmedFences(request.DataTiers.Select(t => t.Promoter.Name));

    /// <summary>Tiers whose promotion was requested without a definite answer: rollback never unfences them.</summary>
    public IReadOnlySet<string> PromotionsInDoubt => _inDoubt;

    private readonly HashSet<string> _primaryUnanswered = [];

    /// <summary>Tiers whose fence attempt in this run could not reach the old primary (a tier without a fence of its own is never one).</summary>
    public IReadOnlySet<string> PrimaryUnanswered => _primaryUnanswered;

    public Task<StepVerdict> RunAsync(string step, StepContext context) => step switch
    {
        FailoverSteps.Readiness => ReadinessAsync(context),
        FailoverSteps.Fence => FenceAsync(context),
        FailoverSteps.Promote => PromoteAsync(context),
        FailoverSteps.ScaleCompute => ScaleComputeAsync(context),
        FailoverSteps.ShiftTraffic => ShiftTrafficAsync(context),
        FailoverSteps.Verify => VerifyAsync(context),
        FailoverSteps.Report => Task.FromResult(StepVerdict.Completed(
            $"recovery region {request.RecoveryRegion} serving; promoted: {string.Join(", ", TierNames)}")),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown failover step."),
    };

    private IEnumerable<string> TierNames => request.DataTiers.Select(t => t.Promoter.Name);

    private async Task<StepVerdict> ReadinessAsync(StepContext context)
    {
        var ct = context.Token;
        List<string> blockers = [], rpoViolations = [];
        foreach (var tier in request.DataTiers)
        {
            var name = tier.Promoter.Name;
            var status = await tier.Promoter.GetStatusAsync(ct).ConfigureAwait(false);
            if (!status.ReplicaReachable)
            {
                blockers.Add($"{name}: recovery replica unreachable");
            }
            else if (status.ReplicaIsPrimary)
            {
                // Already serving as primary (manual promotion or an earlier attempt): there is no lag left to lose.
                continue;
            }
            else if (status.LagIsTimeSinceReplay)
            {
                // Judged after the fence (see FenceAsync): a confirmed fence needs no figure, an unconfirmed one reads
                // this one as an upper bound.
                continue;
            }
            else if (status.Lag is not { } lag)
            {
                rpoViolations.Add($"{name}: replica lag unknown (RPO target {tier.RpoTarget})");
            }
            else if (lag > tier.RpoTarget)
            {
                rpoViolations.Add($"{name}: replica lag {lag} exceeds RPO target {tier.RpoTarget}");
            }
        }

        foreach (var probe in request.ReadinessProbes)
        {
            var result = await probe.ProbeAsync(ct).ConfigureAwait(false);
            if (!result.Healthy)
            {
                blockers.Add($"{probe.Name}: {result.Detail}");
            }
        }

        var capacity = await request.Capacity.GetAsync(ct).ConfigureAwait(false);
        if (capacity.Available < request.DesiredRunning)
        {
            blockers.Add($"recovery capacity: {capacity.Available} available, {request.DesiredRunning} needed");
        }

        if (blockers.Count > 0)
        {
            return StepVerdict.Refused(string.Join("; ", blockers.Concat(rpoViolations)));
        }

        if (rpoViolations.Count > 0)
        {
            var violations = string.Join("; ", rpoViolations);
            if (!request.Force)
            {
                return StepVerdict.Refused($"{violations}. Set Force with a reason to accept the data loss.");
            }

            await runner.AppendAsync(
                FailoverSteps.Readiness, JournalEvent.Forced, $"{request.ForceReason} (overrides: {violations})", ct)
                .ConfigureAwait(false);
            ForcedThisRun = true;
            return StepVerdict.Completed($"ready, RPO check forced: {violations}");
        }

        return StepVerdict.Completed("ready: replicas within RPO, readiness probes healthy, capacity available");
    }

    /// <summary>
    /// Best effort, each tier bounded by <see cref="StepTimeouts.FenceAttempt"/> and all tiers at once: the old primary
    /// sits in the region that may have failed. A confirmed fence makes the run a zero-loss switchover for that tier (promotion waits for lag 0);
    /// an unconfirmed one is reported and accepted only where the tier's RPO allows losing writes, or when forced.
    /// </summary>
    private async Task<StepVerdict> FenceAsync(StepContext context)
    {
        var ct = context.Token;
        List<string> confirmed = [], unconfirmed = [], blocked = [], refused = [];
        context.Progress = $"fencing {string.Join(", ", TierNames)}";
        // In parallel: each fence may take a reboot's time, and the step bound is one attempt's bound plus a margin.
        var attempts = await Task.WhenAll(request.DataTiers.Select(t =>
            BoundedCall.TryAsync(time, request.Timeouts.FenceAttempt, t.Promoter.FenceAsync, ct))).ConfigureAwait(false);
        foreach (var (tier, attempt) in request.DataTiers.Zip(attempts))
        {
            var name = tier.Promoter.Name;
            if (attempt.Succeeded)
            {
                _fencedAt[name] = time.GetUtcNow();
                confirmed.Add(name);
                _fenceConfirmed.Add(name);
                await runner.AppendAsync(TierStep(FailoverSteps.Fence, name), JournalEvent.Completed, "fence confirmed", ct).ConfigureAwait(false);
                continue;
            }

            await runner.AppendAsync(TierStep(FailoverSteps.Fence, name), JournalEvent.Failed, attempt.Error!, ct).ConfigureAwait(false);
            if (attempt.Fault is FenceRefusedException)
            {
                refused.Add($"{name} ({attempt.Fault.Message})");
                continue;
            }

            unconfirmed.Add($"{name} ({attempt.Error})");
            if (attempt.Fault is not NotSupportedException)
            {
                // A tier with a fence of its own tried to reach its old primary and could not: the run judges that
                // region unreachable, which a rollback must not read as a primary still serving.
                _primaryUnanswered.Add(name);
            }
            if (tier.RpoTarget <= TimeSpan.Zero)
            {
                blocked.Add(name);
            }
        }

        if (refused.Count > 0)
        {
            // An answer is not an outage: that side is up and still writes. No force overrides this (never two writers).
            return StepVerdict.Failed(
                $"fence REFUSED for {string.Join(", ", refused)}: the old primary's side answered, so it is reachable and still takes writes, " +
                "and promoting now would leave two writers. Nothing was promoted. Fix the cause (permissions, admission policy) and run again");
        }

        List<string> upperBounds = [];
        foreach (var tier in request.DataTiers)
        {
            var status = await tier.Promoter.GetStatusAsync(ct).ConfigureAwait(false);
            if (!status.ReplicaReachable)
            {
                return StepVerdict.Failed($"{tier.Promoter.Name}: recovery replica unreachable after fencing");
            }

            if (status is { LagIsTimeSinceReplay: true, ReplicaIsPrimary: false } && !_fenceConfirmed.Contains(tier.Promoter.Name)
                && (status.Lag is not { } bound || bound > tier.RpoTarget))
            {
                upperBounds.Add(status.Lag is { } b
                    ? $"{tier.Promoter.Name}: time since the last replayed transaction {b}, an upper bound on the loss, exceeds RPO target {tier.RpoTarget}"
                    : $"{tier.Promoter.Name}: time since the last replayed transaction unknown, so the loss is unknown (RPO target {tier.RpoTarget})");
            }
        }

        if (upperBounds.Count > 0 && !request.Force)
        {
            return StepVerdict.Failed(
                $"fence NOT CONFIRMED and {string.Join("; ", upperBounds)}. Nothing was promoted. Re-run with Force and a reason to accept that loss");
        }

        if (upperBounds.Count > 0)
        {
            await runner.AppendAsync(FailoverSteps.Fence, JournalEvent.Forced, $"{request.ForceReason} (overrides: {string.Join("; ", upperBounds)})", ct)
                .ConfigureAwait(false);
            ForcedThisRun = true;
        }

        if (blocked.Count > 0 && !request.Force)
        {
            return StepVerdict.Failed(
                $"fence NOT CONFIRMED for {string.Join(", ", blocked)}, whose RPO is 0: the old primary may still take writes that promotion would lose. " +
                "Nothing was promoted. Re-run with Force and a reason to accept that loss");
        }

        if (blocked.Count > 0)
        {
            await runner.AppendAsync(FailoverSteps.Fence, JournalEvent.Forced, $"{request.ForceReason} (overrides: fence not confirmed for {string.Join(", ", blocked)}, RPO 0)", ct)
                .ConfigureAwait(false);
            ForcedThisRun = true;
        }

        UnconfirmedFences = unconfirmed;
        var parts = new List<string>();
        if (confirmed.Count > 0)
        {
            parts.Add($"fenced: {string.Join(", ", confirmed)}");
        }

        if (unconfirmed.Count > 0)
        {
            parts.Add($"fence NOT CONFIRMED (proceeding within the RPO{(blocked.Count > 0 || upperBounds.Count > 0 ? ", forced" : string.Empty)}): {string.Join(", ", unconfirmed)}");
        }

        if (upperBounds.Count > 0)
        {
            parts.Add($"loss accepted by force: {string.Join("; ", upperBounds)}");
        }

        return StepVerdict.Completed(string.Join("; ", parts));
    }

    private async Task<StepVerdict> PromoteAsync(StepContext context)
    {
        var ct = context.Token;
        var notes = new List<string>();
        foreach (var tier in request.DataTiers)
        {
            var promoter = tier.Promoter;
            var step = TierStep(FailoverSteps.Promote, promoter.Name);
            context.Progress = $"promoting {promoter.Name}";
            // Checked every time, not only on resume: promoting an already promoted replica is never safe to assume harmless.
            if (await promoter.IsPromotedAsync(ct).ConfigureAwait(false))
            {
                _inDoubt.Remove(promoter.Name);
                notes.Add($"{promoter.Name} already promoted, not repeated");
                continue;
            }

            // A forced run has accepted losing what the replica lacks (e.g. replay paused or broken): waiting for lag 0
            // could then never end, and the force is already journaled.
            if (_fenceConfirmed.Contains(promoter.Name) && !request.Force)
            {
                // Switchover: the fenced primary takes no more writes, so once the replica has applied everything
                // it holds, promoting loses nothing.
                await WaitForCatchUpAsync(tier, context).ConfigureAwait(false);
            }

            // Journaled before the call: after a crash or timeout from here on, the promotion may be under way.
            await runner.AppendAsync(step, JournalEvent.Started, "promotion requested", ct).ConfigureAwait(false);
            _inDoubt.Add(promoter.Name);
            try
            {
                // A promoter whose mode depends on the fence gets the outcome the engine holds, journaled ones included.
                await (promoter is IFenceAwarePromoter aware
                    ? aware.PromoteAsync(_fenceConfirmed.Contains(promoter.Name), ct)
                    : promoter.PromoteAsync(ct)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The answer may be lost after the promotion took effect, and a service that accepted the request
                // shows it only later (RDS keeps the replica 'available' with its source for a while). So a negative
                // read-back settles nothing: only a definite refusal does. Anything else stays in doubt, journaled as
                // Started, and rollback keeps this tier's old primary fenced.
                if (!await promoter.IsPromotedAsync(ct).ConfigureAwait(false))
                {
                    if (ex is PromotionRefusedException)
                    {
                        _inDoubt.Remove(promoter.Name);
                        await runner.AppendAsync(step, JournalEvent.Failed, $"{ex.GetType().Name}: {ex.Message}", ct).ConfigureAwait(false);
                    }

                    throw;
                }

                notes.Add($"{promoter.Name} promoted (call reported {ex.GetType().Name}, read-back confirms)");
                await SettledAsync(promoter.Name, step, ct).ConfigureAwait(false);
                continue;
            }

            if (!await promoter.IsPromotedAsync(ct).ConfigureAwait(false))
            {
                return StepVerdict.Failed($"{promoter.Name}: promotion did not take effect (replica not acting as primary)");
            }

            await SettledAsync(promoter.Name, step, ct).ConfigureAwait(false);
            notes.Add($"{promoter.Name} promoted");
        }

        return StepVerdict.Completed(string.Join("; ", notes));
    }

    private async Task SettledAsync(string tier, string step, CancellationToken ct)
    {
        _inDoubt.Remove(tier);
        await runner.AppendAsync(step, JournalEvent.Completed, "promoted", ct).ConfigureAwait(false);
    }

    private async Task WaitForCatchUpAsync(DataTier tier, StepContext context)
    {
        var promoter = tier.Promoter;
        if (tier.CatchUp is { } catchUp)
        {
            var fencedAt = _fencedAt.GetValueOrDefault(promoter.Name, history.CompletedAt(TierStep(FailoverSteps.Fence, promoter.Name)) ?? time.GetUtcNow());
            while (true)
            {
                var status = await catchUp.ReadAsync(fencedAt, context.Token).ConfigureAwait(false);
                if (status.CaughtUp)
                {
                    context.Progress = $"switchover: {promoter.Name} {status.Detail}";
                    return;
                }

                context.Progress = $"switchover: waiting for {promoter.Name}: {status.Detail}";
                await Task.Delay(request.Timeouts.PollInterval, time, context.Token).ConfigureAwait(false);
            }
        }

        while (true)
        {
            var status = await promoter.GetStatusAsync(context.Token).ConfigureAwait(false);
            if (status.ReplicaIsPrimary || status.Lag == TimeSpan.Zero)
            {
                return;
            }

            context.Progress = $"switchover: waiting for {promoter.Name} replica lag to reach 0 (now {status.Lag?.ToString() ?? "unknown"})";
            await Task.Delay(request.Timeouts.PollInterval, time, context.Token).ConfigureAwait(false);
        }
    }

    private static string TierStep(string step, string tier) => $"{step}:{tier}";

    private async Task<StepVerdict> ScaleComputeAsync(StepContext context)
    {
        var ct = context.Token;
        await request.Capacity.ScaleAsync(request.DesiredRunning, ct).ConfigureAwait(false);
        while (true)
        {
            var status = await request.Capacity.GetAsync(ct).ConfigureAwait(false);
            context.Progress = string.Create(CultureInfo.InvariantCulture, $"{status.Running}/{request.DesiredRunning} running");
            if (status.Running >= request.DesiredRunning)
            {
                return StepVerdict.Completed(context.Progress);
            }

            await Task.Delay(request.Timeouts.PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    private async Task<StepVerdict> ShiftTrafficAsync(StepContext context)
    {
        var ct = context.Token;
        await request.TrafficSwitch.ShiftAsync(new TrafficShift(request.RecoveryRegion, 100), ct).ConfigureAwait(false);
        var state = await request.TrafficSwitch.GetStateAsync(ct).ConfigureAwait(false);
        var share = TrafficShare.On(state, request.RecoveryRegion);
        return share == 100
            ? StepVerdict.Completed($"100% of traffic on {request.RecoveryRegion}")
            : StepVerdict.Failed($"traffic switch reports {share}% on {request.RecoveryRegion} (active {state.ActiveRegion} {state.Percent}%)");
    }

    private async Task<StepVerdict> VerifyAsync(StepContext context)
    {
        var ct = context.Token;
        if (request.VerificationProbes.Count == 0)
        {
            return StepVerdict.Completed("no verification probes configured");
        }

        // Services just given traffic may need a moment; keep probing until healthy or the step times out.
        while (true)
        {
            var failing = new List<string>();
            foreach (var probe in request.VerificationProbes)
            {
                var result = await probe.ProbeAsync(ct).ConfigureAwait(false);
                if (!result.Healthy)
                {
                    failing.Add($"{probe.Name}: {result.Detail}");
                }
            }

            if (failing.Count == 0)
            {
                return StepVerdict.Completed($"healthy: {string.Join(", ", request.VerificationProbes.Select(p => p.Name))}");
            }

            context.Progress = string.Join("; ", failing);
            await Task.Delay(request.Timeouts.PollInterval, time, ct).ConfigureAwait(false);
        }
    }
}
