using DrKit.Failover;

namespace DrKit.Drills.Adapters;

/// <summary>
/// The recovery region's "compute" in a local drill is its standby servers. They were started with the
/// drill, so scaling cannot add more; it only checks the request fits what exists.
/// </summary>
public sealed class LocalRecoveryCapacity : IRecoveryCapacity
{
    private readonly IReadOnlyList<(string Name, Func<bool> IsRunning)> _servers;

    public LocalRecoveryCapacity(IReadOnlyList<(string Name, Func<bool> IsRunning)> servers)
    {
        _servers = servers ?? throw new ArgumentNullException(nameof(servers));
    }

    public Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(new CapacityStatus(_servers.Count, _servers.Count(s => s.IsRunning())));
    }

    public Task ScaleAsync(int desiredRunning, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return desiredRunning > _servers.Count
            ? throw new InvalidOperationException($"{desiredRunning} recovery servers requested but the drill has {_servers.Count}.")
            : Task.CompletedTask;
    }
}
