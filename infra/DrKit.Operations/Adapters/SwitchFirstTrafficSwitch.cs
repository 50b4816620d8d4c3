using DrKit.Failover;

namespace DrKit.Operations.Adapters;

/// <summary>
/// Runs an action once, just before the first shift of traffic to the recovery region, then shifts. The model-provider
/// switch goes here: it writes only the recovery region's data plane, so users who arrive there already find the
/// application on a rung that survives, instead of on the failed primary's until after verification.
/// </summary>
internal sealed class SwitchFirstTrafficSwitch(ITrafficSwitch inner, string recoveryRegion, Func<CancellationToken, Task> before) : ITrafficSwitch
{
    private bool _done;

    public async Task ShiftAsync(TrafficShift shift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shift);
        if (!_done && shift.TargetRegion == recoveryRegion)
        {
            _done = true;
            await before(ct).ConfigureAwait(false);
        }

        await inner.ShiftAsync(shift, ct).ConfigureAwait(false);
    }

    public Task<TrafficState> GetStateAsync(CancellationToken ct) => inner.GetStateAsync(ct);
}
