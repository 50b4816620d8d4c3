using DrKit.Failover;

namespace DrKit.Operations.Adapters;

/// <summary>Runs an <see cref="IOutputProbe"/> against the stack's current outputs, for the failover engine.</summary>
public sealed class OutputHealthProbe(StackTarget target, IOutputProbe probe, TimeProvider time) : IHealthProbe
{
    public string Name => probe.Name;

    public IOutputProbe Probe => probe;

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        return probe.Check(outputs) with { Latency = time.GetElapsedTime(start) };
    }
}
