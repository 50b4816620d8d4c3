namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class WalCatchUpTests
{
    private static readonly DateTimeOffset Fenced = new(2030, 1, 1, 12, 0, 30, TimeSpan.Zero);
    private static readonly WalPosition End = WalPosition.Parse("16/B374D848");

    [Test]
    public void Parse_ReadsBothHalvesAsHex()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WalPosition.Parse("16/B374D848").Value, Is.EqualTo((0x16UL << 32) | 0xB374D848UL), "high/low 32 bits");
            Assert.That(WalPosition.Parse("1/0") > WalPosition.Parse("0/FFFFFFFF"), Is.True, "the high half counts first");
            Assert.That(WalPosition.Parse("16/B374D848").ToString(), Is.EqualTo("16/B374D848"), "printed as PostgreSQL prints it");
            Assert.Throws<FormatException>(() => WalPosition.Parse("16-B374D848"), "not an LSN");
        });
    }

    [Test]
    public void Decide_ReplayedTheEndReportedAfterTheFence_IsCaughtUp()
    {
        var status = WalCatchUp.Decide(Fenced, new WalReceiverSample(End, Fenced.AddSeconds(5), End));
        Assert.That(status.CaughtUp, Is.True, status.Detail);
    }

    [Test]
    public void Decide_ReplayBehindTheEnd_IsNotCaughtUp()
    {
        var status = WalCatchUp.Decide(Fenced, new WalReceiverSample(End, Fenced.AddSeconds(5), new WalPosition(End.Value - 1)));
        Assert.Multiple(() =>
        {
            Assert.That(status.CaughtUp, Is.False, "one byte short is a lost write");
            Assert.That(status.Detail, Does.Contain("1 bytes to go"), "the detail says how far");
        });
    }

    [Test]
    public void Decide_LastMessageSentBeforeTheFence_IsNotCaughtUpWhateverThePositions()
    {
        // Writes may have followed that message; only a message sent after the fence carries the final end of WAL.
        var status = WalCatchUp.Decide(Fenced, new WalReceiverSample(End, Fenced.AddSeconds(-1), End));
        Assert.That(status.CaughtUp, Is.False, status.Detail);
    }

    [Test]
    public void Decide_NoReceiverRow_IsNotCaughtUpAndSaysWhy()
    {
        var status = WalCatchUp.Decide(Fenced, new WalReceiverSample(null, null, End));
        Assert.Multiple(() =>
        {
            Assert.That(status.CaughtUp, Is.False, "without the primary's end nothing proves the replica holds every write");
            Assert.That(status.Detail, Does.Contain("pg_read_all_stats"), "the detail names the likely missing grant");
        });
    }
}
