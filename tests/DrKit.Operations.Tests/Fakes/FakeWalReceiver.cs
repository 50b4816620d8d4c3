using DrKit.Failover;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// The recovery replica's WAL receiver as the switchover reads it: while the RDS primary is not fenced, writes keep
/// the primary ahead; once it is fenced and rebooted, its end of WAL stops and the replica replays up to it after
/// <see cref="ReadsToCatchUp"/> reads. Every read notes how many AWS calls had been made, to order it against them.
/// </summary>
internal sealed class FakeWalReceiver(FakeAws aws, TimeProvider clock) : IWalReceiverReader
{
    private static readonly WalPosition FinalEnd = WalPosition.Parse("16/B374D848");
    private int _readsAfterFence;

    public int ReadsToCatchUp { get; set; } = 2;

    /// <summary>(AWS calls made before the read, whether it showed the replica caught up).</summary>
    public List<(int CallsBefore, bool CaughtUp)> Reads { get; } = [];

    /// <summary>The login the switchover connected with.</summary>
    public (string Host, int Port, string User, string Password)? Login { get; private set; }

    public Task<WalReceiverSample> ReadAsync(string host, int port, string user, string password, CancellationToken ct)
    {
        Login = (host, port, user, password);
        var primary = aws.Instances[FakeAws.PrimaryInstance];
        var fenced = primary.Rebooted && primary.Groups.SequenceEqual([FakeAws.FenceGroup]);
        var now = clock.GetUtcNow();
        WalReceiverSample sample;
        if (!fenced)
        {
            sample = new WalReceiverSample(FinalEnd, now, new WalPosition(FinalEnd.Value - 4096));
        }
        else
        {
            _readsAfterFence++;
            var replayed = _readsAfterFence >= ReadsToCatchUp ? FinalEnd : new WalPosition(FinalEnd.Value - 512);
            sample = new WalReceiverSample(FinalEnd, now, replayed);
        }

        Reads.Add((aws.Calls.Count, fenced && sample.Replayed >= FinalEnd));
        return Task.FromResult(sample);
    }
}
