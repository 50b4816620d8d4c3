using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Gateway;
using DrKit.Operations.Readiness;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests;

public sealed class LiveReadinessReaderTests
{
    private const string Reservation = "cr-0123456789abcdef0";
    private const string HealthCheck = "hc-usw2";
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DrPlan Plan => Planner.PlanFile(RepoPaths.Stack("pilot-light"));

    private static IStackGateway Gateway(bool withIds = true)
    {
        var outputs = PilotLightProgram.Outputs(new Dictionary<string, string>(), replicaLagSeconds: null);
        if (withIds)
        {
            outputs["capacityReservationIds"] = $"{{\"gpu\":{{\"us-west-2\":\"{Reservation}\"}}}}";
            outputs["healthCheckIds"] = $"{{\"us-east-1\":\"hc-use1\",\"us-west-2\":\"{HealthCheck}\"}}";
        }

        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.SelectStackAsync("pilot-light", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        gateway.Setup(g => g.GetOutputsAsync("pilot-light", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StackOutputs(outputs.ToDictionary(p => p.Key, p => new StackOutput(p.Value, false))));
        return gateway.Object;
    }

    private static FakeAws Aws()
    {
        var aws = new FakeAws().WithRecoveryLag(Now, 3);
        aws.Reservations[Reservation] = ("active", 2);
        aws.Datapoints[HealthCheck] = [(Now.AddMinutes(-1), 1)];
        aws.RestorableTime = Now.AddMinutes(-6);
        return aws;
    }

    private static Task<LiveReadings> Read(FakeAws aws, bool withIds = true)
    {
        var clock = new ManualTimeProvider(Now);
        return new LiveReadinessReader(Gateway(withIds), aws.Lag(clock), clock).ReadAsync(Plan, CancellationToken.None);
    }

    [Test]
    public async Task HealthyPilotLight_ReadsEveryPartFromTheRecoveryRegionAndUsEast1()
    {
        var aws = Aws();
        var live = await Read(aws);
        var report = ReadinessScorer.Score(Plan, [], new DrillSummary(true, "h", (Now, true), Now, []), Now, live);
        Assert.Multiple(() =>
        {
            Assert.That(live.Lag.Select(l => (l.Component, l.Lag)), Is.EquivalentTo(new[] { ("context-store", (TimeSpan?)TimeSpan.FromSeconds(3)), ("session-cache", TimeSpan.FromSeconds(3)) }), "lag of both data tiers from CloudWatch");
            Assert.That(live.Capacity.Single().Available, Is.EqualTo(2), "the active reservation's available count");
            Assert.That(live.Health.Single().Healthy, Is.True, "HealthCheckStatus 1 is healthy");
            Assert.That(live.Backups.Single().Age, Is.EqualTo(TimeSpan.FromMinutes(6)), "restorable six minutes ago");
            Assert.That(aws.Calls.Select(c => c[^3]).Distinct(), Is.EquivalentTo(new[] { "us-west-2", "us-east-1" }).Or.EquivalentTo(new[] { "us-west-2" }), "only the recovery region and us-east-1");
            Assert.That(report.Deductions.Where(d => d.Category is ReadinessScorer.Lag or ReadinessScorer.Capacity or ReadinessScorer.Health or ReadinessScorer.Backup), Is.Empty, "nothing live deducts");
        });
    }

    [Test]
    public async Task HealthCheckStatus_IsReadInUsEast1WhereRoute53PublishesIt()
    {
        var aws = Aws();
        await Read(aws);
        var call = aws.Calls.Single(c => c.Contains("AWS/Route53"));
        Assert.That(call[call.ToList().IndexOf("--region") + 1], Is.EqualTo("us-east-1"), "Route 53 metrics exist only in us-east-1");
    }

    [Test]
    public async Task ExpiredReservationUnhealthyRegionAndOldBackup_AreDeducted()
    {
        var aws = Aws();
        aws.Reservations[Reservation] = ("expired", 2);
        aws.Datapoints[HealthCheck] = [(Now.AddMinutes(-1), 0)];
        aws.RestorableTime = Now.AddHours(-3);
        var live = await Read(aws);
        var report = ReadinessScorer.Score(Plan, [], new DrillSummary(true, "h", (Now, true), Now, []), Now, live);
        Assert.That(report.Deductions.Where(d => d.Points > 0).Select(d => (d.Category, d.Points)),
            Is.SupersetOf(new[] { (ReadinessScorer.Capacity, 25), (ReadinessScorer.Health, 25), (ReadinessScorer.Backup, 20) }),
            "an expired reservation holds nothing, status 0 is unhealthy, a 3h-old backup misses the 15m RPO");
    }

    [Test]
    public async Task StackWithoutIds_ReportsUnknownsInsteadOfGuessing()
    {
        var aws = Aws();
        var live = await Read(aws, withIds: false);
        Assert.Multiple(() =>
        {
            Assert.That(live.Capacity.Single().Available, Is.Null, "no reservation id exported: unknown");
            Assert.That(live.Capacity.Single().Source, Does.Contain("capacityReservationIds"), "says which output is missing");
            Assert.That(live.Health.Single().Healthy, Is.Null, "no health check id exported: unknown");
            Assert.That(aws.Calls.Where(c => c[0] == "ec2"), Is.Empty, "nothing asked about an unknown reservation");
        });
    }

    [Test]
    public void Describe_NamesEveryCallWithItsRegion()
    {
        var lines = LiveReadinessReader.Describe(Plan);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains("aws ec2 describe-capacity-reservations").And.Contains("--region us-west-2"), "reservation in the recovery region");
            Assert.That(lines, Has.Some.Contains("HealthCheckStatus").And.Contains("--region us-east-1"), "health in us-east-1");
            Assert.That(lines, Has.Some.Contains("describe-db-instance-automated-backups").And.Contains("--region us-west-2"), "replicated backups in the recovery region");
        });
    }
}
