using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Adapters;

/// <summary>
/// Moves traffic through the stack's Route 53 records: <c>drkit-ops:traffic.activeRegion</c> and
/// <c>drkit-ops:traffic.percent</c> become failover state (100%) or record weights (anything less).
/// </summary>
public sealed class StackTrafficSwitch(StackTarget target) : ITrafficSwitch
{
    public async Task ShiftAsync(TrafficShift shift, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shift);
        await target.ApplyAsync(Settings(shift), ct).ConfigureAwait(false);
    }

    public async Task<TrafficState> GetStateAsync(CancellationToken ct)
    {
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        var region = outputs.Text(OperationsOutputNames.TrafficActiveRegion)
            ?? throw new StackCommandFailedException($"Stack {target.Stack} has no output {OperationsOutputNames.TrafficActiveRegion}; cannot tell where traffic goes.");
        var percent = outputs.Integer(OperationsOutputNames.TrafficPercent)
            ?? throw new StackCommandFailedException($"Stack {target.Stack} has no integer output {OperationsOutputNames.TrafficPercent}; cannot tell where traffic goes.");
        return new TrafficState(region, percent);
    }

    /// <summary>The config a shift sets; also what a dry run shows.</summary>
    public static IReadOnlyDictionary<string, ConfigSetting> Settings(TrafficShift shift) => new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
    {
        [OpsConfig.TrafficActiveRegion] = ConfigSetting.Plain(shift.TargetRegion),
        [OpsConfig.TrafficPercent] = ConfigSetting.Plain(OpsConfig.Text(shift.Percent)),
    };
}
