using System.Globalization;

namespace DrKit.Failover;

/// <summary>
/// Moves traffic to a region in stages (default 10% -> 50% -> 100%). After each stage it waits the settle time and
/// reads the error rate; if the rate is above the absolute threshold or has risen too far over the baseline, it puts
/// traffic back to the previous stage and stops. Every stage is journaled and reported to the observer.
/// </summary>
public sealed class GradualTrafficShift
{
    private const string BaselineStep = "Baseline";
    private const string RollbackStep = "ShiftRollback";

    private readonly TimeProvider _time;
    private readonly IFailoverJournal _journal;
    private readonly IFailoverObserver? _observer;

    public GradualTrafficShift(TimeProvider time, IFailoverJournal journal, IFailoverObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(journal);
        _time = time;
        _journal = journal;
        _observer = observer;
    }

    /// <summary>Journal step name of the stage that puts <paramref name="percent"/> percent on the target.</summary>
    public static string StageName(int percent) => string.Create(CultureInfo.InvariantCulture, $"Shift{percent}%");

    /// <summary>Runs the stages; it does not resume from the journal, so a re-run starts again from the first stage.</summary>
    public async Task<GradualShiftResult> RunAsync(GradualShiftRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var start = _time.GetTimestamp();
        var runner = new StepRunner(_time, _journal, _observer, request.OperationId);
        TrafficState? initial = null;
        double baseline = 0;
        var baselineStep = await runner.RunAsync(BaselineStep, request.StepTimeout, async c =>
        {
            initial = await request.TrafficSwitch.GetStateAsync(c.Token).ConfigureAwait(false);
            baseline = await request.ErrorRate.GetErrorRateAsync(c.Token).ConfigureAwait(false);
            return StepVerdict.Completed(Invariant($"error rate {baseline:P2}, {TrafficShare.On(initial, request.TargetRegion)}% on {request.TargetRegion}"));
        }, ct).ConfigureAwait(false);

        GradualShiftResult Result(GradualShiftOutcome outcome, int? percent, string? reason) => new(
            request.OperationId, outcome, percent, initial is null ? null : baseline, [.. runner.Records],
            _time.GetElapsedTime(start), reason);

        if (baselineStep.Outcome != StepOutcome.Completed || initial is null)
        {
            return Result(GradualShiftOutcome.Failed, null, $"Could not read the starting point: {baselineStep.Detail}. Traffic was not moved.");
        }

        // Going back to the first "previous stage" means restoring the switch exactly as it was found.
        var previous = new TrafficShift(initial.ActiveRegion, initial.Percent);
        var previousPercent = TrafficShare.On(initial, request.TargetRegion);
        foreach (var percent in request.Stages)
        {
            var stage = StageName(percent);
            var record = await runner.RunAsync(stage, request.StepTimeout + request.SettleTime,
                c => RunStageAsync(request, percent, baseline, c), ct).ConfigureAwait(false);
            if (record.Outcome == StepOutcome.Completed)
            {
                previous = new TrafficShift(request.TargetRegion, percent);
                previousPercent = percent;
                continue;
            }

            var rollback = await runner.RunAsync(RollbackStep, request.StepTimeout, async c =>
            {
                await request.TrafficSwitch.ShiftAsync(previous, c.Token).ConfigureAwait(false);
                var state = await request.TrafficSwitch.GetStateAsync(c.Token).ConfigureAwait(false);
                var share = TrafficShare.On(state, request.TargetRegion);
                return share == previousPercent
                    ? new StepVerdict(StepOutcome.RolledBack, $"back to {previousPercent}% on {request.TargetRegion}")
                    : StepVerdict.Failed($"switch reports {share}% on {request.TargetRegion}, expected {previousPercent}%");
            }, ct).ConfigureAwait(false);

            return rollback.Outcome == StepOutcome.RolledBack
                ? Result(GradualShiftOutcome.RolledBack, previousPercent,
                    $"Stage {percent}% stopped: {record.Detail}. Traffic rolled back to {previousPercent}% on {request.TargetRegion}; remaining stages not run.")
                : Result(GradualShiftOutcome.Failed, null,
                    $"Stage {percent}% stopped: {record.Detail}, and rolling back to {previousPercent}% failed: {rollback.Detail}.");
        }

        return Result(GradualShiftOutcome.Completed, previousPercent, null);
    }

    private async Task<StepVerdict> RunStageAsync(GradualShiftRequest request, int percent, double baseline, StepContext context)
    {
        var ct = context.Token;
        await request.TrafficSwitch.ShiftAsync(new TrafficShift(request.TargetRegion, percent), ct).ConfigureAwait(false);
        var state = await request.TrafficSwitch.GetStateAsync(ct).ConfigureAwait(false);
        var share = TrafficShare.On(state, request.TargetRegion);
        if (share != percent)
        {
            return StepVerdict.Failed($"switch reports {share}% on {request.TargetRegion}, expected {percent}%");
        }

        context.Progress = $"settling at {percent}%";
        await Task.Delay(request.SettleTime, _time, ct).ConfigureAwait(false);
        var rate = await request.ErrorRate.GetErrorRateAsync(ct).ConfigureAwait(false);
        if (request.MaxErrorRate is { } max && rate > max)
        {
            return StepVerdict.Failed(Invariant($"error rate {rate:P2} above threshold {max:P2}"));
        }

        if (request.MaxErrorRateRise is { } rise && rate - baseline > rise)
        {
            return StepVerdict.Failed(Invariant($"error rate {rate:P2} rose more than {rise:P2} over baseline {baseline:P2}"));
        }

        return StepVerdict.Completed(Invariant($"{percent}% on {request.TargetRegion}, error rate {rate:P2}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
