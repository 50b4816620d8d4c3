using DrKit.Core.Planning;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Readiness;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Azure;

[TestFixture]
public sealed class AzureLiveReadinessTests
{
    private static Task<Core.Readiness.LiveReadings> ReadAsync(AzureFailoverHarness h) =>
        new LiveReadinessReader(h.World.Gateway.Object, new Cloud.ReplicaLagReader(h.Az, h.Clock), h.Clock) { Azure = new AzCli(h.Az) }
            .ReadAsync(Planner.PlanFile(BundledStacks.Path(AzureFailoverHarness.Stack)), CancellationToken.None);

    [Test]
    public async Task ReadAsync_SteadyAzureStack_ReadsLagLinkCapacityAndEndpointsFromAzure()
    {
        var h = new AzureFailoverHarness();
        h.Az.LagSeconds = 7;
        var readings = await ReadAsync(h);
        var lag = readings.Lag.ToDictionary(l => l.Component);
        Assert.Multiple(() =>
        {
            Assert.That(lag["context-store"].Lag, Is.EqualTo(TimeSpan.FromSeconds(7)), "the replica's lag is Azure Monitor's newest datapoint");
            Assert.That(lag["context-store"].Source, Does.Contain(AzureCalls.ReplicaLagMetric), "and says where it came from");
            Assert.That(lag["session-cache"].Source, Does.Contain("geoReplicationHealthy"), "the Redis sync health is read from Azure Monitor on the survivor");
            Assert.That(readings.Capacity.Single().Available, Is.EqualTo(2), "the capacity the reservation group's instance view says Azure holds");
            Assert.That(readings.Health.Single().Region, Is.EqualTo(AzureFailoverHarness.Primary), "only the enabled endpoint's probe is scored");
            Assert.That(readings.Health.Single().Healthy, Is.True, "its monitor status is Online");
            Assert.That(readings.Notes, Has.Some.Contains($"endpoint {AzureFailoverHarness.Recovery}: disabled"), "the disabled recovery endpoint is noted, not scored");
            Assert.That(h.Az.Lines, Has.None.StartsWith("postgres flexible-server replica").And.None.Contains("update"), "a live read changes nothing");
        });
    }

    [Test]
    public async Task ReadAsync_AfterFailover_NotesTheWriterAndReadsTheDegradedProbe()
    {
        var h = new AzureFailoverHarness();
        await h.RunAsync();
        h.Az.DegradedEndpoints.Add(AzureFailoverHarness.Recovery);
        var readings = await ReadAsync(h);
        Assert.Multiple(() =>
        {
            Assert.That(readings.Lag.Select(l => l.Component), Does.Not.Contain("context-store"), "a promoted writer has no replica lag");
            Assert.That(readings.Notes, Has.Some.Contains("context-store: the centralus member is the writer now"), "and the note says why");
            Assert.That(readings.Health.Single(h => h.Region == AzureFailoverHarness.Recovery).Healthy, Is.False, "a Degraded probe reads unhealthy");
        });
    }

    [Test]
    public async Task ReadAsync_ReservationHoldingLessThanRequested_CountsWhatAzureHolds()
    {
        var h = new AzureFailoverHarness();
        h.Az.HeldGpus = 1;
        var readings = await ReadAsync(h);
        Assert.Multiple(() =>
        {
            Assert.That(readings.Capacity.Single().Available, Is.EqualTo(1),
                "a reservation whose requested count Azure could not fully allocate holds only its currentCapacity; the requested sku.capacity would be an echo of the declaration");
            Assert.That(h.Az.Lines, Has.Some.StartsWith("capacity reservation group show").And.Some.Contains("--instance-view"),
                "the held capacity is only in the group's instance view");
        });
    }
}
