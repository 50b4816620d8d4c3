namespace DrKit.Failover.Tests.Fakes;

/// <summary>A traffic switch that applies every shift at once and remembers the shifts it was given.</summary>
internal sealed class FakeTrafficSwitch(FakeWorld world, TrafficState initial) : ITrafficSwitch
{
    private readonly List<TrafficShift> _shifts = [];

    public TrafficState State { get; set; } = initial;

    public IReadOnlyList<TrafficShift> Shifts => _shifts;

    public Task ShiftAsync(TrafficShift shift, CancellationToken ct)
    {
        world.Enter("traffic.Shift");
        _shifts.Add(shift);
        State = new TrafficState(shift.TargetRegion, shift.Percent);
        world.Leave("traffic.Shift");
        return Task.CompletedTask;
    }

    public Task<TrafficState> GetStateAsync(CancellationToken ct)
    {
        world.Enter("traffic.GetState");
        world.Leave("traffic.GetState");
        return Task.FromResult(State);
    }
}
