using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class LagSeriesTests
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Judge_SourceSilent_JudgesTheDatapointBeforeTheSilence()
    {
        // Healthy at 11:56 (2 s); from 11:57 the lag grows one second per second: the region went down at about 11:56:58.
        var points = new[] { new LagPoint(Noon.AddMinutes(-4), 2), new LagPoint(Noon.AddMinutes(-3), 2), new LagPoint(Noon.AddMinutes(-2), 62), new LagPoint(Noon.AddMinutes(-1), 122) };

        var judged = LagSeries.Judge(points)!;

        Assert.Multiple(() =>
        {
            Assert.That(judged.Judged!.Value.Seconds, Is.EqualTo(2), "what was in flight when the source went silent is what a promotion loses");
            Assert.That(judged.SilentSince, Is.EqualTo(Noon.AddMinutes(-3).AddSeconds(-2)), "the last replayed commit all silent datapoints name");
        });
    }

    [Test]
    public void Judge_ReplicaFallingBehindWhileCommitsFlow_JudgesTheNewest()
    {
        // The lag grows, but each datapoint names a later commit: writes are still arriving, the lag is real.
        var points = new[] { new LagPoint(Noon.AddMinutes(-3), 10), new LagPoint(Noon.AddMinutes(-2), 40), new LagPoint(Noon.AddMinutes(-1), 70) };

        var judged = LagSeries.Judge(points)!;

        Assert.Multiple(() =>
        {
            Assert.That(judged.Judged!.Value.Seconds, Is.EqualTo(70), "a slow replica's lag is loss");
            Assert.That(judged.SilentSince, Is.Null, "no silence");
        });
    }

    [Test]
    public void Judge_SilentForTheWholeWindow_LeavesTheLossUnknown()
    {
        var points = new[] { new LagPoint(Noon.AddMinutes(-2), 600), new LagPoint(Noon.AddMinutes(-1), 660) };

        var judged = LagSeries.Judge(points)!;

        Assert.That(judged.Judged, Is.Null, "nothing in the window measured the lag before the silence");
    }

    [Test]
    public async Task RdsLag_InAnOutage_IsTheLagBeforeTheSourceWentSilentNotTheOutageLength()
    {
        var clock = new ManualTimeProvider(Noon);
        var aws = new FakeAws();
        aws.Datapoints[FakeAws.RecoveryInstance] = [(Noon.AddMinutes(-4), 3), (Noon.AddMinutes(-3), 3), (Noon.AddMinutes(-2), 63), (Noon.AddMinutes(-1), 123)];
        var outputs = new StackOutputs(PilotLightProgram.Outputs(new Dictionary<string, string>(), null).ToDictionary(p => p.Key, p => new StackOutput(p.Value, false)));

        var reading = await aws.Lag(clock).ReadAsync(outputs, "pilot-light", "context-store", PromotionKind.ReadReplica, "us-west-2", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(reading.Lag, Is.EqualTo(TimeSpan.FromSeconds(3)), "an RPO of a minute is met: 3 s were in flight, the other 120 s are the outage's length");
            Assert.That(reading.Source, Does.Contain("staleness, not loss"), "the reading says what the growing figure is");
        });
    }
}
