namespace DrKit.Failover;

/// <summary>A single health or readiness check (endpoint answers, artifacts present, capacity reachable).</summary>
public interface IHealthProbe
{
    /// <summary>Short name of the probe, used in journal entries and results.</summary>
    string Name { get; }

    /// <summary>Runs the check once.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken ct);
}
