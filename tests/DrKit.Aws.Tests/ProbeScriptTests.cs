using System.Diagnostics;
using System.Text.Json;
using DrKit.Aws.Monitoring;
using DrKit.Core.Monitoring;

namespace DrKit.Aws.Tests;

/// <summary>
/// Runs the probe's Python code against in-memory fakes of S3, RDS, EC2 and CloudWatch (no AWS, no boto3 needed): the
/// harness below replaces the boto3 and botocore modules, so the code under test is exactly the code the stack deploys.
/// </summary>
public sealed class ProbeScriptTests
{
    private const string Harness = """
        import bisect, json, sys, types
        from datetime import datetime, timedelta, timezone

        calls = {"list": 0}
        published = []

        class FakeS3:
            def __init__(self, keys):
                self.keys = sorted(keys)
                self.modified = {k: datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=30 * i) for i, k in enumerate(self.keys)}
            def add(self, keys):
                base = max(self.modified.values())
                for i, k in enumerate(keys):
                    self.modified[k] = base + timedelta(seconds=30 * (i + 1))
                self.keys = sorted(set(self.keys) | set(keys))
            def list_objects_v2(self, Bucket, Prefix, MaxKeys=1000, StartAfter=None, ContinuationToken=None):
                calls["list"] += 1
                after = ContinuationToken or StartAfter or ""
                i = bisect.bisect_right(self.keys, after)
                out = []
                while i < len(self.keys) and len(out) < MaxKeys:
                    k = self.keys[i]
                    if k.startswith(Prefix):
                        out.append({"Key": k, "LastModified": self.modified[k]})
                    elif k > Prefix and not k.startswith(Prefix):
                        break
                    i += 1
                page = {"Contents": out}
                if i < len(self.keys) and self.keys[i].startswith(Prefix) and len(out) == MaxKeys:
                    page["NextContinuationToken"] = out[-1]["Key"]
                return page

        class FakeRds:
            def describe_db_instance_automated_backups(self, DBInstanceAutomatedBackupsArn):
                return {"DBInstanceAutomatedBackups": [{"RestoreWindow": {"LatestTime": datetime(2026, 1, 2, tzinfo=timezone.utc)}}]}

        class FakeEc2:
            def describe_capacity_reservations(self, CapacityReservationIds):
                return {"CapacityReservations": [{"State": "scheduled"}]}

        class FakeCloudWatch:
            def put_metric_data(self, Namespace, MetricData):
                published.extend(MetricData)

        boto3 = types.ModuleType("boto3")
        boto3.client = lambda service, config=None: None
        botocore = types.ModuleType("botocore")
        config_module = types.ModuleType("botocore.config")
        config_module.Config = lambda **kw: kw
        sys.modules.update({"boto3": boto3, "botocore": botocore, "botocore.config": config_module})
        sys.path.insert(0, sys.argv[1])
        import probe

        prefix = "wal_005/"
        keys = [prefix + "00000001.history", prefix + "00000002.history"]
        for timeline in (1, 2):
            for log in range(0x1D4 if timeline == 1 else 0x2A):
                for seg in range(0x100):
                    keys.append(f"{prefix}{timeline:08X}{log:08X}{seg:08X}.lz4")
        keys.append(prefix + "00000002000000290000007F.00000028.backup")
        keys += ["basebackups_005/base_0001/x", "wal_006/000000030000000000000001"]
        s3 = FakeS3(keys)
        newest = max(k for k in s3.keys if k.startswith(prefix))
        no_check = lambda: None

        result = {"objects": len([k for k in keys if k.startswith(prefix)])}
        got = probe.wal_archive_latest(s3, "b", prefix, no_check)
        result["cold"] = {"calls": calls["list"], "right": got == s3.modified[newest]}

        fresh = [f"{prefix}0000000200000029{seg:08X}.lz4" for seg in range(0x100, 0x105)]
        s3.add(fresh)
        calls["list"] = 0
        got = probe.wal_archive_latest(s3, "b", prefix, no_check)
        result["warm"] = {"calls": calls["list"], "right": got == s3.modified[max(fresh)]}

        calls["list"] = 0
        probe._CURSORS.clear()
        got = probe.wal_archive_latest(FakeS3([prefix + "a", prefix + "ab", prefix + "abc"]), "b", prefix, no_check)
        result["prefixes"] = {"right": got is not None}

        clients = {"s3": s3, "rds": FakeRds(), "ec2": FakeEc2(), "cloudwatch": FakeCloudWatch()}
        config = {"stack": "s", "namespace": "DrKit", "unlimited": 31536000, "sources": [
            {"component": "archive", "kind": "wal-archive", "id": "b", "prefix": prefix},
            {"component": "db", "kind": "rds-backup", "id": "arn"},
            {"component": "gpu", "kind": "reservation", "id": "cr-1"}]}
        probe._CURSORS.clear()
        spent = {"ms": 200000}
        def remaining():
            spent["ms"] -= 1
            return spent["ms"]
        # The WAL source's share is spent before it starts: it fails alone, the others still publish.
        real = probe.budget_check
        probe.budget_check = lambda deadline: (lambda: (_ for _ in ()).throw(probe.OutOfTime("its time budget ran out"))) if spent["ms"] == 199999 else real(deadline)
        data, failures, notes = probe.run(config, lambda s: clients[s], datetime(2026, 1, 3, tzinfo=timezone.utc), remaining)
        probe.budget_check = real
        result["budget"] = {"published": sorted(d["Dimensions"][1]["Value"] for d in data), "failures": failures, "notes": notes}

        import os
        os.environ["DRKIT_PROBE"] = json.dumps(config)
        probe._CLIENTS.update(clients)
        class Context:
            def get_remaining_time_in_millis(self):
                return 180000
        # A source that cannot be read: the run publishes the rest, then fails.
        config["sources"][0]["id"] = "missing"
        os.environ["DRKIT_PROBE"] = json.dumps(config)
        probe._CLIENTS["s3"] = FakeS3([])
        probe._CURSORS.clear()
        try:
            probe.handler({}, Context())
            result["handler"] = {"raised": False}
        except RuntimeError as error:
            result["handler"] = {"raised": True, "message": str(error), "published": len(published)}
        print(json.dumps(result))
        """;

