using DrKit.Failover;
using DrKit.Operations.Contract;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Adapters;

/// <summary>Scales recovery compute through <c>drkit-ops:recovery.running</c> and reads it back from the outputs.</summary>
public sealed class StackRecoveryCapacity(StackTarget target) : IRecoveryCapacity
{
    public async Task<CapacityStatus> GetAsync(CancellationToken ct)
    {
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        return new CapacityStatus(outputs.Integer(OperationsOutputNames.RecoveryAvailable) ?? 0, outputs.Integer(OperationsOutputNames.RecoveryRunning) ?? 0);
    }

    public Task ScaleAsync(int desiredRunning, CancellationToken ct) =>
        target.ApplyAsync(OpsConfig.RecoveryRunning, OpsConfig.Text(desiredRunning), ct);
}
