using static DrKit.Aws.Tests.MechanismResourcesTests;

namespace DrKit.Aws.Tests;

public sealed class DataAndComputeTests
{
    [Test]
    public async Task PilotLight_AsyncRds_KeepsASmallEncryptedReadReplicaInUsWest2()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var primary = run.Named(Types.DbInstance, "context-store-primary").Inputs;
        var replica = run.Named(Types.DbInstance, "context-store-replica-us-west-2").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(replica["replicateSourceDb"], Is.EqualTo("arn:aws:rds:us-east-1:123456789012:db:context-store-primary"), "a cross-region replica names its source by ARN");
            Assert.That((string)replica["kmsKeyId"], Does.StartWith("arn:aws:kms:us-west-2:"), "the replica encrypts with a key of its own region");
            Assert.That(replica["instanceClass"], Is.EqualTo("db.r6g.large"), "pilot light keeps the replica at the planned replica class");
            Assert.That(replica.ContainsKey("username"), Is.False, "a replica takes its credentials from the source");
            Assert.That(replica["storageEncrypted"], Is.EqualTo(true), "declared as RDS reports it, so that no later update (the promotion) plans a replacement");
            Assert.That(primary["storageEncrypted"], Is.EqualTo(true), "the primary is encrypted");
            Assert.That((string)primary["kmsKeyId"], Does.StartWith("arn:aws:kms:us-east-1:"), "with a customer key of its region");
            Assert.That(Num(primary, "backupRetentionPeriod"), Is.EqualTo(30), "backup retention follows the PITR window");
        });
    }

    [Test]
    public async Task PilotLight_ReplicatesAutomatedBackupsIntoTheRecoveryRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var backups = run.Named(Types.BackupReplication, "context-store-backups-us-west-2");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(backups), Is.EqualTo("us-west-2"), "the API requires the destination region");
            Assert.That(backups.Inputs["sourceDbInstanceArn"], Does.Contain(":us-east-1:"), "replicates the primary's backups");
            Assert.That(Num(backups.Inputs, "retentionPeriod"), Is.EqualTo(30), "same retention");
            Assert.That((string)backups.Inputs["kmsKeyId"], Does.StartWith("arn:aws:kms:us-west-2:"), "encrypted with the recovery key");
        });
    }

    [Test]
    public async Task RdsParameterGroup_CarriesOnlyWhatRdsAccepts()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var parameters = StackRun.Items(run.Named(Types.ParameterGroup, "context-store-params-us-east-1").Inputs["parameters"])
            .ToDictionary(p => Str(p, "name")!, p => Str(p, "value"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Named(Types.ParameterGroup, "context-store-params-us-east-1").Inputs["family"], Is.EqualTo("postgres16"), "family from the plan");
            Assert.That(parameters["archive_timeout"], Is.EqualTo("60"), "archive_timeout is settable on RDS");
            Assert.That(parameters["wal_keep_size"], Is.EqualTo("1024"), "wal_keep_size is settable on RDS");
            Assert.That(parameters.Keys, Has.No.Member("wal_level").And.No.Member("archive_mode"), "RDS controls wal_level and archive_mode itself");
        });
    }

    [Test]
    public async Task SelfManagedPostgres_ExportsSyncSettingsAndDeclaresNoInstance()
    {
        var run = await StackRun.OfAsync("active-active");
        var settings = (await StackRun.Value(run.Stack.PostgresWalSettings))["context-store"];
        var endpoints = await StackRun.Value(run.Stack.PostgresEndpoints);
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.DbInstance).Where(i => i.Name!.StartsWith("context-store", StringComparison.Ordinal)), Is.Empty, "self-managed servers are the operator's");
            Assert.That(settings["synchronous_standby_names"], Is.Not.Empty, "sync replication exports the standby names");
            Assert.That(settings["wal_level"], Is.EqualTo("replica"), "wal_level for streaming replication");
            Assert.That(endpoints["context-store"], Is.Empty, "no endpoints to export");
            Assert.That(run.Has(Types.Role, "context-store-wal-shipper"), Is.True, "the WAL shipper role exists for the servers");
        });
    }

    [Test]
    public async Task WalShipper_TrustsTheAccountRootByDefault()
    {
        var run = await StackRun.OfAsync("active-active");
        var trust = (string)run.Named(Types.Role, "context-store-wal-shipper").Inputs["assumeRolePolicy"];
        Assert.That(trust, Does.Contain("arn:aws:iam::123456789012:root"), "without a configured principal the account's IAM decides who ships WAL");
    }

    [Test]
    public async Task WalShipper_CanShipToTheRecoveryRegionsArchive_ForAfterAFailover()
    {
        var run = await StackRun.OfAsync("active-active");
        var policy = System.Text.Json.JsonDocument.Parse((string)run.Named(Types.RolePolicy, "context-store-wal-shipper").Inputs["policy"]).RootElement;
        var ship = policy.GetProperty("Statement").EnumerateArray().Single(st => st.GetProperty("Sid").GetString() == "ShipAndFetchWal");
        var resources = ship.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ship.GetProperty("Action").EnumerateArray().Select(a => a.GetString()), Does.Contain("s3:PutObject"), "the shipper writes WAL");
            Assert.That(resources, Has.Count.EqualTo(2).And.Some.Contains("us-west-2"), "into the recovery region's archive too: the promoted server ships there when the primary region is gone");
        });
    }

    [Test]
    public async Task Redis_SecondaryJoinsTheGlobalDatastoreWithoutInheritedSettings()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var primary = run.Named(Types.ReplicationGroup, "session-cache-us-east-1").Inputs;
        var secondary = run.Named(Types.ReplicationGroup, "session-cache-us-west-2").Inputs;
        var global = run.Named(Types.GlobalReplicationGroup, "session-cache-global").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(primary["transitEncryptionEnabled"], Is.EqualTo(true), "encrypted in transit");
            Assert.That(primary["atRestEncryptionEnabled"], Is.EqualTo(true), "encrypted at rest");
            Assert.That(primary.ContainsKey("authToken"), Is.True, "auth token set");
            Assert.That(global["primaryReplicationGroupId"], Is.EqualTo("session-cache-us-east-1"), "the global group is built on the primary");
            Assert.That(secondary["globalReplicationGroupId"], Is.EqualTo("ldgnf-pilot-light-session-cache"), "the secondary joins the global group");
            foreach (var inherited in new[] { "engine", "engineVersion", "nodeType", "numNodeGroups", "parameterGroupName", "authToken", "atRestEncryptionEnabled", "transitEncryptionEnabled" })
            {
                Assert.That(secondary.ContainsKey(inherited), Is.False, $"the secondary must not set {inherited}");
            }

            Assert.That((string)secondary["kmsKeyId"], Does.StartWith("arn:aws:kms:us-west-2:"), "its own region's key");
        });
    }

    [Test]
    public async Task PrimaryStack_RedisKeepsSnapshotsOnly()
    {
        var run = await StackRun.OfAsync("primary");
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.ReplicationGroup).Select(r => r.Name), Is.EqualTo(new[] { "session-cache-us-east-1" }), "backup-restore keeps only the primary");
            Assert.That(run.OfType(Types.GlobalReplicationGroup), Is.Empty, "no Global Datastore");
        });
    }

    [Test]
    public async Task PilotLight_ReservesGpuCapacityInTheRecoveryRegionAndRunsNone()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var reservation = Only(run.OfType(Types.CapacityReservation), "pilot light reserves in one region only");
        var running = (await StackRun.Value(run.Stack.GpuDesiredRunning))["gpu"];
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(reservation), Is.EqualTo("us-west-2"), "reserved in the recovery region");
            Assert.That(reservation.Inputs["instanceType"], Is.EqualTo("g5.12xlarge"), "planned instance type");
            Assert.That(reservation.Inputs["availabilityZone"], Is.EqualTo("us-west-2b"), "planned zone");
            Assert.That(Num(reservation.Inputs, "instanceCount"), Is.EqualTo(2), "the full count");
            Assert.That(reservation.Inputs["instanceMatchCriteria"], Is.EqualTo("targeted"), "only launches that ask use it");
            Assert.That(reservation.Inputs["instancePlatform"], Is.EqualTo("Linux/UNIX"), "platform");
            Assert.That(reservation.Inputs["endDateType"], Is.EqualTo("limited"), "the plan sets an end");
            Assert.That(reservation.Inputs["endDate"], Is.EqualTo("2027-12-31T23:59:59Z"), "through the planned last day");
            Assert.That(Str(reservation.Inputs, "tags", "component"), Is.EqualTo("gpu"), "tagged with its component");
            Assert.That(running["us-west-2"], Is.EqualTo(0), "pilot light runs nothing");
            Assert.That(running["us-east-1"], Is.EqualTo(2), "the primary serves");
        });
    }

    [Test]
    public async Task ActiveActive_ReservesGpusInEveryRegion()
    {
        var run = await StackRun.OfAsync("active-active");
        var regions = run.OfType(Types.CapacityReservation).Select(RecordingMocks.RegionOf);
        Assert.That(regions, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "active-active serves, and so reserves, everywhere");
    }

    [Test]
    public async Task Ecr_RepositoriesInEveryRegion_TheReplicationRuleIsExportedForTheAccountOwner()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var need = DrKit.Core.Platforms.Aws.RegistryReplication.Parse("pilot-light", (await run.TextsAsync())["registryReplication"])!;
        var repo = run.Named(Types.Repository, "images-rag-api-us-west-2").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.EcrReplication), Is.Empty, "PutReplicationConfiguration replaces the registry's whole configuration: a DR stack never declares it");
            Assert.That(need.SourceRegion, Is.EqualTo("us-east-1"), "replicated from the primary region's registry");
            Assert.That(need.Destinations, Is.EqualTo(new[] { "us-west-2" }), "to the recovery region");
            Assert.That(need.RegistryId, Is.EqualTo(RecordingMocks.Account), "in the stack's own account");
            Assert.That(need.Prefix, Is.EqualTo("rag-assistant/pilot-light/"), "only this stack's repositories");
            Assert.That(repo["imageTagMutability"], Is.EqualTo("IMMUTABLE"), "immutable tags");
            Assert.That(StackRun.At(repo, "imageScanningConfiguration", "scanOnPush"), Is.EqualTo(true), "scan on push");
            Assert.That(Str(repo, "encryptionConfigurations", "0", "encryptionType"), Is.EqualTo("KMS"), "KMS-encrypted");
        });
    }

    [Test]
    public async Task OnlineFeatureStore_IsAGlobalTableWithAReplicaPerRecoveryRegion()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var table = run.Named(Types.Table, "features-online").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(table["billingMode"], Is.EqualTo("PAY_PER_REQUEST"), "on demand");
            Assert.That(table["streamEnabled"], Is.EqualTo(true), "global tables replicate through the stream");
            Assert.That(table["streamViewType"], Is.EqualTo("NEW_AND_OLD_IMAGES"), "stream view global tables need");
            Assert.That(StackRun.At(table, "pointInTimeRecovery", "enabled"), Is.EqualTo(true), "PITR");
            Assert.That(StackRun.At(table, "serverSideEncryption", "enabled"), Is.EqualTo(true), "KMS SSE");
            Assert.That(Str(table, "replicas", "0", "regionName"), Is.EqualTo("us-west-2"), "replica in the recovery region");
            Assert.That(Str(table, "replicas", "0", "kmsKeyArn"), Does.StartWith("arn:aws:kms:us-west-2:"), "replica key in its own region");
        });
    }
}
