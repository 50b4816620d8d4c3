using DrKit.Failover;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// Verification that a Kubernetes data tier's recovery member is the writer, read from the cluster itself (CNPG's
/// reported isPrimary, Redis' ROLE) rather than from a stack output that repeats the config DrKit set.
/// </summary>
public sealed class WriterProbe(IDataPromoter promoter, TimeProvider time) : IHealthProbe
{
    public string Name => $"{promoter.Name} writer";

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var promoted = await promoter.IsPromotedAsync(ct).ConfigureAwait(false);
        return new ProbeResult(promoted, promoted ? "the recovery cluster reports a primary" : "the recovery cluster reports no primary yet", time.GetElapsedTime(start));
    }
}
