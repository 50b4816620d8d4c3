using DrKit.Core.Monitoring;

namespace DrKit.Core.Tests.Config;

public sealed class AlertsConfigTests
{
    private static string WithAlerts(params string[] lines) =>
        TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore")).TrimEnd('\n') + "\n  drkit:alerts:\n" + TestStacks.Indent(string.Join("\n", lines), 4) + "\n";

    [Test]
    public void Alerts_ReachThePlanBySeverityWithTheirProtocol()
    {
        var plan = TestStacks.Plan(WithAlerts("critical: https://events.example.com/sns", "medium: [ops@example.com, mailto:dr@example.com]"));
        Assert.That(plan.Alerts, Is.EqualTo(new[]
        {
            new AlertSubscription(AlarmSeverity.Medium, "email", "ops@example.com"),
            new AlertSubscription(AlarmSeverity.Medium, "email", "dr@example.com"),
            new AlertSubscription(AlarmSeverity.Critical, "https", "https://events.example.com/sns"),
        }), "e-mail addresses subscribe by email, https URLs by https");
    }

    [Test]
    public void Alerts_RejectWhatSnsCannotDeliverTo()
    {
        var problems = TestStacks.Problems(WithAlerts("high: http://insecure.example.com/hook"));
        problems.At("drkit:alerts.high", "expected an e-mail address or an https:// URL, got 'http://insecure.example.com/hook'");
    }

    [Test]
    public void Alerts_UnknownSeverityIsNamed()
    {
        var problems = TestStacks.Problems(WithAlerts("page: ops@example.com"));
        problems.At("drkit:alerts.page", "unknown key");
    }

    [Test]
    public void NoAlerts_MeansNoSubscriptions() =>
        Assert.That(TestStacks.Plan(TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore"))).Alerts, Is.Empty, "nobody is subscribed unless named");

    private static string WithMonitoring(string region) =>
        TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore"), "us-west-2").TrimEnd('\n') + $"\n  drkit:monitoringRegion: {region}\n";

    [Test]
    public void MonitoringRegion_ReachesThePlan() =>
        Assert.That(TestStacks.Plan(WithMonitoring("eu-west-1")).MonitoringRegion, Is.EqualTo("eu-west-1"), "the canaries' home outside the stack");

    [Test]
    public void MonitoringRegion_MustBeARegionOutsideTheStack()
    {
        TestStacks.Problems(WithMonitoring("west")).At("drkit:monitoringRegion", "expected an AWS region such as eu-west-1, got 'west'");
        TestStacks.Problems(WithMonitoring("us-west-2")).At("drkit:monitoringRegion",
            "must be outside the stack's regions (us-east-1, us-west-2): the outage canaries it homes must not fail with a region they watch");
    }

    [Test]
    public void WalKeyPrefix_StartingWithAPlaceholderIsRefused()
    {
        var yaml = TestStacks.Yaml(TestStacks.Component("kind: postgres", "engine: self-managed", "strategy: backup-restore", "walKeyPrefix: \"{segment}\""), "us-west-2");
        TestStacks.Problems(yaml).At("drkit:components.c.walKeyPrefix", "expected a layout that starts with a fixed directory such as 'wal_005/{segment}', got '{segment}'");
    }
}
