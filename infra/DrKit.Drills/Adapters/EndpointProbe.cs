using System.Diagnostics;
using DrKit.Drills.Workload;
using DrKit.Failover;

namespace DrKit.Drills.Adapters;

/// <summary>
/// A health probe of whatever endpoint the function names: one check under a short timeout, timed, where a
/// server that is not there is an unhealthy result rather than an error.
/// </summary>
public abstract class EndpointProbe : IHealthProbe
{
    private readonly Func<RouteTarget> _target;

    protected EndpointProbe(string name, Func<RouteTarget> target, TimeSpan timeout, bool requirePrimary)
    {
        Name = name;
        _target = target ?? throw new ArgumentNullException(nameof(target));
        Timeout = timeout;
        RequirePrimary = requirePrimary;
    }

    public string Name { get; }

    protected TimeSpan Timeout { get; }

    /// <summary>Healthy only when the endpoint takes writes, not when it is a standby.</summary>
    protected bool RequirePrimary { get; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var target = _target();
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(Timeout);
            var (healthy, detail) = await CheckAsync(target, cts.Token).ConfigureAwait(false);
            return new ProbeResult(healthy, detail, clock.Elapsed);
        }
        catch (Exception e) when (IsUnreachable(e, ct))
        {
            return new ProbeResult(false, $"{target.Host}:{target.Port}: {e.GetType().Name}: {e.Message}", clock.Elapsed);
        }
    }

    /// <summary>One check against <paramref name="target"/>; <paramref name="ct"/> already carries the timeout.</summary>
    protected abstract Task<(bool Healthy, string Detail)> CheckAsync(RouteTarget target, CancellationToken ct);

    /// <summary>Failures that mean "the server is not there (right now)", as opposed to the caller giving up.</summary>
    protected abstract bool IsUnreachable(Exception e, CancellationToken ct);
}
