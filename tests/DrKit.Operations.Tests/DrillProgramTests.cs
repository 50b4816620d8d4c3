using System.Text.RegularExpressions;
using DrKit.Operations.Drills;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class DrillProgramTests
{
    private const string DrillStack = "pilot-light-drill-20300101120000-ab12";
    private string _dir = string.Empty;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("drkit-drill-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Drill_PassesThePrimaryStacksOutputsIntoTheDrillStacksConfig()
    {
        var (world, clock, _) = World();
        var result = await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        var drillConfig = world.Config[DrillStack];
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary);
            Assert.That(drillConfig["drkit-ops:source.postgresInstanceArns"].Value, Is.EqualTo("{\"context-store\":{\"us-east-1\":\"arn:aws:rds:db1\"}}"),
                "each primary output becomes drkit-ops:source.<output> on the drill stack");
            Assert.That(drillConfig["drkit-ops:source.postgresMasterPasswords"].Secret, Is.True, "a secret output stays secret in the drill stack's config");
            Assert.That(drillConfig["drkit-ops:drill.sourceStack"].Value, Is.EqualTo("pilot-light"), "the drill stack knows its source");
            Assert.That(drillConfig["drkit-ops:drill.mode"].Value, Is.EqualTo("restore"), "cloud drills restore, also for stacks with replicas");
            Assert.That(drillConfig["drkit:service"].Value, Is.EqualTo("rag-assistant"), "the source stack file's config is copied so the same topology deploys");
            Assert.That(world.ConfigWrites.Where(w => w.Stack == "pilot-light"), Is.Empty, "the source stack's config is never written");
        });
    }

    [Test]
    public async Task Drill_CreatesTagsDeploysProbesAndTearsDown_InOrder()
    {
        var (world, clock, _) = World();
        await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(world.Calls.Select(c => c.Split(' ')[0]), Is.EqualTo(new[]
        {
            "EnsureReady", "Select", "GetOutputs", "CreateOrSelect", "SetConfig", "SetTags", "SetConfig", "SetConfig", "Preview", "Up", "GetOutputs", "Destroy", "Remove",
        }), "the drill reads the source, builds and marks the drill stack, hands it the recovery points, restores, probes, then always destroys and removes it");
        Assert.That(world.Tags[DrillStack], Is.EqualTo(new Dictionary<string, string>
        {
            ["drkit:ephemeral"] = "true",
            ["drkit:ttl"] = "2030-01-01T16:00:00Z",
            ["drkit:source"] = "pilot-light",
        }), "where the backend keeps tags, the drill stack is tagged ephemeral with an ISO 8601 expiry (4h default)");
    }

    [Test]
    public async Task Drill_MarksTheDrillStackEphemeralInConfig_BeforeItsFirstUp()
    {
        var (world, clock, _) = World();
        await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        var marker = world.ConfigWrites.FindIndex(w => w.Stack == DrillStack && w.Values.ContainsKey("drkit-ops:ephemeral"));
        Assert.That(marker, Is.GreaterThanOrEqualTo(0), "the drill stack's config carries the ephemeral marker");
        Assert.That(world.ConfigWrites[marker].Values.ToDictionary(p => p.Key, p => p.Value.Value), Is.EqualTo(new Dictionary<string, string>
        {
            ["drkit-ops:ephemeral"] = "true",
            ["drkit-ops:ttl"] = "2030-01-01T16:00:00Z",
        }), "config markers: ephemeral and an ISO 8601 expiry (4h default)");
        Assert.That(world.Calls.FindIndex(c => c.StartsWith("SetConfig " + DrillStack + " drkit-ops:ephemeral", StringComparison.Ordinal)),
            Is.LessThan(world.Calls.IndexOf($"Preview {DrillStack}")).And.LessThan(world.Calls.IndexOf($"Up {DrillStack}")),
            "the marker is set before the first preview and up, so even a failed first deployment can be torn down");
    }

    [Test]
    public async Task Drill_OnABackendWithoutStackTags_NotesItAndCarriesOn()
    {
        var (world, clock, _) = World();
        world.TagsUnsupported = true;

        var result = await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Summary);
        Assert.That(result.Steps.Single(s => s.Name == DrillProgram.MarkStep).Detail, Does.Contain("drkit-ops:ephemeral=true").And.Contain("tags not set"),
            "the step says the tags were skipped and the config marker was set");
        Assert.That(world.ConfigValue(DrillStack, "drkit-ops:ephemeral"), Is.EqualTo("true"), "the config marker alone marks the stack ephemeral");
    }

    [Test]
    public async Task Drill_RestoresToTheRecoveryPointsReadFromTheCloud_SetBeforeTheFirstUp()
    {
        var (world, clock, aws) = World();
        var restorable = aws.RestorableTime!.Value;

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        var drillConfig = world.Config[DrillStack];
        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Summary);
            Assert.That(aws.Calls.Single(c => c.Count > 1 && c[1] == "describe-db-instance-automated-backups"), Is.EqualTo(new[]
            {
                "rds", "describe-db-instance-automated-backups", "--db-instance-automated-backups-arn", BackupsArn, "--region", "us-west-2", "--output", "json",
            }), "the RDS tier's recovery point is the restore window of the backups the source replicated to the drill region");
            Assert.That(drillConfig["drkit-ops:source.context-store.recoveryPoint"].Value, Is.EqualTo((restorable - DrKit.Operations.Cloud.RecoveryPointReader.RdsRestoreMargin).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                "the drill stack restores to just before the latest restorable time read, as RDS requires");
            Assert.That(drillConfig["drkit-ops:source.session-cache.snapshotName"].Value, Is.EqualTo(FakeAws.SnapshotName), "Redis is seeded from the newest snapshot in the drill region");
            var write = world.ConfigWrites.FindIndex(w => w.Stack == DrillStack && w.Values.ContainsKey("drkit-ops:source.context-store.recoveryPoint"));
            var writesBeforeUp = world.Calls.TakeWhile(c => c != $"Up {DrillStack}").Count(c => c.StartsWith("SetConfig", StringComparison.Ordinal));
            Assert.That(write, Is.GreaterThanOrEqualTo(0).And.LessThan(writesBeforeUp), "the recovery points are in the config before the first up");
        });
    }

    [Test]
    public async Task Drill_ReusingADrillStack_WhoseRecoveryPointReadFails_ClearsTheEarlierRunsPoint_AndReportsTheTierUnmeasured()
    {
        var (world, clock, aws) = World();
        // An earlier run of this drill stack left its point and snapshot in the config.
        world.Existing.Add(DrillStack);
        world.Config[DrillStack] = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            ["drkit-ops:source.context-store.recoveryPoint"] = ConfigSetting.Plain("2029-12-31T12:00:00.0000000Z"),
            ["drkit-ops:source.session-cache.recoveryPoint"] = ConfigSetting.Plain("2029-12-31T11:00:00.0000000Z"),
            ["drkit-ops:source.session-cache.snapshotName"] = ConfigSetting.Plain("automatic.yesterday"),
        };
        aws.BackupsError = "An error occurred (Throttling) when calling the DescribeDBInstanceAutomatedBackups operation";

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(world.ConfigValue(DrillStack, "drkit-ops:source.context-store.recoveryPoint"), Is.Empty,
                "the earlier run's point is cleared before the deploy, so the stack restores to the latest restorable time, not to yesterday");
            Assert.That(world.ConfigValue(DrillStack, "drkit-ops:source.session-cache.snapshotName"), Is.EqualTo(FakeAws.SnapshotName), "a tier read this run gets this run's snapshot");
            Assert.That(result.Drill!.Unmeasured, Does.Contain("context-store"), "the tier whose read failed is unmeasured, not measured against a stale point");
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Missed), result.Summary);
        });
    }

    [Test]
    public async Task Drill_NeverSwitchesOrJoinsTheSourcesGlobalDatastore()
    {
        var (world, clock, aws) = World();

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Summary);
        Assert.That(aws.Verbs, Has.None.EqualTo("failover-global-replication-group").And.None.EqualTo("describe-global-replication-groups"),
            "a drill restores from a snapshot and never touches the source's Global Datastore");
        Assert.That(world.Config[DrillStack].Keys, Has.None.StartsWith("drkit-ops:promote.").And.None.StartsWith("drkit-ops:writerRegion."),
            "the drill stack is never asked to promote anything");
    }

    [Test]
    public void Drill_InPromoteMode_IsRefusedBeforeAnythingIsCreated()
    {
        var (world, clock, aws) = World();

        Assert.That(async () => await Program(world, clock, aws).RunAsync(DataTiers(), Settings() with { Mode = DrillMode.Promote }, CancellationToken.None),
            Throws.InstanceOf<OperationRefusedException>().With.Message.Contain("never promote"), "promoting a replica of the source would act on production");
        Assert.That(world.Calls, Is.Empty, "nothing was called, so nothing was created");
    }

    [Test]
    public async Task Drill_WithoutABackupOrSnapshotYet_ReportsTheTiersUnmeasured()
    {
        var (world, clock, aws) = World();
        aws.RestorableTime = null;
        aws.SnapshotTime = null;

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Missed), "a tier with no recovery point cannot have met its RPO");
        Assert.That(result.Drill!.Unmeasured, Is.EquivalentTo(new[] { "context-store", "session-cache" }), "both tiers are reported unmeasured, not met");
        Assert.That(result.Steps.Single(s => s.Name == DrillProgram.RecoveryPointsStep).Detail, Does.Contain("nothing to restore from yet")
            .And.Contain("keeps automatic snapshots for 7 day(s), window 05:00-06:00 UTC, none completed yet"), "the step says why, as the replication group reports it");
    }

    [Test]
    public async Task Drill_WithoutARedisSnapshot_NeitherProbesNorTimesAnEmptyCache_AndListsTheTierNotRestored()
    {
        var (world, clock, aws) = World();
        aws.SnapshotTime = null;

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(aws.Calls.Where(c => c.Contains(FakeAws.RestoredGroup)), Is.Empty, "no copy was restored, so none is probed");
            Assert.That(result.Drill!.Gaps.Single(g => g.Tier == "session-cache" && g.Reason.StartsWith("restore", StringComparison.Ordinal)).Reason,
                Does.Contain("not restored in this run").And.Contain("none completed yet"), "the gap says why, as the replication group reports it");
            Assert.That(result.Drill.Tiers.Where(t => t.Tier == "session-cache" && t.Path == "restore"), Is.Empty, "no RTO or RPO is recorded for a restore that did not happen");
            Assert.That(result.Drill.Tiers.Single(t => t.Tier == "session-cache" && t.Path == "replication").RpoSeconds, Is.EqualTo(TimeSpan.FromSeconds(3)),
                "the Global Datastore's lag is still measured");
            Assert.That(world.ConfigValue(DrillStack, "drkit-ops:source.session-cache.snapshotName"), Is.Empty, "the drill stack is given no snapshot, so it declares no cache");
        });
    }

    [Test]
    public async Task Drill_OfARedisSourceWithoutAutomaticSnapshots_SaysItCanNeverBeRestored()
    {
        var (world, clock, aws) = World();
        aws.SnapshotTime = null;
        aws.SnapshotRetentionLimit = 0;

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Steps.Single(s => s.Name == DrillProgram.RecoveryPointsStep).Detail,
            Does.Contain("(Global Datastore secondary) keeps no automatic snapshots (SnapshotRetentionLimit 0)"),
            "a source that takes no snapshots is told apart from one whose first backup is pending: waiting would never help");
    }

    [Test]
    public async Task Drill_MeasuresRtoAndRpoAgainstThePlanTargets_AndWritesHistoryAndReport()
    {
        var (world, clock, _) = World();
        var result = await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        var record = result.Drill!;
        var context = record.Tiers.Single(t => t.Tier == "context-store" && t.Path == "restore");
        Assert.Multiple(() =>
        {
            Assert.That(record.Rto, Is.EqualTo(TimeSpan.FromMinutes(5)), "one up of five minutes between recovery start and passing probes");
            Assert.That(context.RpoSeconds, Is.EqualTo(TimeSpan.FromSeconds(31)), "RPO is the read time minus the recovery point the backups were restored to (30s old, less the 1s RDS margin)");
            Assert.That(context.Targets.Rpo, Is.EqualTo(TimeSpan.FromMinutes(20)), "a replicated tier's backups are judged against what its backup path gives");
            Assert.That(record.Tiers.Single(t => t.Tier == "context-store" && t.Path == "replication").Targets.Rpo, Is.EqualTo(TimeSpan.FromMinutes(15)),
                "the component's RPO target from the plan is judged on the replication path");
            Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Met), record.Summary);
            Assert.That(record.TornDown, Is.True, "the drill stack is gone afterwards");
            Assert.That(File.ReadAllLines(Path.Combine(_dir, "history.jsonl")), Has.Length.EqualTo(1), "one history line per drill");
            Assert.That(File.ReadAllText(Path.Combine(_dir, "reports", $"{DrillStack}.md")), Does.Contain("# DR drill").And.Contain("context-store"), "a Markdown report is written");
        });
    }

    [Test]
    public async Task Drill_OfTiersWithFiveMinuteTargets_IsJudgedByTheRestorePath_NotThePromotionTheTargetPromises()
    {
        var (world, clock, aws) = World();
        world.OnUp = (_, _) => clock.Advance(TimeSpan.FromMinutes(25));
        // Five-minute targets, as active-active's critical tiers have: a promise about promotion, which no restore meets.
        var tiers = DataTiers();
        tiers = tiers with { Components = [.. tiers.Components.Select(c => c with { Target = c.Target with { Rto = TimeSpan.FromMinutes(5) } })] };

        var record = (await Program(world, clock, aws).RunAsync(tiers, Settings(), CancellationToken.None)).Drill!;

        var restored = record.Tiers.Where(t => t.Path == "restore").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(restored.Select(t => t.Rto), Is.All.EqualTo(TimeSpan.FromMinutes(25)), "every restore runs in the one deployment");
            Assert.That(restored.Select(t => t.RtoMet), Is.All.True, "25 minutes is within what the plan assumes a point-in-time restore or a snapshot restore takes");
            Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Met),
                "judged against the five-minute promotion targets every drill of such a stack would miss by construction: " + record.Summary);
            Assert.That(record.RtoTarget, Is.EqualTo(restored.Min(t => t.Targets.Rto)), "the record's target is the tightest one a restore was judged against");
        });
    }

    [Test]
    public async Task Drill_WhoseCacheRestoreOutlastsItsProvisioningFigure_MissesThatTiersRto()
    {
        var (world, clock, aws) = World();
        world.OnUp = (_, _) => clock.Advance(TimeSpan.FromMinutes(50));

        var record = (await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None)).Drill!;

        Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Missed), record.Summary);
        Assert.That(record.Tiers.Where(t => t.Rto is not null && !t.RtoMet).Select(t => t.Tier), Is.EqualTo(new[] { "session-cache" }),
            "50 minutes exceeds the 30-minute worst case of creating a cache cluster from a snapshot, but not the database restore's");
        Assert.That(record.Summary, Does.Contain("session-cache (restore RTO over 30m"), "the summary names the tier and the target it missed");
    }

    [Test]
    public async Task Drill_WithStaleBackups_MissesTheRestorePathOfRds_ButNotTheDailySnapshotsOfRedis()
    {
        var (world, clock, aws) = World(recoveryPointAge: TimeSpan.FromHours(2));
        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Missed), "RDS backups two hours old miss what its backup path gives (logs every 5 minutes, plus the copy)");
        Assert.That(result.Drill!.Tiers.Where(t => !t.RpoMet).Select(t => $"{t.Tier} {t.Path}"), Is.EqualTo(new[] { "context-store restore" }),
            "a Redis snapshot two hours old is within a daily backup; both replication paths are within their targets");
    }

    [Test]
    public async Task Drill_OfAGlobalDatastoreWithAHalfDayOldSnapshot_JudgesItsPlanRpoByTheLag_AndTheSnapshotByTheDailyBackups()
    {
        var (world, clock, aws) = World();
        aws.SnapshotTime = clock.GetUtcNow() - TimeSpan.FromHours(12);

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        var cache = result.Drill!.Tiers.Where(t => t.Tier == "session-cache").ToDictionary(t => t.Path);
        Assert.Multiple(() =>
        {
            Assert.That(cache["replication"].RpoSeconds, Is.EqualTo(TimeSpan.FromSeconds(3)), "the replication path is the Global Datastore lag read from CloudWatch at drill start");
            Assert.That(cache["replication"].Targets.Rpo, Is.EqualTo(TimeSpan.FromHours(1)), "the plan's RPO target is a promise about replication");
            Assert.That(cache["restore"].RpoSeconds, Is.EqualTo(TimeSpan.FromHours(12)), "the snapshot restored from was 12 hours old when read");
            Assert.That(cache["restore"].Targets.Rpo, Is.EqualTo(TimeSpan.FromHours(25)), "ElastiCache backs up once a day, in a window of at least an hour");
            Assert.That(result.Drill.Verdict, Is.EqualTo(CloudDrillVerdict.Met), "a healthy Global Datastore with daily snapshots meets its targets: " + result.Drill.Summary);
        });
    }

    [Test]
    public async Task Drill_WithReplicationLagAboveTheTarget_MissesTheReplicationPath()
    {
        var (world, clock, aws) = World();
        aws.WithRecoveryLag(clock.GetUtcNow(), TimeSpan.FromHours(2).TotalSeconds);

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Drill!.Tiers.Where(t => !t.RpoMet).Select(t => $"{t.Tier} {t.Path}"), Is.EquivalentTo(new[] { "context-store replication", "session-cache replication" }),
            "two hours of lag miss the 15 minute and 1 hour targets, whatever the backups say");
    }

    [Test]
    public async Task Drill_WithoutALagDatapoint_ReportsTheReplicationPathUnmeasured()
    {
        var (world, clock, aws) = World();
        aws.Datapoints.Clear();

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Missed), "an unknown lag cannot have met the plan's RPO");
        Assert.That(result.Drill!.Gaps.Select(g => g.Tier), Is.EquivalentTo(new[] { "context-store", "session-cache" }), "both replication paths are listed as not measured");
        Assert.That(result.Drill.Gaps, Has.All.Property(nameof(DrillGapRecord.Reason)).Contain("replication RPO"), "with the path and why");
    }

    [Test]
    public async Task Drill_CountsRpoFromWhenTheRecoveryPointWasRead_NotFromAfterThePreview()
    {
        var (world, clock, aws) = World();
        world.OnPreview = _ => clock.Advance(TimeSpan.FromMinutes(10));

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Drill!.Tiers.Single(t => t.Tier == "context-store" && t.Path == "restore").RpoSeconds, Is.EqualTo(TimeSpan.FromSeconds(31)),
            "the read is the simulated failure: a slow preview afterwards loses no data and must not inflate the RPO");
        Assert.That(result.Drill.Rto, Is.EqualTo(TimeSpan.FromMinutes(5)), "RTO still counts from the deploy");
    }

    [Test]
    public async Task Drill_ProbesTheRestoredCopiesStateAtTheService()
    {
        var (world, clock, aws) = World();

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(aws.Calls.Where(c => c.Count > 3 && c[1] is "describe-db-instances").Select(c => c[3]), Is.EqualTo(new[] { FakeAws.RestoredInstance }),
                "RDS is asked about the restored instance the drill stack names");
            Assert.That(aws.Calls.Where(c => c.Count > 3 && c[1] is "describe-replication-groups").Select(c => c[3]), Does.Contain(FakeAws.RestoredGroup),
                "ElastiCache is asked about the restored replication group");
            Assert.That(result.Steps.Single(s => s.Name == "Probes").Detail, Does.Contain($"{FakeAws.RestoredInstance}: available").And.Not.Contain("endpoint us-west-2"),
                "no probe of a planned host name the stack only repeats from config");
        });
    }

    [Test]
    public async Task Drill_OfTheFullPilotLight_WithHealthyReplicationAndCompleteImages_IsMet()
    {
        var (world, clock, aws, topology) = FullPilotLight();

        var result = await Program(world, clock, aws).RunAsync(topology, Settings(), CancellationToken.None);

        var record = result.Drill!;
        Assert.Multiple(() =>
        {
            Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Met), record.Summary);
            Assert.That(record.Gaps, Is.Empty, "buckets, vector index and images are measured on their replication path");
            Assert.That(record.Tiers.Single(t => t.Tier == "model-artifacts").RpoSeconds, Is.EqualTo(TimeSpan.FromSeconds(40)), "the largest S3 replication latency of the hour");
            Assert.That(record.Tiers.Single(t => t.Tier == "images").RpoSeconds, Is.EqualTo(TimeSpan.Zero), "every newest image is complete in the drill region");
            Assert.That(record.Tiers.Where(t => t.Tier is "model-artifacts" or "images").Select(t => t.Rto), Is.All.Null, "read in place: no RTO");
        });
    }

    [Test]
    public async Task Drill_ReadsS3LatencyInTheDrillRegion_FailuresAndImagesInTheSourceRegion()
    {
        var (world, clock, aws, topology) = FullPilotLight();

        await Program(world, clock, aws).RunAsync(topology, Settings(), CancellationToken.None);

        string RegionOf(IReadOnlyList<string> call) => FakeAws.Value(call, "--region");
        Assert.Multiple(() =>
        {
            Assert.That(aws.Calls.Where(c => c.Contains("ReplicationLatency")).Select(RegionOf).Distinct(), Is.EqualTo(new[] { PilotLightProgram.Recovery }),
                "S3 publishes the latency in the destination's region");
            Assert.That(aws.Calls.Where(c => c.Contains("OperationsFailedReplication")).Select(RegionOf).Distinct(), Is.EqualTo(new[] { PilotLightProgram.Primary }),
                "and failed operations only in the source bucket's region");
            Assert.That(aws.Calls.Where(c => c[0] == "ecr").Select(RegionOf).Distinct(), Is.EqualTo(new[] { PilotLightProgram.Primary }),
                "the newest image and its replication status per destination are asked of the source region");
            Assert.That(aws.Calls.Where(c => c.Contains("ReplicationLatency")).Select(c => string.Join(' ', c)), Has.All.Contain("Name=RuleId,Value=drkit-"),
                "each series is keyed by source, destination and rule");
        });
    }

    [Test]
    public async Task Drill_WithAnImageThatFailedToReplicate_IsMissedNamingTheRepository()
    {
        var (world, clock, aws, topology) = FullPilotLight();
        var reranker = aws.Images["rag-assistant/reranker"];
        aws.Images["rag-assistant/reranker"] = (reranker.Digest, reranker.Pushed, "FAILED", "KMS_KEY_NOT_FOUND");

        var record = (await Program(world, clock, aws).RunAsync(topology, Settings(), CancellationToken.None)).Drill!;

        Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Missed), "an image missing in the drill region misses its RPO");
        Assert.That(record.Summary, Does.Contain("images").And.Contain("reranker").And.Contain("KMS_KEY_NOT_FOUND"), "the summary names the repository and ECR's failure code");
        Assert.That(record.Tiers.Single(t => t.Tier == "images").RpoMet, Is.False, "the figure alone (0) would have passed");
    }

    [Test]
    public async Task Drill_WithFailedS3ReplicationOperations_IsMissed()
    {
        var (world, clock, aws, topology) = FullPilotLight();
        aws.Datapoints[$"OperationsFailedReplication:{Series(topology, "model-artifacts")}"] = [(clock.GetUtcNow().AddMinutes(-10), 2)];

        var record = (await Program(world, clock, aws).RunAsync(topology, Settings(), CancellationToken.None)).Drill!;

        Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Missed), "objects that failed to replicate are missing in the drill region");
        Assert.That(record.Tiers.Single(t => t.Tier == "model-artifacts").Missed, Does.Contain("2 operations failed"), "the count is reported");
    }

    [Test]
    public async Task Drill_OfAnIdleBucket_ReportsNoTraffic_NotAGap()
    {
        var (world, clock, aws, topology) = FullPilotLight();
        aws.Datapoints.Remove($"OperationsFailedReplication:{Series(topology, "model-artifacts")}");

        var record = (await Program(world, clock, aws).RunAsync(topology, Settings(), CancellationToken.None)).Drill!;

        Assert.That(record.Gaps.Select(g => g.Tier), Has.No.Member("model-artifacts"), "S3 publishes no failure count when nothing replicates: that is no gap");
        Assert.That(record.Tiers.Single(t => t.Tier == "model-artifacts").Note, Does.Contain("no traffic in the last 1h"), "the report says the bucket was idle");
        Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Met), record.Summary);
        Assert.That(File.ReadAllText(Path.Combine(_dir, "reports", $"{DrillStack}.md")), Does.Contain("| model-artifacts | replication: ReplicationLatency up to"), "the report shows what was read");
    }

    [Test]
    public async Task Drill_WithoutS3Latency_ListsTheBucketUnmeasured()
    {
        var (world, clock, aws, topology) = FullPilotLight();
        aws.Datapoints.Remove($"ReplicationLatency:{Series(topology, "vector-index")}");

        var record = (await Program(world, clock, aws).RunAsync(topology, Settings(), CancellationToken.None)).Drill!;

        Assert.That(record.Gaps.Single(g => g.Tier == "vector-index").Reason, Does.Contain("no ReplicationLatency datapoint"), "unknown is a gap, not a pass");
        Assert.That(record.Verdict, Is.EqualTo(CloudDrillVerdict.Missed), record.Summary);
    }

    [Test]
    public async Task Drill_WhenTheDeploymentFails_StillDestroysAndRemovesTheDrillStack()
    {
        var (world, clock, _) = World();
        world.OnUp = (stack, _) => throw new StackCommandFailedException($"pulumi failed for stack {stack}: quota exceeded");

        var result = await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), "a failed deployment fails the drill");
        Assert.That(world.Calls.TakeLast(2), Is.EqualTo(new[] { $"Destroy {DrillStack}", $"Remove {DrillStack}" }), "teardown runs after a failure");
        Assert.That(result.Drill!.Error, Does.Contain("quota exceeded"), "the record keeps the cause");
        Assert.That(File.ReadAllText(Path.Combine(_dir, "history.jsonl")), Does.Contain("\"Verdict\":\"Failed\""), "a failed drill is recorded too");
    }

    [Test]
    public async Task Drill_WhenCancelled_TearsDownWithAFreshTokenAndRethrows()
    {
        var (world, clock, _) = World();
        using var cts = new CancellationTokenSource();
        world.OnUp = (_, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
        };

        Assert.That(async () => await Program(world, clock).RunAsync(DataTiers(), Settings(), cts.Token),
            Throws.InstanceOf<OperationCanceledException>(), "the caller still sees the cancellation");
        Assert.That(world.Calls.TakeLast(2), Is.EqualTo(new[] { $"Destroy {DrillStack}", $"Remove {DrillStack}" }), "teardown runs after a cancellation");
        Assert.That(world.TeardownTokens.Select(t => t.IsCancellationRequested), Is.All.False, "teardown must not use the cancelled token");
    }

    [Test]
    public async Task Drill_CancelledDuringDeploy_LetsTheDeploymentFinish_SoDestroyDeletesWhatItCreated()
    {
        var (world, clock, aws) = World();
        using var cts = new CancellationTokenSource();
        var upCancelled = true;
        world.OnUp = (_, ct) =>
        {
            cts.Cancel();
            upCancelled = ct.IsCancellationRequested;
        };

        Assert.That(async () => await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), cts.Token),
            Throws.InstanceOf<OperationCanceledException>().With.Message.Contain("torn down").And.Message.Not.Contain("NOT"), "the caller still sees the cancellation");
        Assert.Multiple(() =>
        {
            Assert.That(upCancelled, Is.False, "pulumi up is not cut when the drill is cancelled: cutting it mid-create leaves the copies outside the state, where destroy never sees them");
            Assert.That(world.Calls.SkipWhile(c => c != $"Up {DrillStack}").Skip(1), Is.EqualTo(new[] { $"Destroy {DrillStack}", $"Remove {DrillStack}" }),
                "no probes after the cancel; the finished deployment is destroyed and the stack removed");
            Assert.That(aws.Verbs, Has.None.EqualTo("get-resources"), "a deployment that ended left everything in the state: no leftover check");
        });
    }

    [Test]
    public async Task Drill_CancelledDuringADeploymentThatOutlivesTheRestoreBound_CutsIt_AndKeepsTheStackNamingWhatIsLeft()
    {
        var (world, clock, aws) = World();
        const string Leftover = "arn:aws:rds:us-west-2:123456789012:db:pilot-light-drill-20300101120000-ab12-context-store";
        aws.Tagged.Add((Leftover, $"Key=stack,Values={DrillStack}"));
        aws.Tagged.Add(("arn:aws:rds:us-west-2:123456789012:db:another-drill-context-store", "Key=stack,Values=another-drill"));
        using var cts = new CancellationTokenSource();
        world.OnUp = (_, ct) =>
        {
            cts.Cancel();
            // The restores run past their create timeout: the drill cuts the deployment then.
            clock.Advance(DrKit.Core.Platforms.Aws.DrillRestore.RestoreBound(
                DrKit.Core.Platforms.Aws.DrillRestore.For(DataTiers().Components, PilotLightProgram.Primary, PilotLightProgram.Recovery), DataTiers().Components) + TimeSpan.FromMinutes(1));
            ct.ThrowIfCancellationRequested();
        };

        Assert.That(async () => await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), cts.Token),
            Throws.InstanceOf<OperationCanceledException>().With.Message.Contain("NOT torn down").And.Message.Contain(Leftover).And.Message.Not.Contain("another-drill"),
            "the operator learns the stack was kept and what is left of it, and only of it");
        Assert.Multiple(() =>
        {
            Assert.That(aws.Calls.Single(c => c.Count > 1 && c[1] == "get-resources"), Does.Contain($"Key=stack,Values={DrillStack}").And.Contain("us-west-2"),
                "after the destroy, the drill region is asked what still carries the drill stack's tag");
            Assert.That(world.Calls, Does.Contain($"Destroy {DrillStack}").And.Not.Contain($"Remove {DrillStack}"),
                "what destroy could not see keeps the stack, so teardown can find it again");
        });
    }

    [Test]
    public async Task Drill_WhoseDeploymentFails_ChecksTheDrillRegion_AndKeepsTheStackNamingARestoreOutsideTheState()
    {
        var (world, clock, aws) = World();
        const string Leftover = "arn:aws:rds:us-west-2:123456789012:db:pilot-light-drill-20300101120000-ab12-context-store";
        aws.Tagged.Add((Leftover, $"Key=stack,Values={DrillStack}"));
        // The RDS create timeout: the provider records the instance only once it is available, so it is not in the state.
        world.OnUp = (stack, _) => throw new StackCommandFailedException($"pulumi failed for stack {stack}: timeout while waiting for state to become 'available'");

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(aws.Calls.Single(c => c.Count > 1 && c[1] == "get-resources"), Does.Contain($"Key=stack,Values={DrillStack}").And.Contain("us-west-2"),
                "a failed deployment may have started a restore destroy cannot see: the drill region is asked");
            Assert.That(world.Calls, Does.Contain($"Destroy {DrillStack}").And.Not.Contain($"Remove {DrillStack}"), "what is left keeps the stack");
            Assert.That(result.Drill!.TornDown, Is.False, "not reported as torn down while a restored instance bills");
            Assert.That(result.Drill.Summary, Does.Contain(Leftover).And.Contain($"drkit teardown {DrillStack}"), "the report names what is left and what finishes the cleanup");
        });
    }

    [Test]
    public async Task Drill_CutAfterTheCancelWait_CancelsTheUpdateBeforeDestroy_AndNamesLeftoversEvenWhenDestroyFails()
    {
        var (world, clock, aws) = World();
        const string Leftover = "arn:aws:rds:us-west-2:123456789012:db:pilot-light-drill-20300101120000-ab12-context-store";
        aws.Tagged.Add((Leftover, $"Key=stack,Values={DrillStack}"));
        using var cts = new CancellationTokenSource();
        world.OnUp = (_, ct) =>
        {
            cts.Cancel();
            clock.Advance(TimeSpan.FromMinutes(11));
            ct.ThrowIfCancellationRequested();
        };
        var unlockedBeforeDestroy = false;
        world.OnDestroy = (stack, _) =>
        {
            unlockedBeforeDestroy = world.Calls.Contains($"CancelUpdate {stack}");
            throw new StackCommandFailedException($"[409] Conflict: Another update is currently in progress on {stack}");
        };

        Assert.That(async () => await Program(world, clock, aws).RunAsync(DataTiers(), Settings() with { CancelWait = TimeSpan.FromMinutes(10) }, cts.Token),
            Throws.InstanceOf<OperationCanceledException>().With.Message.Contain("NOT torn down").And.Message.Contain(Leftover),
            "the leftovers are named although destroy failed");
        Assert.Multiple(() =>
        {
            Assert.That(unlockedBeforeDestroy, Is.True, "the cut update is cancelled ('pulumi cancel') before destroy, which would otherwise meet the lock");
            Assert.That(world.TeardownTokens, Has.Count.EqualTo(1), "destroy was still attempted after the unlock");
            Assert.That(aws.Verbs, Does.Contain("get-resources"), "the leftover check runs whatever destroy did");
            Assert.That(world.Calls, Does.Not.Contain($"Remove {DrillStack}"), "the stack is kept");
        });
    }

    [Test]
    public async Task Drill_AtASecondInterrupt_StopsWaiting_CutsAndUnlocks_SkipsDestroy_AndHandsOffToTeardown()
    {
        var (world, clock, aws) = World();
        using var cts = new CancellationTokenSource();
        using var stop = new CancellationTokenSource();
        var cutAtOnce = false;
        world.OnUp = (_, ct) =>
        {
            cts.Cancel();
            cutAtOnce = ct.IsCancellationRequested;
            stop.Cancel();
            cutAtOnce = !cutAtOnce && ct.IsCancellationRequested;
            ct.ThrowIfCancellationRequested();
        };

        Assert.That(async () => await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), cts.Token, stop.Token),
            Throws.InstanceOf<OperationCanceledException>().With.Message.Contain("NOT torn down"), "the operator learns the stack was kept");
        Assert.Multiple(() =>
        {
            Assert.That(cutAtOnce, Is.True, "the first interrupt lets the deployment run; the second cuts it at once, with no clock advanced");
            Assert.That(world.Calls.SkipWhile(c => c != $"Up {DrillStack}").Skip(1), Is.EqualTo(new[] { $"CancelUpdate {DrillStack}" }),
                "unlocked for 'drkit teardown', no destroy waited for, no remove");
            Assert.That(aws.Verbs, Does.Contain("get-resources"), "what is there is still named");
        });
        var history = File.ReadAllText(Path.Combine(_dir, "history.jsonl"));
        Assert.That(history, Does.Contain($"drkit teardown {DrillStack}"), "the record says which command finishes the cleanup");
    }

    [Test]
    public async Task Drill_OfASourceWithoutItsCacheKeyOutput_ReportsTheCacheAGapToRedeploy_InsteadOfFailing()
    {
        var (world, clock, aws) = World(restoreKey: false);

        var result = await Program(world, clock, aws).RunAsync(DataTiers(), Settings(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Failed), result.Drill!.Summary);
            Assert.That(result.Drill!.Gaps.Single(g => g.Tier == "session-cache").Reason, Does.Contain("session-cache.restoreKey").And.Contain("deploy pilot-light"),
                "the tier is a named gap with what to do about it");
            Assert.That(world.ConfigValue(DrillStack, "drkit-ops:source.session-cache.snapshotName"), Is.Empty,
                "no snapshot is set, so the drill stack declares no copy it could not encrypt");
            Assert.That(world.Calls, Does.Contain($"Remove {DrillStack}"), "torn down as usual");
        });
    }

    [Test]
    public void CancelWait_IsTheRestoreBound_CappedByTheSetting()
    {
        var topology = DataTiers();
        var restore = DrKit.Core.Platforms.Aws.DrillRestore.RestoreBound(DrKit.Core.Platforms.Aws.DrillRestore.For(topology.Components, PilotLightProgram.Primary, PilotLightProgram.Recovery), topology.Components);

        Assert.Multiple(() =>
        {
            Assert.That(DrillProgram.CancelWait(topology, Settings()), Is.EqualTo(restore), "by default a cancel waits as long as the restores may run");
            Assert.That(DrillProgram.CancelWait(topology, Settings() with { CancelWait = TimeSpan.FromHours(1) }), Is.EqualTo(TimeSpan.FromHours(1)), "--cancel-wait caps it");
            Assert.That(DrillProgram.CancelWait(topology, Settings() with { CancelWait = restore * 2 }), Is.EqualTo(restore), "a cap above the bound changes nothing");
        });
    }

    [Test]
    public void Plan_TeardownBound_CoversARestoreStillRunning()
    {
        var steps = DrillProgram.Plan(DataTiers(), Settings(), DrillStack, new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var topology = DataTiers();
        var restore = DrKit.Core.Platforms.Aws.DrillRestore.RestoreBound(DrKit.Core.Platforms.Aws.DrillRestore.For(topology.Components, PilotLightProgram.Primary, PilotLightProgram.Recovery), topology.Components);

        Assert.That(steps.Single(s => s.Name == "Destroy").Calls, Does.Contain($"{FailoverProgram.Text(restore + TimeSpan.FromMinutes(45))} bound"),
            "RDS deletes an instance only once its restore left 'creating', so teardown waits up to the restore bound plus the 45 min of deletions");
        Assert.That(restore, Is.GreaterThan(TimeSpan.FromMinutes(45)), "the restore bound is what a fixed 45 min teardown missed");
    }

    [Test]
    public async Task Drill_HistoryLine_IsReadByTheLocalDrillHistoryAndTheDrillAgePolicy()
    {
        var (world, clock, _) = World();
        await Program(world, clock).RunAsync(DataTiers(), Settings(), CancellationToken.None);
        var path = Path.Combine(_dir, "history.jsonl");

        var local = await new DrKit.Drills.Reports.DrillHistory(path).ReadAsync(CancellationToken.None);
        var policy = DrKit.Policies.Plan.DrillHistory.Read(path);

        Assert.That(local.Single().Spec.StackName, Is.EqualTo("pilot-light"), "the local drill history reader understands cloud drill lines");
        Assert.That(policy.Records.Single(), Is.EqualTo(new DrKit.Policies.Plan.DrillRecord("pilot-light", clock.GetUtcNow(), true)),
            "the drill-age policy sees a successful drill of the stack finishing now");
    }

    [Test]
    public void NewStackName_FollowsTheDrillNamingPattern()
    {
        var name = DrillProgram.NewStackName("pilot-light", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.That(name, Does.Match(new Regex("^pilot-light-drill-20300102030405-[0-9a-f]{4}$")), "<stack>-drill-<utc yyyyMMddHHmmss>-<4 hex>");
    }

    /// <summary>Bucket name of a read-in-place component in a region, as the source stack exports it.</summary>
    private static string BucketName(string component, string region) => $"pilot-light-{component}-{region}";

    /// <summary>The CloudWatch series (source|destination|rule) of a bucket component's replication into the drill region.</summary>
    private static string Series(OperationTopology topology, string component) =>
        $"{BucketName(component, PilotLightProgram.Primary)}|{BucketName(component, PilotLightProgram.Recovery)}|" +
        DrKit.Core.Platforms.Aws.DrillObjectives.DrillReplicationRule(DrKit.Core.Platforms.Aws.DrillObjectives.Bucket(topology.Components.Single(c => c.Name == component).Settings)!);

    /// <summary>The full pilot-light stack (buckets, vector index and images too), its replication healthy.</summary>
    private static (StackWorld World, ManualTimeProvider Clock, FakeAws Aws, OperationTopology Topology) FullPilotLight()
    {
        var (world, clock, aws) = World();
        var topology = BundledStacks.Topology("pilot-light");
        Replicating(aws, topology, clock.GetUtcNow());
        return (world, clock, aws, topology);
    }

    /// <summary>Every bucket of the topology replicating with up to 40 s latency and no failed operation in the last hour,
    /// and every repository's newest image complete in the drill region.</summary>
    private static void Replicating(FakeAws aws, OperationTopology topology, DateTimeOffset now)
    {
        foreach (var c in topology.Components.Where(c => DrKit.Core.Platforms.Aws.DrillObjectives.Bucket(c.Settings) is not null))
        {
            aws.Datapoints[$"ReplicationLatency:{Series(topology, c.Name)}"] = [(now.AddMinutes(-30), 40), (now.AddMinutes(-5), 12)];
            aws.Datapoints[$"OperationsFailedReplication:{Series(topology, c.Name)}"] = [(now.AddMinutes(-5), 0)];
        }

        foreach (var repository in new[] { "rag-api", "embedder", "reranker" })
        {
            aws.Images[$"rag-assistant/{repository}"] = ($"sha256:{repository}0123456789abcdef", now.AddHours(-3), "COMPLETE", null);
        }
    }

    /// <summary>pilot-light without its buckets, vector index and images, which a drill does not measure: the tiers it measures in full.</summary>
    private static OperationTopology DataTiers()
    {
        var full = BundledStacks.Topology("pilot-light");
        return full with { Components = [.. full.Components.Where(c => c.Settings is not (DrKit.Core.Planning.BucketSettings or DrKit.Core.Planning.VectorIndexSettings or DrKit.Core.Planning.RegistrySettings))] };
    }

    private DrillSettings Settings() => new()
    {
        DrillStack = DrillStack,
        SourceConfig = StackFileConfig.Read(BundledStacks.Path("pilot-light")),
        HistoryPath = Path.Combine(_dir, "history.jsonl"),
        ReportDirectory = Path.Combine(_dir, "reports"),
    };

    private const string CacheKeyArn = "arn:aws:kms:us-west-2:123456789012:key/0b1c2d3e-session-cache";

    private const string BackupsArn = "arn:aws:rds:us-west-2:123456789012:auto-backup:ab-context-store";

    private static DrillProgram Program(StackWorld world, ManualTimeProvider clock, FakeAws? aws = null)
    {
        aws ??= new FakeAws().WithRecoveryPoints(clock.GetUtcNow(), TimeSpan.FromSeconds(30)).WithRecoveryLag(clock.GetUtcNow(), 3);
        return new(world.Gateway.Object, aws.Switch(clock), new DrKit.Operations.Cloud.RecoveryPointReader(aws), aws.Lag(clock), clock);
    }

    /// <summary>The pilot-light source stack and a drill-stack program that, like the AWS stack, exports each tier's
    /// recovery point from the <c>drkit-ops:source.&lt;c&gt;.recoveryPoint</c> value the drill set.</summary>
    private static (StackWorld World, ManualTimeProvider Clock, FakeAws Aws) World(TimeSpan? recoveryPointAge = null, bool restoreKey = true)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var aws = new FakeAws().WithRecoveryPoints(clock.GetUtcNow(), recoveryPointAge ?? TimeSpan.FromSeconds(30)).WithRecoveryLag(clock.GetUtcNow(), 3);
        var world = new StackWorld()
            .WithStack("pilot-light", _ => new Dictionary<string, string>
            {
                ["postgresInstanceArns"] = "{\"context-store\":{\"us-east-1\":\"arn:aws:rds:db1\"}}",
                ["postgresMasterPasswords"] = "{\"context-store\":\"hunter2\"}",
                ["context-store.restoreSource"] = BackupsArn,
                ["session-cache.restoreSource"] = FakeAws.RecoveryGroup,
                // The key the cache is encrypted with in the drill region; a source deployed before it was exported has none.
                ["session-cache.restoreKey"] = restoreKey ? CacheKeyArn : string.Empty,
                // The replicated members whose CloudWatch lag is the replication-path RPO at drill start.
                ["postgresInstanceIdentifiers"] = $"{{\"context-store\":{{\"{PilotLightProgram.Recovery}\":\"{FakeAws.RecoveryInstance}\"}}}}",
                ["redisReplicationGroupIds"] = $"{{\"session-cache\":{{\"{PilotLightProgram.Recovery}\":\"{FakeAws.RecoveryGroup}\"}}}}",
                // The buckets and repositories whose replication a drill of the full stack reads.
                ["bucketNames"] = "{" + string.Join(",", new[] { "vector-index", "model-artifacts", "features-offline" }.Select(c =>
                    $"\"{c}\":{{\"{PilotLightProgram.Primary}\":\"{BucketName(c, PilotLightProgram.Primary)}\",\"{PilotLightProgram.Recovery}\":\"{BucketName(c, PilotLightProgram.Recovery)}\"}}")) + "}",
                ["ecrRepositoryUrls"] = $"{{\"images\":{{\"{PilotLightProgram.Primary}\":{{" +
                    string.Join(",", new[] { "rag-api", "embedder", "reranker" }.Select(r => $"\"{r}\":\"123456789012.dkr.ecr.{PilotLightProgram.Primary}.amazonaws.com/rag-assistant/{r}\"")) + "}}}",
            })
            .WithSecretOutput("postgresMasterPasswords")
            .WithProgramFor("pilot-light-drill-", c =>
            {
                var outputs = PilotLightProgram.Outputs(c);
                foreach (var tier in PilotLightProgram.DataTiers)
                {
                    outputs.Remove($"{tier}.recoveryPoint");
                    // Like the AWS stack: an empty point (this run's read failed) exports nothing.
                    if (c.GetValueOrDefault($"drkit-ops:source.{tier}.recoveryPoint") is { Length: > 0 } point)
                    {
                        outputs[$"{tier}.recoveryPoint"] = point;
                    }
                }

                // The ids of the restored copies, which the probes describe at RDS and ElastiCache.
                outputs["context-store.restoredId"] = FakeAws.RestoredInstance;
                outputs["session-cache.restoredId"] = FakeAws.RestoredGroup;
                outputs.Remove($"endpoint.{PilotLightProgram.Recovery}");

                return outputs;
            });
        world.OnUp = (_, _) => clock.Advance(TimeSpan.FromMinutes(5));
        return (world, clock, aws);
    }
}
