namespace DrKit.Failover;

/// <summary>Compute in the recovery region (serving replicas, GPU nodes) that must be running before traffic moves.</summary>
public interface IRecoveryCapacity
{
    /// <summary>Reads how many instances are available (provisioned) and how many are running.</summary>
    Task<CapacityStatus> GetAsync(CancellationToken ct);

    /// <summary>Asks for <paramref name="desiredRunning"/> running instances.</summary>
    Task ScaleAsync(int desiredRunning, CancellationToken ct);
}
