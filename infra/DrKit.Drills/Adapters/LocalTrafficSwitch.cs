using DrKit.Drills.Workload;
using DrKit.Failover;

namespace DrKit.Drills.Adapters;

/// <summary>
/// Repoints the workload's routers, one per data tier, at a region's endpoints. A single-primary database
/// cannot take a share of writes, so only whole moves (100 %) are accepted.
/// </summary>
public sealed class LocalTrafficSwitch : ITrafficSwitch
{
    private readonly IReadOnlyDictionary<string, (TrafficRouter Router, IReadOnlyDictionary<string, RouteTarget> Targets)> _tiers;
    private readonly Lock _gate = new();
    private readonly List<(string Region, DateTimeOffset At)> _shifts = [];
    private readonly TimeProvider _time;

    /// <param name="tiers">Per tier: its router and the endpoint it should use in each region.</param>
    /// <param name="time">Clock for the shift log.</param>
    public LocalTrafficSwitch(IReadOnlyDictionary<string, (TrafficRouter Router, IReadOnlyDictionary<string, RouteTarget> Targets)> tiers,
        TimeProvider time)
    {
        _tiers = tiers ?? throw new ArgumentNullException(nameof(tiers));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>When each shift happened, for the drill timeline.</summary>
    public IReadOnlyList<(string Region, DateTimeOffset At)> Shifts
    {
        get
        {
            lock (_gate)
            {
                return [.. _shifts];
            }
        }
    }

    public Task ShiftAsync(TrafficShift shift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ct.ThrowIfCancellationRequested();
        if (shift.Percent != 100)
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift.Percent, "The local router moves all writes at once; only 100 % is supported.");
        }

        foreach (var (name, tier) in _tiers)
        {
            if (!tier.Targets.TryGetValue(shift.TargetRegion, out var target))
            {
                throw new ArgumentException($"Tier {name} has no endpoint in region {shift.TargetRegion}.", nameof(shift));
            }

            if (tier.Router.Current != target)
            {
                tier.Router.Switch(target);
            }
        }

        lock (_gate)
        {
            _shifts.Add((shift.TargetRegion, _time.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    public Task<TrafficState> GetStateAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var regions = _tiers.Values.Select(t => t.Router.Current.Region).Distinct(StringComparer.Ordinal).ToList();

        // Tiers pointing at different regions means nothing carries all traffic.
        return Task.FromResult(regions.Count == 1 ? new TrafficState(regions[0], 100) : new TrafficState(regions[0], 0));
    }
}
