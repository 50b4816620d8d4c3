using Moq;

namespace DrKit.Failover.Tests.Fakes;

/// <summary>Moq data promoters for tests that pin which calls happen, rather than the state they leave.</summary>
internal static class Promoters
{
    public static Mock<IDataPromoter> Mock(string name, ReplicationStatus status)
    {
        var promoter = new Mock<IDataPromoter>();
        promoter.SetupGet(p => p.Name).Returns(name);
        // Once fenced, the old primary takes no writes and the replica catches up, as a switchover waits for.
        var fenced = false;
        promoter.Setup(p => p.GetStatusAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => fenced ? status with { Lag = TimeSpan.Zero } : status);
        promoter.Setup(p => p.FenceAsync(It.IsAny<CancellationToken>())).Callback(() => fenced = true).Returns(Task.CompletedTask);
        promoter.Setup(p => p.IsPromotedAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        return promoter;
    }

    public static void VerifyUntouched(Mock<IDataPromoter> promoter, string why)
    {
        promoter.Verify(p => p.FenceAsync(It.IsAny<CancellationToken>()), Times.Never, $"{why}: must not fence");
        promoter.Verify(p => p.PromoteAsync(It.IsAny<CancellationToken>()), Times.Never, $"{why}: must not promote");
    }
}
