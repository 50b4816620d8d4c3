namespace DrKit.Failover;

/// <summary>Moves user traffic between regions (DNS weights, load balancer, service mesh).</summary>
public interface ITrafficSwitch
{
    /// <summary>Sends <see cref="TrafficShift.Percent"/> percent of traffic to <see cref="TrafficShift.TargetRegion"/>.</summary>
    Task ShiftAsync(TrafficShift shift, CancellationToken ct);

    /// <summary>Reads which region is active and how much traffic it carries.</summary>
    Task<TrafficState> GetStateAsync(CancellationToken ct);
}
