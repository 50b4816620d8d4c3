using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class SlotLagCatchUpTests
{
    private static readonly DateTimeOffset Fence = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static (DateTimeOffset, double) At(int minute, double bytes) => (Fence.AddMinutes(minute), bytes);

    [Test]
    public void Decide_ThreeConsecutiveZeros_IsCaughtUp()
    {
        var status = SlotLagCatchUp.Decide([At(1, 8192), At(2, 0), At(3, 0), At(4, 0)], Minute);

        Assert.That(status.CaughtUp, Is.True, status.Detail);
    }

    [Test]
    public void Decide_TwoZerosOnly_IsNotCaughtUpYet()
    {
        var status = SlotLagCatchUp.Decide([At(1, 8192), At(2, 0), At(3, 0)], Minute);

        Assert.Multiple(() =>
        {
            Assert.That(status.CaughtUp, Is.False, "one more minute must read 0: a single sample can fall between two of the server's own records");
            Assert.That(status.Detail, Does.Contain("2 of 3"), "the operator sees how far the wait is");
        });
    }

    [Test]
    public void Decide_SmallLagThatStays_IsNeverCaughtUp()
    {
        var status = SlotLagCatchUp.Decide([At(1, 200), At(2, 200), At(3, 200), At(4, 200)], Minute);

        Assert.That(status.CaughtUp, Is.False, "a stalled stream on an idle source reads the same few bytes every minute: they may be a commit");
    }

    [Test]
    public void Decide_AGapInTheSeries_RestartsTheCount()
    {
        var status = SlotLagCatchUp.Decide([At(1, 0), At(2, 0), At(4, 0)], Minute);

        Assert.That(status.CaughtUp, Is.False, "a missing minute says nothing about that minute");
    }

    [Test]
    public void Decide_ZeroThenLagAgain_IsNotCaughtUp()
    {
        var status = SlotLagCatchUp.Decide([At(1, 0), At(2, 0), At(3, 0), At(4, 4096)], Minute);

        Assert.That(status.CaughtUp, Is.False, "only the newest datapoints count");
    }

    [Test]
    public async Task ReadAsync_ZerosFromBeforeTheFence_DoNotCount()
    {
        var clock = new ManualTimeProvider(Fence);
        var aws = new FakeAws { Clock = clock, SlotLagBeforeFence = 0 };
        var catchUp = new RdsSlotLagCatchUp(aws.Lag(clock), FakeAws.PrimaryInstance, PilotLightProgram.Primary);
        clock.Advance(TimeSpan.FromMinutes(5));

        var status = await catchUp.ReadAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.CaughtUp, Is.False, "five minutes of 0 before the fence prove nothing about the writes that followed them");
            Assert.That(aws.Calls.Single(), Does.Contain("OldestReplicationSlotLag").And.Contain(PilotLightProgram.Primary), "the source's slot lag in its region");
        });
    }
}
