namespace DrKit.Drills.Workload;

/// <summary>
/// A steady, paced stream of numbered writes to one data tier through a <see cref="TrafficRouter"/>. Every
/// attempt uses a fresh sequence number, so a write whose fate is unknown (sent, connection lost) can never
/// collide with a later one; only acknowledged writes enter the <see cref="AckLog"/>.
/// </summary>
public sealed class WriteWorkload : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(10);

    private readonly IWriteTarget _target;
    private readonly TrafficRouter _router;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _pauseGate = new();
    private TaskCompletionSource? _pauseRequested;
    private TaskCompletionSource _resume = CompleteSource();
    private Task? _loop;
    private long _failures;

    public WriteWorkload(IWriteTarget target, TrafficRouter router, TimeProvider time, int writesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writesPerSecond, 1);
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _interval = TimeSpan.FromSeconds(1.0 / writesPerSecond);
    }

    public string Name => _target.Name;

    public IWriteTarget Target => _target;

    public TrafficRouter Router => _router;

    public AckLog Acks { get; } = new();

    /// <summary>Attempts that failed (refused connection, error, timeout).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Highest sequence number handed to any attempt.</summary>
    public long LastAttemptedSeq { get; private set; }

    public void Start(CancellationToken ct)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The workload is already running.");
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        _loop = Task.Run(async () =>
        {
            using (linked)
            {
                await RunAsync(linked.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    /// <summary>Holds writes; returns once no write is in flight, so every sent write is acknowledged or failed.</summary>
    public async Task PauseAsync(CancellationToken ct)
    {
        TaskCompletionSource requested;
        lock (_pauseGate)
        {
            _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            requested = _pauseRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await requested.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public void Resume()
    {
        lock (_pauseGate)
        {
            _pauseRequested = null;
            _resume.TrySetResult();
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Resume();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        IWriteSession? session = null;
        RouteTarget? sessionTarget = null;
        var seq = 0L;
        var next = _time.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await WaitIfPausedAsync(ct).ConfigureAwait(false);
                var wait = next - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, ct).ConfigureAwait(false);
                }

                // Paced by schedule, not by completion: after an outage the workload resumes at the configured
                // rate instead of bursting to catch up.
                next = Max(next + _interval, _time.GetUtcNow() - _interval);
                var version = _router.Version;
                var route = _router.Current;
                try
                {
                    if (session is null || sessionTarget != route)
                    {
                        await DisposeQuietlyAsync(session).ConfigureAwait(false);
                        session = null;
                        session = await _target.OpenAsync(route, ConnectTimeout, ct).ConfigureAwait(false);
                        sessionTarget = route;
                    }

                    seq++;
                    LastAttemptedSeq = seq;
                    using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    cts.CancelAfter(WriteTimeout);
                    await session.WriteAsync(seq, cts.Token).ConfigureAwait(false);
                    Acks.Add(new AckedWrite(seq, _time.GetUtcNow(), route.Region, version));
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failures);
                    await DisposeQuietlyAsync(session).ConfigureAwait(false);
                    session = null;
                    await Task.Delay(RetryPause, _time, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping is the normal end of a workload.
        }
        finally
        {
            await DisposeQuietlyAsync(session).ConfigureAwait(false);
        }
    }

    private async Task WaitIfPausedAsync(CancellationToken ct)
    {
        Task resume;
        lock (_pauseGate)
        {
            if (_pauseRequested is null)
            {
                return;
            }

            _pauseRequested.TrySetResult();
            resume = _resume.Task;
        }

        await resume.WaitAsync(ct).ConfigureAwait(false);
    }

    private static async Task DisposeQuietlyAsync(IWriteSession? session)
    {
        if (session is null)
        {
            return;
        }

        try
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A session to a dead server may fail to close; it is discarded either way.
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TaskCompletionSource CompleteSource()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.TrySetResult();
        return tcs;
    }
}
