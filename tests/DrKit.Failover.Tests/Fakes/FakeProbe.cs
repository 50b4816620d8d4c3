namespace DrKit.Failover.Tests.Fakes;

/// <summary>A health probe whose answer the test sets.</summary>
internal sealed class FakeProbe(FakeWorld world, string name) : IHealthProbe
{
    public string Name { get; } = name;

    public bool Healthy { get; set; } = true;

    public Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        world.Enter($"{Name}.Probe");
        world.Leave($"{Name}.Probe");
        return Task.FromResult(new ProbeResult(Healthy, Healthy ? "ok" : $"{Name} unhealthy", TimeSpan.FromMilliseconds(5)));
    }
}
