namespace DrKit.Failover;

/// <summary>Reads a streaming PostgreSQL replica's WAL receiver position and replay position (see <see cref="WalCatchUp"/>).</summary>
public interface IWalReceiverReader
{
    /// <summary>Connects to the replica at <paramref name="host"/>:<paramref name="port"/> and reads one sample.</summary>
    Task<WalReceiverSample> ReadAsync(string host, int port, string user, string password, CancellationToken ct);
}
