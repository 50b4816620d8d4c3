using DrKit.Failover;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Capacity for the engine's writer switch back to the primary region during a failback: the primary region's serving
/// compute already carries all traffic (the failback's stages moved it there while watching the error rate), so the
/// switch asks for no instances and scales nothing. Its ScaleCompute step then records that nothing was needed.
/// </summary>
public sealed class ServingCapacity : IRecoveryCapacity
{
    public Task<CapacityStatus> GetAsync(CancellationToken ct) => Task.FromResult(new CapacityStatus(0, 0));

    public Task ScaleAsync(int desiredRunning, CancellationToken ct) => desiredRunning == 0
        ? Task.CompletedTask
        : throw new NotSupportedException("the writer switch of a failback scales no compute: the primary region already serves");
}
