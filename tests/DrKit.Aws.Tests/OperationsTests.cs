using System.Collections;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Aws.Tests;

/// <summary>The pilot-light stack under the drkit-ops keys failover, failback and drills set.</summary>
public sealed class OperationsTests
{
    private const string Replica = "context-store-replica-us-west-2";
    private const string PrimaryParameters = "context-store-params-us-east-1";

    /// <summary>aws_db_instance arguments that force a new instance when they change.</summary>
    private static readonly string[] ReplacementForcing =
    [
        "identifier", "identifierPrefix", "kmsKeyId", "storageEncrypted", "engine", "username", "dbName", "availabilityZone",
        "characterSetName", "ncharCharacterSetName", "timezone", "snapshotIdentifier", "customIamInstanceProfile", "dbSubnetGroupName",
    ];

    [Test]
    public async Task NoOperationKeys_ExportTheNormalState()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var o = await run.TextsAsync();
        var replica = run.Named(Types.DbInstance, Replica).Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(replica.ContainsKey("replicateSourceDb"), Is.True, "the recovery instance is a read replica");
            Assert.That(o.GetValueOrDefault("context-store.recoveryRole"), Is.EqualTo("replica"), "recoveryRole");
            Assert.That(o.GetValueOrDefault("context-store.fenced"), Is.EqualTo("false"), "not fenced");
            Assert.That(o.GetValueOrDefault("context-store.writerRegion"), Is.EqualTo("us-east-1"), "writer in the primary region");
            Assert.That(o.GetValueOrDefault("context-store.primaryEndpoint"), Does.EndWith(".us-east-1.rds.amazonaws.com:5432"), "host:port of the primary");
            Assert.That(o.GetValueOrDefault("context-store.recoveryEndpoint"), Does.EndWith(".us-west-2.rds.amazonaws.com:5432"), "host:port of the replica");
            Assert.That(o.GetValueOrDefault("session-cache.recoveryEndpoint"), Does.EndWith(".us-west-2.cache.amazonaws.com:6379"), "host:port of the Redis secondary");
            Assert.That(o.GetValueOrDefault("session-cache.writerRegion"), Is.EqualTo("us-east-1"), "Redis writer in the primary region");
            Assert.That(o.GetValueOrDefault("traffic.activeRegion"), Is.EqualTo("us-east-1"), "traffic on the primary region");
            Assert.That(o.GetValueOrDefault("traffic.percent"), Is.EqualTo("100"), "all of it");
            Assert.That(o.GetValueOrDefault("recovery.running"), Is.EqualTo("0"), "pilot light runs nothing in recovery");
            Assert.That(o.GetValueOrDefault("recovery.available"), Is.EqualTo("2"), "two reserved GPUs could run");
            Assert.That(o.GetValueOrDefault("endpoint.us-west-2"), Is.EqualTo("https://api.usw2.assistant.example.com/healthz"), "health-check URL");
            Assert.That(o.GetValueOrDefault("context-store.replicaLagSeconds"), Is.Null, "lag is unknown to a deployment and therefore omitted");
        });
    }

    [Test]
    public async Task Promote_DropsTheReplicationSourceAndReportsPrimary()
    {
        var normal = (await StackRun.OfAsync("pilot-light")).Named(Types.DbInstance, Replica).Inputs;
        var run = await StackRun.OfAsync("pilot-light", ("promote.context-store", "true"));
        var o = await run.TextsAsync();
        var promoted = run.Named(Types.DbInstance, Replica).Inputs;
        Assert.Multiple(() =>
        {
            // Dropping the source would make the provider call PromoteReadReplica on an instance operations already
            // promoted (RDS refuses); the source stays declared and is ignored on update (ReplicaOptions).
            Assert.That(promoted.GetValueOrDefault("replicateSourceDb"), Is.EqualTo(normal.GetValueOrDefault("replicateSourceDb")),
                "the promoted writer keeps the source the state holds, so the provider sees no change and promotes nothing");
            Assert.That(o.GetValueOrDefault("context-store.recoveryRole"), Is.EqualTo("primary"), "recoveryRole read back by operations");
            Assert.That(o.GetValueOrDefault("context-store.writerRegion"), Is.EqualTo("us-west-2"), "the writer moved");
            // Replacement-forcing properties (ForceNew in the provider's aws_db_instance schema) must not change, or the
            // next up would recreate the promoted writer empty.
            foreach (var key in ReplacementForcing)
            {
                Assert.That(promoted.GetValueOrDefault(key), Is.EqualTo(normal.GetValueOrDefault(key)), $"{key} stays as it was");
            }

            Assert.That(promoted["instanceClass"], Is.EqualTo("db.r6g.large"), "the pilot-light replica is declared at the production class");
            Assert.That(promoted["applyImmediately"], Is.True, "the resize applies now, not in the next maintenance window");

            Assert.That(MechanismResourcesTests.Num(promoted, "backupRetentionPeriod"), Is.GreaterThan(0), "the new writer keeps backups");
            Assert.That(promoted["skipFinalSnapshot"], Is.False, "the new writer holds the data: snapshot on delete");
        });
    }

    [Test]
    public void ReplicaOptions_IgnoreTheSourceOnlyOncePromoted()
    {
        var promoted = Data.RdsTopology.ReplicaOptions(new CustomResourceOptions(), promoted: true);
        var replica = Data.RdsTopology.ReplicaOptions(new CustomResourceOptions(), promoted: false);
        Assert.Multiple(() =>
        {
            Assert.That(promoted.IgnoreChanges, Is.EquivalentTo(new[] { "replicateSourceDb" }),
                "any change of replicate_source_db makes the provider promote again or fail (cannot elect new source)");
            Assert.That(replica.IgnoreChanges, Is.Empty, "a replica's source is managed as declared");
        });
    }

    [Test]
    public async Task PromotionWithUnconfirmedFence_DeclaresThePrimaryWithOnlyTheFenceGroup()
    {
        var run = await StackRun.OfAsync("pilot-light", ("promote.context-store", "true"));
        var primary = run.Named(Types.DbInstance, "context-store-primary").Inputs;
        Assert.That(StackRun.At(primary, "vpcSecurityGroupIds", "0"), Is.EqualTo("context-store-fence-us-east-1-id"),
            "the next up must not reopen the old primary to clients while the replica is the writer");
    }

    [Test]
    public async Task Fence_MakesThePrimaryParameterGroupReadOnly()
    {
        var run = await StackRun.OfAsync("pilot-light", ("fence.context-store", "true"));
        var o = await run.TextsAsync();
        var primary = Parameters(run.Named(Types.ParameterGroup, PrimaryParameters).Inputs);
        var recovery = Parameters(run.Named(Types.ParameterGroup, "context-store-params-us-west-2").Inputs);
        var open = Parameters((await StackRun.OfAsync("pilot-light")).Named(Types.ParameterGroup, PrimaryParameters).Inputs);
        Assert.Multiple(() =>
        {
            Assert.That(primary.GetValueOrDefault("default_transaction_read_only"), Is.EqualTo("on"), "the fenced primary refuses writes");
            Assert.That(recovery, Does.Not.ContainKey("default_transaction_read_only"), "the recovery region must stay writable after promotion");
            Assert.That(open.GetValueOrDefault("default_transaction_read_only"), Is.EqualTo("off"), "unfenced primary takes writes");
            Assert.That(o.GetValueOrDefault("context-store.fenced"), Is.EqualTo("true"), "fenced read back by operations");
        });
    }

    [Test]
    public async Task RecoveryFenceGroup_IsDeclaredInTheReplicasRegionAndExportedForFailback()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var fence = run.Named(Types.SecurityGroup, "context-store-fence-us-west-2");
        var exported = StackRun.Map(await StackRun.Value(run.Stack.PostgresRecoveryFenceSecurityGroupIds), "context-store");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(fence), Is.EqualTo("us-west-2"), "a security group fences only instances of its own region's VPC");
            Assert.That(StackRun.Items(fence.Inputs.GetValueOrDefault("ingress")), Is.Empty, "no ingress: the fenced writer takes no new sessions");
            Assert.That(exported.Keys, Is.EquivalentTo(new[] { "us-west-2" }), "failback reads the recovery writer's fence group from this output");
        });
    }

    [Test]
    public async Task WriterParameterGroup_IsDeclaredUnfencedInThePrimaryRegionAndExportedForFailback()
    {
        var run = await StackRun.OfAsync("pilot-light", ("fence.context-store", "true"));
        var writer = run.Named(Types.ParameterGroup, "context-store-writer-params-us-east-1");
        var parameters = Parameters(writer.Inputs);
        var primary = Parameters(run.Named(Types.ParameterGroup, PrimaryParameters).Inputs);
        var exported = StackRun.Map(await StackRun.Value(run.Stack.PostgresWriterParameterGroups), "context-store");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(writer), Is.EqualTo("us-east-1"), "the re-seed it is for lives in the primary region");
            Assert.That(parameters.GetValueOrDefault("default_transaction_read_only"), Is.EqualTo("off"),
                "a writer group, even while the old primary's own group carries the fence");
            Assert.That(parameters.Where(p => p.Key != "default_transaction_read_only"), Is.EquivalentTo(primary.Where(p => p.Key != "default_transaction_read_only")),
                "otherwise the stack's own settings, as the primary's group has them");
            Assert.That(writer.Inputs["family"], Is.EqualTo(run.Named(Types.ParameterGroup, PrimaryParameters).Inputs["family"]), "the same engine family");
            Assert.That(exported.Keys, Is.EquivalentTo(new[] { "us-east-1" }), "failback reads the group from this output");
        });
    }

    [Test]
    public async Task RecoveryClientGroups_AreExportedAsTheReplicaIsDeclared()
    {
        var run = await StackRun.OfAsync("rds-network");
        var replica = run.Named(Types.DbInstance, "ledger-replica-us-west-2").Inputs;
        var exported = StackRun.Map(await StackRun.Value(run.Stack.PostgresRecoveryClientSecurityGroupIds), "ledger");
        Assert.Multiple(() =>
        {
            Assert.That(exported.GetValueOrDefault("us-west-2"), Is.EqualTo("sg-0ledgerapp0usw2 sg-0ledgerops0usw2"),
                "a failback's rollback gives the recovery writer back these groups, also in a run that never read them before the fence");
            Assert.That(StackRun.Items(replica["vpcSecurityGroupIds"]), Is.EqualTo(new[] { "sg-0ledgerapp0usw2", "sg-0ledgerops0usw2" }),
                "the same groups the replica is declared with, so the unfence and the next deployment agree");
        });
    }

    [Test]
    public async Task FullTrafficOnRecovery_PutsAllWeightOnItsRecord()
    {
        var run = await StackRun.OfAsync("pilot-light", ("traffic.activeRegion", "us-west-2"), ("traffic.percent", "100"));
        var o = await run.TextsAsync();
        var weights = run.OfType(Types.Record).ToDictionary(r => (string)r.Inputs["setIdentifier"], r => MechanismResourcesTests.NumAt(r.Inputs, "weightedRoutingPolicies", "0", "weight"));
        Assert.Multiple(() =>
        {
            Assert.That(weights, Is.EquivalentTo(new Dictionary<string, double> { ["us-west-2"] = 100, ["us-east-1"] = 0 }), "weights moved, roles untouched");
            Assert.That(o.GetValueOrDefault("traffic.activeRegion"), Is.EqualTo("us-west-2"), "read back");
            Assert.That(o.GetValueOrDefault("traffic.percent"), Is.EqualTo("100"), "read back");
        });
    }

    [Test]
    public async Task HalfTraffic_IsWeightedFiftyFifty()
    {
        var run = await StackRun.OfAsync("pilot-light", ("traffic.activeRegion", "us-east-1"), ("traffic.percent", "50"));
        var records = run.OfType(Types.Record).ToList();
        var weights = records.ToDictionary(r => (string)r.Inputs["setIdentifier"], r => Convert.ToDouble(StackRun.At(r.Inputs, "weightedRoutingPolicies", "0", "weight"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            Assert.That(weights, Is.EquivalentTo(new Dictionary<string, double> { ["us-east-1"] = 50, ["us-west-2"] = 50 }), "weighted 50/50");
            Assert.That(records.Select(r => StackRun.Items(r.Inputs.GetValueOrDefault("failoverRoutingPolicies")).Count), Is.All.EqualTo(0), "no failover policy alongside weights");
            Assert.That(records.Select(r => r.Inputs["healthCheckId"]), Is.EquivalentTo(new[] { "hc-traffic-gate-us-east-1", "hc-traffic-gate-us-west-2" }), "each record keeps its region's health check");
        });
    }

    [Test]
    public async Task RedisWriterRegion_IsRecordedWithoutTouchingTheGlobalDatastore()
    {
        var normal = (await StackRun.OfAsync("pilot-light")).OfType(Types.GlobalReplicationGroup).Single().Inputs;
        var run = await StackRun.OfAsync("pilot-light", ("writerRegion.session-cache", "us-west-2"));
        var o = await run.TextsAsync();
        var global = run.OfType(Types.GlobalReplicationGroup).Single().Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(o.GetValueOrDefault("session-cache.writerRegion"), Is.EqualTo("us-west-2"), "operations switched it with the AWS CLI");
            Assert.That(o.GetValueOrDefault("session-cache.recoveryRole"), Is.EqualTo("primary"), "the secondary region holds the writer");
            Assert.That(global["primaryReplicationGroupId"], Is.EqualTo(normal["primaryReplicationGroupId"]), "the stack never changes the global group's primary");
        });
    }

    [Test]
    public async Task RecoveryRunning_IsTheGpuCountToRunInTheRecoveryRegion()
    {
        var run = await StackRun.OfAsync("pilot-light", ("recovery.running", "2"));
        var o = await run.TextsAsync();
        var desired = await StackRun.Value(run.Stack.GpuDesiredRunning);
        Assert.Multiple(() =>
        {
            Assert.That(desired["gpu"]["us-west-2"], Is.EqualTo(2), "the serving group is told to run two");
            Assert.That(o.GetValueOrDefault("recovery.running"), Is.EqualTo("2"), "read back by the scale poll");
        });
    }

    [Test]
    public void BadOperationValue_FailsTheRunNamingTheKey()
    {
        var ex = Assert.CatchAsync<Exception>(() => StackRun.OfAsync("pilot-light", ("traffic.activeRegion", "us-west-2"), ("traffic.percent", "150")))!;
        Assert.That(Messages(ex), Does.Contain("drkit-ops:traffic.percent").And.Contain("from 0 to 100"), "the error names the key and the expectation");
    }

    [Test]
    public async Task Adopt_DeclaresTheReseededWriterImportedWithANewReplicaOfIt_AndNoLongerTheFailedOverInstances()
    {
        const string Reseeded = "ctx-primary-fb";
        var normal = await StackRun.OfAsync("pilot-light");
        var run = await StackRun.OfAsync("pilot-light", ("adopt.context-store", Reseeded), ("promote.context-store", "false"), ("fence.context-store", "false"),
            ("writerRegion.context-store", "us-east-1"));
        var o = await run.TextsAsync();
        var writer = run.Named(Types.DbInstance, $"context-store-writer-{Reseeded}");
        var replica = run.Named(Types.DbInstance, $"context-store-replica-us-west-2-of-{Reseeded}");
        var normalPrimary = normal.Named(Types.DbInstance, "context-store-primary").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.DbInstance).Select(r => r.Name), Is.EquivalentTo(new[] { $"context-store-writer-{Reseeded}", $"context-store-replica-us-west-2-of-{Reseeded}" }),
                "the old primary and the old recovery writer are no longer declared: the adopting up deletes them (final snapshots) instead of a second writer");
            Assert.That(writer.Id, Is.EqualTo(Reseeded), "the writer is imported by its DB identifier, not created");
            Assert.That(writer.Inputs["identifier"], Is.EqualTo(Reseeded), "declared under the identifier it has");
            Assert.That(RecordingMocks.RegionOf(writer), Is.EqualTo("us-east-1"), "through the primary region's provider");
            Assert.That(writer.Inputs["parameterGroupName"], Is.EqualTo("context-store-writer-params-us-east-1"),
                "the unfenced writer group the failback gave it, so the import finds what it declares");
            Assert.That(writer.Inputs["kmsKeyId"], Is.EqualTo(normalPrimary["kmsKeyId"]), "the primary region's key the re-seed was created with");
            Assert.That(writer.Inputs.ContainsKey("vpcSecurityGroupIds"), Is.EqualTo(normalPrimary.ContainsKey("vpcSecurityGroupIds")), "the client groups as the primary had them, not the fence group");
            Assert.That(replica.Inputs["replicateSourceDb"], Is.EqualTo($"arn:aws:rds:us-east-1:{RecordingMocks.Account}:db:context-store-writer-{Reseeded}"),
                "a new cross-region replica of the adopted writer");
            Assert.That(RecordingMocks.RegionOf(replica), Is.EqualTo("us-west-2"), "in the recovery region");
            Assert.That(o.GetValueOrDefault("context-store.writerEndpoint"), Does.StartWith($"context-store-writer-{Reseeded}.").And.Contain(".us-east-1."),
                "clients find the adopted writer's endpoint where they found the writer before");
            Assert.That(o.GetValueOrDefault("context-store.recoveryRole"), Is.EqualTo("replica"), "the failed-over world is gone from the outputs");
        });
    }

    /// <summary>
    /// What the provider's importer records for the re-seeded writer, where it can differ from a declaration:
    /// terraform-provider-aws <c>resourceInstanceImport</c> sets <c>skip_final_snapshot = true</c> and
    /// <c>delete_automated_backups = true</c> and cannot read the final snapshot's name or the password; the engine
    /// version is read as RDS runs it (a minor of the stack's major); the re-seed is created with
    /// <c>--no-publicly-accessible</c>. Null: nothing is read.
    /// </summary>
    private static readonly Dictionary<string, object?> ImporterReads = new(StringComparer.Ordinal)
    {
        ["skipFinalSnapshot"] = true,
        ["finalSnapshotIdentifier"] = null,
        ["password"] = null,
        ["engineVersion"] = "16.6",
        ["publiclyAccessible"] = false,
        ["deleteAutomatedBackups"] = true,
    };

    [Test]
    public async Task Adopt_ImportingUp_DeclaresWhatTheImporterReadsOrIgnoresIt()
    {
        const string Reseeded = "ctx-primary-fb";
        var run = await StackRun.OfAsync("pilot-light", ("adopt.context-store", Reseeded), ("promote.context-store", "false"), ("fence.context-store", "false"));
        var declared = run.Named(Types.DbInstance, $"context-store-writer-{Reseeded}").Inputs;
        var ignored = Data.RdsTopology.AdoptionIgnored(imported: false);
        var mismatches = ImporterReads
            .Where(r => declared.TryGetValue(r.Key, out var d) && d is not null && !Equals(d, r.Value) && !ignored.Contains(r.Key))
            .Select(r => $"{r.Key}: declared {declared[r.Key]}, imported {r.Value ?? "(unreadable)"}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Empty, "an up fails the import on any declared input that differs from what the provider read (import.md step 4)");
            Assert.That(declared.GetValueOrDefault("publiclyAccessible"), Is.EqualTo(false), "declared as the re-seed is created, not left to RDS's VPC-dependent default");
        });
    }

    [Test]
    public async Task Adopt_AfterTheImport_DeclaresTheFinalSnapshotAgainButKeepsTheEngineVersionIgnored()
    {
        const string Reseeded = "ctx-primary-fb";
        var run = await StackRun.OfAsync("pilot-light", ("adopt.context-store", Reseeded), ("adopted.context-store", "true"));
        var declared = run.Named(Types.DbInstance, $"context-store-writer-{Reseeded}").Inputs;
        var ignored = Data.RdsTopology.AdoptionIgnored(imported: true);
        Assert.Multiple(() =>
        {
            Assert.That(ignored, Does.Not.Contain("skipFinalSnapshot").And.Not.Contain("finalSnapshotIdentifier"),
                "the state must get the stack's own final-snapshot settings, or a later delete of this writer skips its final snapshot");
            Assert.That((declared.GetValueOrDefault("skipFinalSnapshot"), declared.ContainsKey("finalSnapshotIdentifier")), Is.EqualTo((false, true)), "a final snapshot on delete");
            Assert.That(ignored, Does.Contain("engineVersion"), "declaring the major 16 against a running 16.x would send a ModifyDBInstance");
            Assert.That(ignored, Does.Contain("password"), "RDS never returns the password");
        });
    }

    [Test]
    public void Adopt_ImportsByIdentifier()
    {
        var options = new CustomResourceOptions();
        Data.RdsTopology.Adopt(new Pulumi.Aws.Rds.InstanceArgs(), options, "ctx-primary-fb", Output.Create("writer-group"), imported: false);
        Assert.Multiple(() =>
        {
            Assert.That(options.ImportId, Is.EqualTo("ctx-primary-fb"), "aws:rds/instance imports by DB identifier");
            Assert.That(options.IgnoreChanges, Is.EquivalentTo(Data.RdsTopology.AdoptionIgnored(imported: false)), "the importing phase's ignore list is what the options carry");
        });
    }

    [Test]
    public async Task WriterEndpoint_FollowsThePromotion()
    {
        var normal = await (await StackRun.OfAsync("pilot-light")).TextsAsync();
        var promoted = await (await StackRun.OfAsync("pilot-light", ("promote.context-store", "true"))).TextsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(normal.GetValueOrDefault("context-store.writerEndpoint"), Is.EqualTo(normal.GetValueOrDefault("context-store.primaryEndpoint")), "the primary writes normally");
            Assert.That(promoted.GetValueOrDefault("context-store.writerEndpoint"), Is.EqualTo(promoted.GetValueOrDefault("context-store.recoveryEndpoint")), "the promoted replica writes after a failover");
        });
    }

    [Test]
    public async Task WriterParameter_DeclaredInEveryServingRegionThroughItsProvider_HoldingTheDecidedWritersAddress()
    {
        const string Name = "/drkit/pilot-light/context-store/writer-endpoint";
        var normal = await StackRun.OfAsync("pilot-light");
        var promoted = await StackRun.OfAsync("pilot-light", ("promote.context-store", "true"));
        var texts = await normal.TextsAsync();
        static List<MockResourceArgs> Of(StackRun run) => run.OfType("aws:ssm/parameter:Parameter").Where(p => Equals(p.Inputs["name"], Name)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Of(normal).Select(RecordingMocks.RegionOf), Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }),
                "one per serving region, each through that region's provider, so each region's applications read their own");
            Assert.That(Of(normal).Select(p => p.Inputs["type"]), Has.All.EqualTo("String"), "a plain String parameter operations overwrite with put-parameter");
            Assert.That(Of(normal).Select(p => p.Inputs["insecureValue"]), Has.All.EqualTo("context-store-primary.abc123.us-east-1.rds.amazonaws.com"),
                "the primary's address while it writes");
            Assert.That(Of(promoted).Select(p => p.Inputs["insecureValue"]), Has.All.EqualTo("context-store-replica-us-west-2.abc123.us-west-2.rds.amazonaws.com"),
                "after a failover recorded promote=true the up declares the promoted member's address, the value the failover wrote, never the old one");
            Assert.That(Of(normal).Select(p => p.Inputs["description"]), Has.All.EqualTo(Data.WriterAddressParameter.Describe("context-store")),
                "constant, so no update rewrites the parameter for its description");
            Assert.That(texts.GetValueOrDefault("context-store.writerParameter"), Is.EqualTo(Name), "exported, so operations write only where the stack declared it");
        });
    }

    [TestCase("rds-network", "us-east-1", "vpc-of-sg-0ledgerapp0use1")]
    [TestCase("rds-network", "us-west-2", "vpc-of-sg-0ledgerapp0usw2")]
    [TestCase("rds-subnets", "us-east-1", "vpc-of-ledger-db-use1")]
    [TestCase("rds-subnets", "us-west-2", "vpc-of-ledger-db-usw2")]
    public async Task FenceGroup_IsCreatedInTheVpcTheInstanceSitsIn(string stack, string region, string vpc)
    {
        var run = await StackRun.OfAsync(stack);
        var fence = run.Named(Types.SecurityGroup, $"ledger-fence-{region}");
        Assert.Multiple(() =>
        {
            Assert.That(fence.Inputs.GetValueOrDefault("vpcId"), Is.EqualTo(vpc),
                "the VPC of the first client group, else of the subnet group: modify-db-instance refuses a group of another VPC");
            Assert.That(RecordingMocks.RegionOf(fence), Is.EqualTo(region), "in the instance's region");
        });
    }

    [Test]
    public async Task EveryFlatOutput_IsATopLevelStackOutput()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var expected = run.Stack.Operations.FlatOutputs(new Dictionary<string, Core.Operations.TierEndpoints>(StringComparer.Ordinal)).Keys;
        Assert.That(run.Outputs.Keys, Is.SupersetOf(expected), "operations read each name from GetOutputsAsync");
    }

    private static Dictionary<string, string> Parameters(IDictionary inputs) =>
        StackRun.Items(inputs["parameters"]).ToDictionary(p => (string)StackRun.At(p, "name")!, p => (string)StackRun.At(p, "value")!, StringComparer.Ordinal);

    private static string Messages(Exception ex) =>
        ex is AggregateException agg ? string.Join("\n", agg.Flatten().InnerExceptions.Select(e => e.Message)) : ex.Message + "\n" + ex.InnerException?.Message;
}
