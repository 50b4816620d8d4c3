using System.Diagnostics;
using System.Text.Json;
using DrKit.Aws.Monitoring;
using DrKit.Core.Monitoring;

namespace DrKit.Aws.Tests;

public sealed class ProbeTests
{
    private static IReadOnlyList<(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)> Statements(string policy)
    {
        using var doc = JsonDocument.Parse(policy);
        return doc.RootElement.GetProperty("Statement").EnumerateArray()
            .Select(s => ((IReadOnlyList<string>)[.. s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!)],
                (IReadOnlyList<string>)[.. s.GetProperty("Resource").EnumerateArray().Select(a => a.GetString()!)]))
            .ToList();
    }

    [Test]
    public async Task PilotLight_ProbeRunsInTheRecoveryRegionOnASchedule()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var function = run.Named(Types.Function, "alarms-probe-us-west-2");
        var rule = run.Named(Types.EventRule, "alarms-probe-us-west-2-schedule");
        var target = run.Named(Types.EventTarget, "alarms-probe-us-west-2-schedule");
        var permission = run.Named(Types.LambdaPermission, "alarms-probe-us-west-2-schedule");
        var role = run.Named(Types.Role, "alarms-probe-us-west-2-role");
        var config = JsonDocument.Parse((string)StackRun.At(function.Inputs, "environment", "variables", FreshnessProbe.ConfigVariable)!).RootElement;
        var sources = config.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("component").GetString(), s.GetProperty("kind").GetString(), s.GetProperty("id").GetString())).ToList();
        Assert.Multiple(() =>
        {
            foreach (var r in new[] { function, rule, target, permission, role, run.Named(Types.LogGroup, "alarms-probe-us-west-2") })
            {
                Assert.That(RecordingMocks.RegionOf(r), Is.EqualTo("us-west-2"), $"{r.Name}: declared with the recovery region's provider, so it runs while us-east-1 is down");
            }

            Assert.That((function.Inputs["runtime"], function.Inputs["handler"]), Is.EqualTo((FreshnessProbe.Runtime, FreshnessProbe.Handler)), "the Python probe");
            Assert.That(function.Inputs["role"], Is.EqualTo("arn:aws:iam::123456789012:role/alarms-probe-us-west-2-role"), "runs as its own role");
            Assert.That(rule.Inputs["scheduleExpression"], Is.EqualTo("rate(5 minutes)"), "every five minutes");
            Assert.That(target.Inputs["arn"], Is.EqualTo("arn:aws:lambda:us-west-2:123456789012:function:drkit-pilot-light-probe-us-west-2"), "the rule invokes the probe");
            Assert.That((permission.Inputs["principal"], permission.Inputs["sourceArn"]), Is.EqualTo(("events.amazonaws.com", "arn:aws:events:us-west-2:123456789012:rule/alarms-probe-us-west-2-schedule")),
                "only that rule may invoke it");
            Assert.That(config.GetProperty("stack").GetString(), Is.EqualTo("pilot-light"), "the stack dimension");
            Assert.That(sources, Is.EquivalentTo(new[]
            {
                ("context-store", "rds-backup", "arn:aws:rds:us-west-2:123456789012:auto-backup:ab-context-store-backups-us-west-2"),
                ("gpu", "reservation", "cr-gpu-us-west-2"),
            }), "the replicated backups and the reservation the stack declared in us-west-2");
        });
    }

    private static double Number(object? value) => value is null ? double.NaN : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task PilotLight_NoRunOfTheProbeIsRetried()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var target = run.Named(Types.EventTarget, "alarms-probe-us-west-2-schedule");
        var invoke = run.Named(Types.FunctionEventInvokeConfig, "alarms-probe-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That((Number(StackRun.At(target.Inputs, "retryPolicy", "maximumRetryAttempts")), Number(StackRun.At(target.Inputs, "retryPolicy", "maximumEventAgeInSeconds"))),
                Is.EqualTo((0.0, 60.0)), "EventBridge delivers each run once, within a minute, or drops it");
            Assert.That((Number(invoke.Inputs["maximumRetryAttempts"]), Number(invoke.Inputs["maximumEventAgeInSeconds"])), Is.EqualTo((0.0, 60.0)),
                "Lambda does not rerun a failed run (its default is twice)");
            Assert.That(invoke.Inputs["functionName"], Is.EqualTo("drkit-pilot-light-probe-us-west-2"), "for the probe function");
            Assert.That(RecordingMocks.RegionOf(invoke), Is.EqualTo("us-west-2"), "in the probe's region");
        });
    }

    [Test]
    public async Task PilotLight_ProbeAlarmsWatchTheProbesMetricsWhereItPublishes()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var age = run.Named(Types.MetricAlarm, "alarms-context-store-backup-age-us-west-2");
        var expiry = run.Named(Types.MetricAlarm, "alarms-gpu-reservation-expiry-us-west-2");
        var dimensions = (IReadOnlyDictionary<string, object>)age.Inputs["dimensions"];
        Assert.Multiple(() =>
        {
            Assert.That((RecordingMocks.RegionOf(age), RecordingMocks.RegionOf(expiry)), Is.EqualTo(("us-west-2", "us-west-2")), "alarms live in the probe's region");
            Assert.That((age.Inputs["namespace"], age.Inputs["metricName"]), Is.EqualTo((FreshnessProbe.Namespace, FreshnessProbe.BackupAgeMetric)), "the probe's backup age");
            Assert.That(dimensions, Is.EquivalentTo(new Dictionary<string, object> { ["stack"] = "pilot-light", ["component"] = "context-store" }), "the dimensions the probe writes");
            Assert.That(age.Inputs["treatMissingData"], Is.EqualTo("breaching"), "a dead probe alarms");
            Assert.That(expiry.Inputs["metricName"], Is.EqualTo(FreshnessProbe.ReservationMetric), "the probe's time to expiry");
            Assert.That(MechanismResourcesTests.Num(expiry.Inputs, "threshold"), Is.EqualTo(AlarmPlanner.ReservationExpiryLeadTime.TotalSeconds), "the core's lead time");
        });
    }

    [Test]
    public async Task ActiveActive_ProbeListsOnlyTheWalPrefixOfTheArchiveReplica()
    {
        var run = await StackRun.OfAsync("active-active");
        var function = run.Named(Types.Function, "alarms-probe-us-west-2");
        var policy = (string)run.Named(Types.RolePolicy, "alarms-probe-us-west-2-role").Inputs["policy"];
        var config = JsonDocument.Parse((string)StackRun.At(function.Inputs, "environment", "variables", FreshnessProbe.ConfigVariable)!).RootElement;
        var wal = config.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "wal-archive");
        Assert.Multiple(() =>
        {
            Assert.That(wal.GetProperty("prefix").GetString(), Is.EqualTo("wal_005/"), "lists the WAL prefix, never the whole bucket");
            Assert.That(wal.GetProperty("id").GetString(), Does.Contain("us-west-2"), "the archive's replica in the probe's region");
            Assert.That(policy, Does.Contain("\"s3:prefix\":\"wal_005/\""), "ListBucket only with that prefix");
        });
        foreach (var (actions, resources) in Statements(policy))
        {
            Assert.That(actions, Has.None.Contain("*"), "every action is named");
            if (resources.Contains("*"))
            {
                Assert.That(actions, Is.SubsetOf(new[] { "cloudwatch:PutMetricData", "ec2:DescribeCapacityReservations" }), "'*' only where IAM takes no resource");
            }
        }
    }

    [Test]
    public void ProbePolicy_ScopesEachActionToWhatTheProbeReads()
    {
        var policy = DrAlarms.ProbePolicy("arn:aws:logs:us-west-2:1:log-group:/aws/lambda/p",
            [(new ProbeSource("context-store", ProbeSourceKind.RdsBackup), "arn:aws:rds:us-west-2:1:auto-backup:ab-1"), (new ProbeSource("gpu", ProbeSourceKind.Reservation), string.Empty)]);
        var statements = Statements(policy);
        Assert.Multiple(() =>
        {
            Assert.That(statements.Single(s => s.Actions.Contains("rds:DescribeDBInstanceAutomatedBackups")).Resources, Is.EqualTo(new[] { "arn:aws:rds:us-west-2:1:auto-backup:ab-1" }), "only the replicated backups");
            Assert.That(statements.Single(s => s.Actions.Contains("logs:PutLogEvents")).Resources, Is.EqualTo(new[] { "arn:aws:logs:us-west-2:1:log-group:/aws/lambda/p:*" }), "its own log group");
            Assert.That(statements.SelectMany(s => s.Actions), Has.None.EqualTo("s3:ListBucket"), "no archive, no S3 access");
            Assert.That(policy, Does.Contain("\"cloudwatch:namespace\":\"DrKit\""), "metrics only into the DrKit namespace");
        });
    }

    [Test]
    public void ProbeCode_PublishesTheMetricsAndDimensionsTheAlarmsWatch()
    {
        var code = DrAlarms.ProbeCode();
        Assert.Multiple(() =>
        {
            Assert.That(code, Does.Contain($"BACKUP_AGE = \"{FreshnessProbe.BackupAgeMetric}\""), "the backup-age metric name");
            Assert.That(code, Does.Contain($"RESERVATION_EXPIRY = \"{FreshnessProbe.ReservationMetric}\""), "the reservation metric name");
            Assert.That(code, Does.Contain("{\"Name\": \"stack\"").And.Contain("{\"Name\": \"component\""), "the stack and component dimensions, in that order");
            Assert.That(code, Does.Contain($"os.environ[\"{FreshnessProbe.ConfigVariable}\"]"), "reads the configuration the stack writes");
            Assert.That(code, Does.Contain("def handler(event, context)"), $"the handler {FreshnessProbe.Handler} names");
            Assert.That(code, Does.Contain("\"Prefix\": prefix"), "lists under a prefix only");
            Assert.That(code, Does.Contain("RestoreWindow").And.Contain("LatestTime"), "the replicated backups' newest restorable time");
            Assert.That(code, Does.Contain("EndDate").And.Contain("\"active\""), "the reservation's end and state");
        });
    }

    [Test]
    public void ProbeCode_CompilesWithPython()
    {
        var dir = Directory.CreateTempSubdirectory("drkit-probe-");
        try
        {
            var file = Path.Combine(dir.FullName, FreshnessProbe.ScriptFile);
            File.WriteAllText(file, DrAlarms.ProbeCode());
            Process? python;
            try
            {
                python = Process.Start(new ProcessStartInfo("python3", ["-m", "py_compile", file]) { RedirectStandardError = true, UseShellExecute = false });
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Ignore("python3 is not installed: the probe's syntax is not checked here");
                return;
            }

            var errors = python!.StandardError.ReadToEnd();
            python.WaitForExit();
            Assert.That(python.ExitCode, Is.Zero, $"probe.py must compile: {errors}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