    private static JsonElement? _result;

    /// <summary>The harness's findings, run once for the fixture (it builds an archive of 130k keys).</summary>
    private static JsonElement RunHarness() => _result ??= Run();

    private static JsonElement Run()
    {
        var dir = Directory.CreateTempSubdirectory("drkit-probe-run-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, FreshnessProbe.ScriptFile), DrAlarms.ProbeCode());
            var harness = Path.Combine(dir.FullName, "harness.py");
            File.WriteAllText(harness, Harness);
            Process? python;
            try
            {
                python = Process.Start(new ProcessStartInfo("python3", [harness, dir.FullName]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Ignore("python3 is not installed: the probe is not run here");
                throw;
            }

            var errors = python!.StandardError.ReadToEndAsync();
            var output = python.StandardOutput.ReadToEnd();
            python.WaitForExit();
            Assert.That(python.ExitCode, Is.Zero, $"the harness must run: {errors.Result}");
            // The handler logs a line of its own first; the harness prints its result last.
            return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void WalArchive_FindsTheNewestSegmentWithoutListingTheWholePrefix()
    {
        var result = RunHarness();
        var objects = result.GetProperty("objects").GetInt32();
        var cold = result.GetProperty("cold");
        Assert.Multiple(() =>
        {
            Assert.That(objects, Is.GreaterThan(100_000), "a 35-day PITR window at archive_timeout 30s holds over 100k segments");
            Assert.That(cold.GetProperty("right").GetBoolean(), Is.True, "the greatest key is the newest segment, and its age is what is reported");
            Assert.That(cold.GetProperty("calls").GetInt32(), Is.LessThanOrEqualTo(80),
                $"a search, not a listing: paging through {objects} keys takes {objects / 1000 + 1} calls of 1,000 keys");
            Assert.That(result.GetProperty("prefixes").GetProperty("right").GetBoolean(), Is.True, "keys that are prefixes of others are found too");
        });
    }

    [Test]
    public void WalArchive_WarmContainerListsOnlyAfterItsCursor()
    {
        var warm = RunHarness().GetProperty("warm");
        Assert.Multiple(() =>
        {
            Assert.That(warm.GetProperty("right").GetBoolean(), Is.True, "the newest of the segments archived since the last run");
            Assert.That(warm.GetProperty("calls").GetInt32(), Is.EqualTo(1), "one page after the last newest key");
        });
    }

    [Test]
    public void Run_ASourceOutOfTimeFailsAloneAndTheOthersPublish()
    {
        var budget = RunHarness().GetProperty("budget");
        Assert.Multiple(() =>
        {
            Assert.That(budget.GetProperty("published").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "db", "gpu" }),
                "the RDS backup and the reservation publish although the archive ran out of time");
            Assert.That(budget.GetProperty("failures").EnumerateArray().Select(e => e.GetString()).Single(), Does.StartWith("archive wal-archive").And.Contain("time budget"),
                "the failure names the source and why");
            Assert.That(budget.GetProperty("notes").EnumerateArray().Select(e => e.GetString()).Single(), Is.EqualTo("gpu reservation: state scheduled"),
                "a reservation that is not active reports 0 and says its state");
        });
    }

    [Test]
    public void Handler_PublishesWhatItReadThenFailsTheRun()
    {
        var handler = RunHarness().GetProperty("handler");
        Assert.Multiple(() =>
        {
            Assert.That(handler.GetProperty("raised").GetBoolean(), Is.True, "an unread source fails the run, so Lambda's Errors metric shows a broken probe");
            Assert.That(handler.GetProperty("published").GetInt32(), Is.EqualTo(2), "after publishing the sources it could read");
            Assert.That(handler.GetProperty("message").GetString(), Does.Contain("archive wal-archive: nothing found"), "naming the unread source");
        });
    }
}
