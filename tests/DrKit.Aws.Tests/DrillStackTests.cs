namespace DrKit.Aws.Tests;

/// <summary>A drill stack recovers the source's data in the drill region and exports each tier's recovery point.</summary>
public sealed class DrillStackTests
{
    [Test]
    public async Task Postgres_IsRestoredToThePointReadFromTheReplicatedBackups_InTheDrillRegion()
    {
        var run = await CoexistenceTests.DrillAsync();
        var instance = MechanismResourcesTests.Only(run.OfType(Types.DbInstance), "one RDS instance: the restored copy");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(instance), Is.EqualTo("us-west-2"), "restored in the drill region, with its provider");
            Assert.That(StackRun.At(instance.Inputs, "restoreToPointInTime", "sourceDbInstanceAutomatedBackupsArn"), Is.EqualTo(CoexistenceTests.BackupsArn), "from the automated backups the source replicated there");
            Assert.That(StackRun.At(instance.Inputs, "restoreToPointInTime", "restoreTime"), Is.EqualTo(CoexistenceTests.RecoveryPoint), "to exactly the recovery point the drill read");
            Assert.That(instance.Inputs.ContainsKey("replicateSourceDb"), Is.False, "not a replica of production");
            Assert.That(instance.Inputs["identifier"], Is.EqualTo($"{CoexistenceTests.DrillStack}-context-store"), "named by the drill stack, which carries its start time");
            Assert.That(instance.Inputs["skipFinalSnapshot"], Is.EqualTo(true), "a throw-away copy leaves no snapshot behind");
            Assert.That(run.OfType(Types.BackupReplication), Is.Empty, "the drill does not replicate anything itself");
        });
    }

    [Test]
    public async Task Redis_IsSeededFromTheSourcesNewestSnapshot_InTheDrillRegion()
    {
        var run = await CoexistenceTests.DrillAsync();
        var group = MechanismResourcesTests.Only(run.OfType(Types.ReplicationGroup), "one replication group: the restored copy");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(group), Is.EqualTo("us-west-2"), "in the drill region");
            Assert.That(group.Inputs["snapshotName"], Is.EqualTo(CoexistenceTests.Snapshot), "seeded from the snapshot the drill found");
            Assert.That(group.Inputs.ContainsKey("globalReplicationGroupId"), Is.False, "joined to no Global Datastore");
        });
    }

    [Test]
    public async Task Redis_WithoutASnapshotTheDrillFound_IsNotDeclared_SoNoEmptyCacheIsTimed()
    {
        var run = await StackRun.OfAsync("pilot-light", CoexistenceTests.DrillStack,
            ("drill.mode", "restore"),
            ("drill.sourceStack", "pilot-light"),
            ("drill.region", "us-west-2"),
            ("ephemeral", "true"),
            ("source.context-store.restoreSource", CoexistenceTests.BackupsArn),
            ("source.context-store.recoveryPoint", CoexistenceTests.RecoveryPoint),
            ("source.session-cache.restoreSource", "session-cache-us-west-2"));
        var texts = await run.TextsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.ReplicationGroup), Is.Empty, "an empty cache restores nothing: it is not created");
            Assert.That(run.OfType(Types.KmsKey), Is.Empty, "nor its key");
            Assert.That(texts.Keys, Has.None.StartWith("session-cache.restored"), "no restored copy is claimed for the probes");
            Assert.That(run.OfType(Types.DbInstance), Has.Exactly(1).Items, "the database is still restored");
        });
    }

    [Test]
    public async Task EachRestoredTier_ExportsItsRecoveryPointEndpointAndSource()
    {
        var texts = await (await CoexistenceTests.DrillAsync()).TextsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(texts["context-store.recoveryPoint"], Is.EqualTo(CoexistenceTests.RecoveryPoint), "the recovery point drills measure RPO against");
            Assert.That(texts["session-cache.recoveryPoint"], Is.EqualTo(CoexistenceTests.RecoveryPoint), "for Redis too");
            Assert.That(texts["context-store.recoveryEndpoint"], Does.Contain("us-west-2"), "the restored instance's endpoint, which the probe waits for");
            Assert.That(texts["context-store.recoveryRole"], Is.EqualTo("primary"), "a restored copy takes writes");
            Assert.That(texts["context-store.restoredFrom"], Does.Contain(CoexistenceTests.BackupsArn), "where the data came from");
            Assert.That(texts["registryReplication"], Is.Empty, "a drill stack needs no registry replication");
        });
    }

    [Test]
    public async Task SourceStack_ExportsWhatADrillRestoresFrom()
    {
        var texts = await (await StackRun.OfAsync("pilot-light")).TextsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(texts["context-store.restoreSource"], Does.StartWith("arn:aws:rds:us-west-2:").And.Contain(":auto-backup:"), "the ARN of the backups replicated to the recovery region");
            Assert.That(texts["session-cache.restoreSource"], Is.EqualTo("session-cache-us-west-2"), "the recovery-region replication group whose snapshots a drill reads");
            Assert.That(texts["model-artifacts.restoreSource"], Is.EqualTo("model-artifacts-us-west-2-bucket"), "the replica bucket a drill reads in place");
        });
    }

    [Test]
    public async Task PrimaryInstance_FinalSnapshotCarriesTheStack_AndClusteredSecondaryKeepsItsReplicas()
    {
        var pilot = await StackRun.OfAsync("pilot-light");
        var active = await StackRun.OfAsync("active-active");
        var secondary = active.Named(Types.ReplicationGroup, "session-cache-us-west-2").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(pilot.Named(Types.DbInstance, "context-store-primary").Inputs["finalSnapshotIdentifier"], Does.Match("^pilot-light-context-store-final-[0-9a-f]{6}$"),
                "a second stack's destroy cannot fail with DBSnapshotAlreadyExists");
            Assert.That(MechanismResourcesTests.Num(secondary, "replicasPerNodeGroup"), Is.EqualTo(1), "a clustered Global Datastore secondary sets its replicas per shard");
            Assert.That(secondary.ContainsKey("numNodeGroups"), Is.False, "the shard count comes from the global group");
            Assert.That(active.Named(Types.ReplicationGroup, "session-cache-us-east-1").Inputs["parameterGroupName"], Is.EqualTo("default.redis7.cluster.on"), "the engine's real default cluster group");
        });
    }

    [Test]
    public async Task FinalSnapshot_OfTheSameStackRecreated_IsANewId_DrawnWithTheInstancesKey()
    {
        var first = await StackRun.OfAsync("pilot-light");
        // The same stack deployed afresh (an unfenced primary, as by default: a separate cached run).
        var second = await StackRun.OfAsync("pilot-light", ("fence.context-store", "false"));
        var suffix = first.Named("random:index/randomId:RandomId", "context-store-primary-final-snapshot");

        Assert.Multiple(() =>
        {
            Assert.That(second.Named(Types.DbInstance, "context-store-primary").Inputs["finalSnapshotIdentifier"],
                Is.Not.EqualTo(first.Named(Types.DbInstance, "context-store-primary").Inputs["finalSnapshotIdentifier"]),
                "the snapshot of the first lifetime survives its destroy: the next lifetime's delete must not need the same id");
            Assert.That(StackRun.At(suffix.Inputs, "keepers", "kmsKeyId"), Does.StartWith("arn:aws:kms:us-east-1:"),
                "a new key replaces the instance, so it also draws a new suffix");
            Assert.That(MechanismResourcesTests.Num(suffix.Inputs, "byteLength"), Is.EqualTo(3), "6 hex digits");
        });
    }

    [Test]
    public async Task FinalSnapshot_Suffix_IsRedrawnByEveryDeclaredInputThatReplacesTheInstance()
    {
        var pilot = await StackRun.OfAsync("pilot-light");
        var suffix = pilot.Named("random:index/randomId:RandomId", "context-store-primary-final-snapshot");
        var keepers = (System.Collections.Immutable.ImmutableDictionary<string, object>)suffix.Inputs["keepers"];

        Assert.That(keepers.Keys, Is.SupersetOf(new[] { "kmsKeyId", "engine", "username", "storageEncrypted" }),
            "a replacement caused by any ForceNew input DrKit declares (not only the key) draws a new suffix, so its delete never meets the last lifetime's snapshot");
    }

    [Test]
    public async Task RestoredPostgres_RunsTheSourcesDeclaredParameters_NotTheEnginesDefaultGroup()
    {
        var run = await CoexistenceTests.DrillAsync();
        var instance = MechanismResourcesTests.Only(run.OfType(Types.DbInstance), "the restored copy");
        var group = MechanismResourcesTests.Only(run.OfType(Types.ParameterGroup), "one parameter group: the copy's");
        var parameters = StackRun.Items(group.Inputs["parameters"]).Select(p => (string)StackRun.At(p, "name")!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(instance.Inputs.GetValueOrDefault("parameterGroupName"), Is.EqualTo(group.Name), "the restore names the drill's group (the mock names a group by its resource name)");
            Assert.That(RecordingMocks.RegionOf(group), Is.EqualTo("us-west-2"), "declared in the drill region");
            Assert.That(group.Inputs["family"], Does.StartWith("postgres"), "the source's engine family");
            Assert.That(parameters, Does.Contain("archive_timeout"), "the plan's WAL settings, as the source runs them");
            Assert.That(parameters, Has.None.EqualTo(DrKit.Core.Operations.DataTierState.FenceParameter), "never the fence: the copy takes writes");
        });
    }

    [Test]
    public async Task RestoredRedis_UsesTheSourcesKeyInTheDrillRegion_AndDeclaresNoKeyOfItsOwn()
    {
        var run = await CoexistenceTests.DrillAsync();
        var group = MechanismResourcesTests.Only(run.OfType(Types.ReplicationGroup), "the restored copy");

        Assert.Multiple(() =>
        {
            Assert.That(group.Inputs["kmsKeyId"], Is.EqualTo(CoexistenceTests.SourceCacheKey), "encrypted with the key the source's snapshot already uses there");
            Assert.That(run.OfType(Types.KmsKey), Is.Empty, "no key per drill, so none is left pending deletion for 7 days after it");
        });
    }

    [Test]
    public async Task SourceStack_ExportsItsCacheKeyInTheDrillRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var texts = await run.TextsAsync();
        var key = run.Named(Types.KmsKey, "session-cache-us-west-2-key");

        Assert.That(texts["session-cache.restoreKey"], Does.StartWith("arn:aws:kms:us-west-2:"), $"the recovery-region key ({key.Name}) a drill's restored cache uses");
    }

    [Test]
    public async Task RestoredCopies_CarryTheRestoreCreateTimeout()
    {
        var plan = Core.Planning.Planner.PlanFile(StackConfig.StackFile("pilot-light"));
        TimeoutRecorder.Seen.Clear();
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", StackConfig.PulumiConfigJson("pilot-light", CoexistenceTests.DrillOps));
        try
        {
            await Pulumi.Deployment.TestAsync<TimeoutRecorder>(new RecordingMocks(), new Pulumi.Testing.TestOptions { ProjectName = "drkit", StackName = CoexistenceTests.DrillStack, IsPreview = false });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }

        var instance = TimeoutRecorder.Seen.Single(s => s.Type == Types.DbInstance);
        var group = TimeoutRecorder.Seen.Single(s => s.Type == Types.ReplicationGroup);
        Assert.Multiple(() =>
        {
            Assert.That(instance.Create, Is.EqualTo(Core.Platforms.Aws.DrillRestore.RestoreTimeout(plan.Components.Single(c => c.Name == "context-store"))),
                "the point-in-time restore may outlast the provider's 40-minute default");
            Assert.That(group.Create, Is.EqualTo(Core.Platforms.Aws.DrillRestore.RestoreTimeout(plan.Components.Single(c => c.Name == "session-cache"))),
                "so may the snapshot restore the 60-minute default");
            Assert.That(instance.Create, Is.GreaterThanOrEqualTo(Core.Platforms.Aws.DrillRestore.MinimumRestoreTimeout), "at least 2 h");
        });
    }

    /// <summary>A stack that declares the program and records each resource's create timeout as its options carry it.</summary>
    private sealed class TimeoutRecorder : Pulumi.Stack
    {
        public static readonly System.Collections.Concurrent.ConcurrentBag<(string Type, string Name, TimeSpan? Create)> Seen = [];

        public TimeoutRecorder()
            : base(new Pulumi.StackOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        Seen.Add((args.Resource.GetResourceType(), args.Resource.GetResourceName(), args.Options.CustomTimeouts?.Create));
                        return null;
                    },
                },
            })
        {
            _ = DrProgram.Declare();
        }
    }
}
