using System.Globalization;

namespace DrKit.Failover;

/// <summary>What each failover step does and how it verifies itself; the engine decides order, resume and rollback.</summary>
internal sealed class FailoverStepActions(TimeProvider time, FailoverRequest request, StepRunner runner)
{
    /// <summary>Set when this run overrode the RPO check.</summary>
    public bool ForcedThisRun { get; private set; }

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

    private async Task<StepVerdict> FenceAsync(StepContext context)
    {
        var ct = context.Token;
        foreach (var tier in request.DataTiers)
        {
            context.Progress = $"fencing {tier.Promoter.Name}";
            await tier.Promoter.FenceAsync(ct).ConfigureAwait(false);
        }

        // The port cannot read a fence back, so verify what the next step depends on: a replica still there to promote.
        foreach (var tier in request.DataTiers)
        {
            var status = await tier.Promoter.GetStatusAsync(ct).ConfigureAwait(false);
            if (!status.ReplicaReachable)
            {
                return StepVerdict.Failed($"{tier.Promoter.Name}: recovery replica unreachable after fencing");
            }
        }

        return StepVerdict.Completed($"fenced: {string.Join(", ", TierNames)}");
    }

    private async Task<StepVerdict> PromoteAsync(StepContext context)
    {
        var ct = context.Token;
        var notes = new List<string>();
        foreach (var tier in request.DataTiers)
        {
            var promoter = tier.Promoter;
            context.Progress = $"promoting {promoter.Name}";
            // Checked every time, not only on resume: promoting an already promoted replica is never safe to assume harmless.
            if (await promoter.IsPromotedAsync(ct).ConfigureAwait(false))
            {
                notes.Add($"{promoter.Name} already promoted, not repeated");
                continue;
            }

            try
            {
                await promoter.PromoteAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The answer may be lost after the promotion took effect; only a negative read-back is a failure.
                if (!await promoter.IsPromotedAsync(ct).ConfigureAwait(false))
                {
                    throw;
                }

                notes.Add($"{promoter.Name} promoted (call reported {ex.GetType().Name}, read-back confirms)");
                continue;
            }

            if (!await promoter.IsPromotedAsync(ct).ConfigureAwait(false))
            {
                return StepVerdict.Failed($"{promoter.Name}: promotion did not take effect (replica not acting as primary)");
            }

            notes.Add($"{promoter.Name} promoted");
        }

        return StepVerdict.Completed(string.Join("; ", notes));
    }

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
