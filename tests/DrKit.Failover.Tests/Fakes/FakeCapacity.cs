namespace DrKit.Failover.Tests.Fakes;

/// <summary>Recovery compute that starts instances the moment it is asked to.</summary>
internal sealed class FakeCapacity(FakeWorld world) : IRecoveryCapacity
{
    public int Available { get; set; } = 4;

    public int Running { get; set; }

    public Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        world.Enter("capacity.Get");
        world.Leave("capacity.Get");
        return Task.FromResult(new CapacityStatus(Available, Running));
    }

    public Task ScaleAsync(int desiredRunning, CancellationToken ct)
    {
        world.Enter("capacity.Scale");
        Running = Math.Min(desiredRunning, Available);
        world.Leave("capacity.Scale");
        return Task.CompletedTask;
    }
}
