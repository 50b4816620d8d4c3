using DrKit.Failover;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>A data tier whose writer can be read from the data system itself, not only "promotion begun".</summary>
public interface IWriterCheck
{
    /// <summary>Whether the recovery member takes writes now, and what was read to say so.</summary>
    Task<(bool Writer, string Detail)> ReadWriterAsync(CancellationToken ct);
}

/// <summary>
/// Verification that a Kubernetes data tier's recovery member is the writer, read from the cluster itself (CNPG's
/// current primary out of recovery, Redis' ROLE) rather than from a stack output that repeats the config DrKit set.
/// </summary>
public sealed class WriterProbe(string name, IWriterCheck writer, TimeProvider time) : IHealthProbe
{
    public string Name => $"{name} writer";

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var (isWriter, detail) = await writer.ReadWriterAsync(ct).ConfigureAwait(false);
        return new ProbeResult(isWriter, detail, time.GetElapsedTime(start));
    }
}
