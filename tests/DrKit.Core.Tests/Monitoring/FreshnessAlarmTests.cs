using DrKit.Core.Monitoring;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Monitoring;

public sealed class FreshnessAlarmTests
{
    private static DrPlan Plan(string stack) => Planner.PlanFile(RepoPaths.Stack(stack));

    private static AlarmSpec One(string stack, string key) =>
        AlarmPlanner.Decide(Plan(stack)).SingleOrDefault(a => a.Key == key) ?? throw new AssertionException($"{stack}: no alarm {key}");

    [Test]
    public void Probes_PilotLightReadsReplicatedBackupsAndTheReservationInTheRecoveryRegion()
    {
        var probes = AlarmPlanner.Probes(Plan("pilot-light"));
        Assert.That(probes.Select(p => (p.Region, p.Sources.Select(s => (s.Component, s.Kind)).ToList())), Is.EqualTo(new[]
        {
            ("us-west-2", new List<(string, ProbeSourceKind)> { ("context-store", ProbeSourceKind.RdsBackup), ("gpu", ProbeSourceKind.Reservation) }),
        }), "one probe, in us-west-2 only: nothing it reads lives in the primary region");
    }

    [Test]
    public void Probes_ActiveActiveReadsTheWalArchiveReplica()
    {
        var probe = AlarmPlanner.Probes(Plan("active-active")).Single(p => p.Region == "us-west-2");
        Assert.That(probe.Sources.Select(s => s.Kind), Does.Contain(ProbeSourceKind.WalArchive), "a self-managed server's backups are its WAL archive");
    }

    [Test]
    public void Probes_PrimaryOnlyStackHasNone()
    {
        Assert.That(AlarmPlanner.Probes(Plan("primary")), Is.Empty, "no recovery region, no replicated backups to watch");
    }

    [Test]
    public void BackupAge_RdsIsTheLogUploadPlusCopyPlusProbe()
    {
        var alarm = One("pilot-light", "context-store-backup-age-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(alarm.Threshold, Is.EqualTo(1500), "archiveTimeout 60s is below RDS's 5 min log upload: 5 min + 15 min copy + 5 min probe = 1500 s");
            Assert.That((alarm.Namespace, alarm.MetricName, alarm.Target), Is.EqualTo(("DrKit", "BackupAgeSeconds", AlarmTarget.Probe)), "the probe's metric");
            Assert.That((alarm.Region, alarm.Statistic, alarm.ComparisonOperator), Is.EqualTo(("us-west-2", "Maximum", "GreaterThanThreshold")), "older than the threshold, where the probe runs");
            Assert.That((alarm.PeriodSeconds, alarm.EvaluationPeriods), Is.EqualTo((300, 2)), "two probe runs in a row");
            Assert.That(alarm.TreatMissingData, Is.EqualTo("breaching"), "a probe that stopped must alarm");
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.High), "production tier");
            Assert.That(alarm.Description, Does.Contain("25m").Or.Contain("25 min"), "says the threshold");
        });
    }

    [Test]
    public void BackupAge_WalArchiveFollowsTheArchiveTimeout()
    {
        var alarm = One("active-active", "context-store-backup-age-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(alarm.Threshold, Is.EqualTo(1230), "archiveTimeout 30s + 15 min copy + 5 min probe = 1230 s");
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical), "critical tier pages");
        });
    }

    [Test]
    public void ReservationExpiry_AlarmsAWeekAheadInTheReservationsRegion()
    {
        var alarm = One("pilot-light", "gpu-reservation-expiry-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(alarm.Threshold, Is.EqualTo(7 * 86400), "seven days' lead to extend or replace the reservation");
            Assert.That((alarm.MetricName, alarm.Statistic, alarm.ComparisonOperator), Is.EqualTo(("ReservationSecondsToExpiry", "Minimum", "LessThanThreshold")), "less time left than the lead");
            Assert.That(alarm.TreatMissingData, Is.EqualTo("breaching"), "a probe that stopped must alarm");
            Assert.That(alarm.Region, Is.EqualTo("us-west-2"), "the reservation's region");
        });
    }

    [Test]
    public void UnlimitedReservation_IsReportedAboveTheLeadTime()
    {
        Assert.That(FreshnessProbe.UnlimitedReservation, Is.GreaterThan(AlarmPlanner.ReservationExpiryLeadTime), "an active reservation without an end must not alarm");
    }

    [Test]
    public void WalArchiveAlarm_SaysAnIdleWriterTripsItAndTheHeartbeatItNeeds()
    {
        var plan = Plan("active-active");
        var alarm = AlarmPlanner.Decide(plan).First(a => a.Target == AlarmTarget.Probe && a.MetricName == FreshnessProbe.BackupAgeMetric
            && plan.Components.Single(c => c.Name == a.Component).Settings is PostgresSettings { Engine: Core.Model.PostgresEngine.SelfManaged });
        var p = (PostgresSettings)plan.Components.Single(c => c.Name == alarm.Component).Settings;
        Assert.Multiple(() =>
        {
            Assert.That(AlarmPlanner.WalHeartbeat(p), Is.EqualTo(AlarmPlanner.BackupInterval(p)), "a write every archive_timeout keeps a segment archived every archive_timeout");
            Assert.That(alarm.Description, Does.Contain("idle writer").And.Contain($"every {Core.Objectives.DurationText.Format(AlarmPlanner.BackupInterval(p))}"), "the alarm names the heartbeat it needs");
            Assert.That(alarm.Description, Does.Contain("first deploy"), "and that it is expected until the first copy exists");
        });
    }

    [Test]
    public void WalHeartbeat_RdsNeedsNone()
    {
        var rds = (PostgresSettings)Plan("pilot-light").Components.Single(c => c.Name == "context-store").Settings;
        Assert.That(AlarmPlanner.WalHeartbeat(rds), Is.Null, "RDS's restorable time moves on an idle instance too");
    }
}
