using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// The switchover catch-up of an RDS PostgreSQL tier, judged on WAL positions read from the recovery replica alone
/// (a recovery-region connection, nothing in the primary region): <see cref="WalCatchUp"/>. The replica is reached at
/// its endpoint output with the master login the stack exports as a secret; the runner needs a network path to it
/// (docs/operations.md).
/// </summary>
public sealed class RdsSwitchoverCatchUp(IWalReceiverReader reader, string host, int port, string password) : ISwitchoverCatchUp
{
    /// <summary>The master user the AWS stack creates its RDS instances with.</summary>
    public const string MasterUser = Core.Operations.DataTierState.RdsMasterUser;

    public async Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct)
    {
        WalReceiverSample sample;
        try
        {
            sample = await reader.ReadAsync(host, port, MasterUser, password, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not caught up as far as anyone can tell: the Promote bound ends the wait and rollback unfences.
            return new CatchUpStatus(false, $"replica {host}:{port} not readable ({e.GetType().Name}: {e.Message})");
        }

        return WalCatchUp.Decide(fencedAt, sample);
    }

    /// <summary>The catch-up of <paramref name="component"/>, or null when the stack exports no recovery endpoint or password for it.</summary>
    public static RdsSwitchoverCatchUp? From(IWalReceiverReader reader, StackOutputs outputs, string stack, string component)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var endpoint = outputs.Text(OperationsOutputNames.RecoveryEndpoint(component));
        var password = OutputMap.Entry(outputs, stack, OperationsOutputNames.PostgresMasterPasswords, component, null);
        var colon = endpoint?.LastIndexOf(':') ?? -1;
        return colon > 0 && password is not null && int.TryParse(endpoint![(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new RdsSwitchoverCatchUp(reader, endpoint[..colon], port, password)
            : null;
    }
}
