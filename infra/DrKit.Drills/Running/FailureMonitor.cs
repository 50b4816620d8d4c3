using DrKit.Failover;

namespace DrKit.Drills.Running;

/// <summary>
/// Polls the primary region's health probes on a fixed period, the way an external monitor would: its phase
/// relative to the failure is arbitrary, so detection costs up to one period plus a probe, and that cost is
/// part of the measured RTO. Failures before it is armed are logged as false alarms, not detections.
/// </summary>
internal sealed class FailureMonitor(
    IReadOnlyList<IHealthProbe> probes,
    TimeSpan interval,
    DrillTimeline timeline,
    Func<CancellationToken, Task>? sideSample = null)
{
    private static readonly TimeSpan SideSamplePeriod = TimeSpan.FromMilliseconds(500);
    private readonly TaskCompletionSource<(DateTimeOffset At, string Detail)> _detected =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    // UTC ticks; long.MaxValue while unarmed. A long so reads and writes across threads are atomic.
    private long _armedAfterTicks = long.MaxValue;

    public Task<(DateTimeOffset At, string Detail)> Detected => _detected.Task;

    /// <summary>From now on an unhealthy probe counts as the failure.</summary>
    public void Arm(DateTimeOffset after) => Interlocked.Exchange(ref _armedAfterTicks, after.UtcTicks);

    private bool Armed => Interlocked.Read(ref _armedAfterTicks) != long.MaxValue;

    public Task RunAsync(CancellationToken ct) => Task.Run(() => LoopAsync(ct), CancellationToken.None);

    private async Task LoopAsync(CancellationToken ct)
    {
        var time = timeline.Time;
        var next = time.GetUtcNow();
        var lastSide = DateTimeOffset.MinValue;
        try
        {
            while (!ct.IsCancellationRequested && !_detected.Task.IsCompleted)
            {
                var results = await Task.WhenAll(probes.Select(p => p.ProbeAsync(ct))).ConfigureAwait(false);
                var now = time.GetUtcNow();
                var failing = probes.Zip(results).Where(x => !x.Second.Healthy).Select(x => $"{x.First.Name}: {x.Second.Detail}").ToList();
                if (failing.Count > 0)
                {
                    if (now.UtcTicks >= Interlocked.Read(ref _armedAfterTicks))
                    {
                        _detected.TrySetResult((now, string.Join("; ", failing)));
                        return;
                    }

                    timeline.Add("detect", "false alarm", string.Join("; ", failing));
                }

                if (sideSample is not null && now - lastSide >= SideSamplePeriod && !Armed)
                {
                    lastSide = now;
                    await sideSample(ct).ConfigureAwait(false);
                }

                next += interval;
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, ct).ConfigureAwait(false);
                }
                else
                {
                    next = time.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _detected.TrySetCanceled(ct);
        }
        catch (Exception e)
        {
            _detected.TrySetException(e);
        }
    }
}
