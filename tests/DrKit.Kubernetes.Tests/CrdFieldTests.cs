using DrKit.Core.Operations;

namespace DrKit.Kubernetes.Tests;

/// <summary>
/// Every field path DrKit sets in an operator resource, checked against the CRDs of the pinned releases:
/// postgresql.cnpg.io_clusters.yaml and _scheduledbackups.yaml of CloudNativePG v1.30.0 (and v1.26.3 before),
/// barmancloud.cnpg.io_objectstores.yaml of the Barman Cloud Plugin's main branch after v0.14.0 (August 2026; the
/// v0.16.0 tag was not at hand), velero.io_schedules.yaml of Velero v1.18.1. <c>plugins[].parameters</c> and
/// <c>externalClusters[].plugin.parameters</c> are free-form maps; the plugin reads <c>barmanObjectName</c> and
/// <c>serverName</c> from them (https://cloudnative-pg.io/plugin-barman-cloud/docs/parameters/).
/// A path missing here is a field the pinned CRD was not checked for.
/// </summary>
public sealed class CrdFieldTests
{
    private static readonly HashSet<string> ClusterFields =
    [
        "spec.instances", "spec.imageName", "spec.storage", "spec.storage.size",
        "spec.postgresql", "spec.postgresql.parameters",
        "spec.plugins", "spec.plugins[].name", "spec.plugins[].isWALArchiver", "spec.plugins[].parameters",
        "spec.bootstrap", "spec.bootstrap.initdb", "spec.bootstrap.initdb.database", "spec.bootstrap.initdb.owner", "spec.bootstrap.initdb.secret", "spec.bootstrap.initdb.secret.name",
        "spec.bootstrap.recovery", "spec.bootstrap.recovery.source", "spec.bootstrap.recovery.database", "spec.bootstrap.recovery.owner",
        "spec.bootstrap.recovery.secret", "spec.bootstrap.recovery.secret.name",
        "spec.externalClusters", "spec.externalClusters[].name", "spec.externalClusters[].plugin", "spec.externalClusters[].plugin.name", "spec.externalClusters[].plugin.parameters",
        "spec.replica", "spec.replica.primary", "spec.replica.source",
        "spec.serviceAccountTemplate", "spec.serviceAccountTemplate.metadata", "spec.serviceAccountTemplate.metadata.annotations",
    ];

    private static readonly HashSet<string> ScheduledBackupFields =
    [
        "spec.schedule", "spec.cluster", "spec.cluster.name", "spec.method", "spec.pluginConfiguration", "spec.pluginConfiguration.name", "spec.backupOwnerReference", "spec.immediate",
    ];

    private static readonly HashSet<string> ObjectStoreFields =
    [
        "spec.configuration", "spec.configuration.destinationPath",
        "spec.configuration.s3Credentials", "spec.configuration.s3Credentials.inheritFromIAMRole",
        "spec.configuration.s3Credentials.accessKeyId", "spec.configuration.s3Credentials.accessKeyId.name", "spec.configuration.s3Credentials.accessKeyId.key",
        "spec.configuration.s3Credentials.secretAccessKey", "spec.configuration.s3Credentials.secretAccessKey.name", "spec.configuration.s3Credentials.secretAccessKey.key",
        "spec.configuration.wal", "spec.configuration.wal.compression", "spec.configuration.wal.encryption",
        "spec.configuration.data", "spec.configuration.data.compression", "spec.configuration.data.encryption",
        "spec.retentionPolicy",
    ];

    private static readonly HashSet<string> VeleroScheduleFields =
    [
        "spec.schedule", "spec.useOwnerReferencesInBackup", "spec.template", "spec.template.includedNamespaces",
        "spec.template.labelSelector", "spec.template.labelSelector.matchLabels", "spec.template.snapshotVolumes", "spec.template.ttl",
        "spec.template.defaultVolumesToFsBackup",
    ];

    /// <summary>Maps whose keys are free-form by the CRD (PostgreSQL parameters, plugin parameters, label values).</summary>
    private static readonly HashSet<string> Opaque = ["spec.postgresql.parameters", "spec.plugins[].parameters", "spec.externalClusters[].plugin.parameters", "spec.template.labelSelector.matchLabels", "spec.serviceAccountTemplate.metadata.annotations"];

    [TestCase("kubernetes:postgresql.cnpg.io/v1:Cluster")]
    [TestCase("kubernetes:postgresql.cnpg.io/v1:ScheduledBackup")]
    [TestCase("kubernetes:barmancloud.cnpg.io/v1:ObjectStore")]
    [TestCase("kubernetes:velero.io/v1:Schedule")]
    public async Task OperatorResources_SetOnlyFieldsTheirPinnedCrdDefines(string type)
    {
        var run = await KubernetesRun.OfAsync();
        var allowed = type switch
        {
            "kubernetes:postgresql.cnpg.io/v1:Cluster" => ClusterFields,
            "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup" => ScheduledBackupFields,
            "kubernetes:barmancloud.cnpg.io/v1:ObjectStore" => ObjectStoreFields,
            _ => VeleroScheduleFields,
        };
        var resources = run.OfType(type).ToList();
        Assert.That(resources, Is.Not.Empty, $"the bundled stack declares {type}");
        foreach (var r in resources)
        {
            var set = KubernetesRun.FieldPaths(r.Inputs["spec"], "spec", Opaque);
            Assert.That(set.Except(allowed), Is.Empty, $"{r.Name} sets fields the pinned CRD of {type} was not checked for");
        }
    }

    [Test]
    public async Task Cluster_ArchivesWithThePlannedTimeoutThroughTheBarmanPlugin()
    {
        var run = await KubernetesRun.OfAsync();
        var primary = KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(primary, "postgresql", "parameters", "archive_timeout"), Is.EqualTo("60s"), "archive_timeout comes from the plan (archiveTimeout: 60s)");
            Assert.That(KubernetesRun.At(primary, "plugins", "0", "name"), Is.EqualTo("barman-cloud.cloudnative-pg.io"), "WAL archiving goes through the Barman Cloud Plugin");
            Assert.That(KubernetesRun.At(primary, "plugins", "0", "isWALArchiver"), Is.EqualTo(true), "the plugin must be the WAL archiver");
            Assert.That(KubernetesRun.At(primary, "instances"), Is.EqualTo(3), "the primary runs the planned instances");
            Assert.That(KubernetesRun.At(primary, "bootstrap", "initdb", "secret", "name"), Is.EqualTo("context-store-app"), "the application role's password is the shared secret");
        });
    }

    [Test]
    public async Task ObjectStore_KeepsThePitrWindowAndEncryptsWal()
    {
        var run = await KubernetesRun.OfAsync();
        var store = KubernetesRun.Spec(run.Named("context-store-us-east-1-store"));
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(store, "retentionPolicy"), Is.EqualTo("30d"), "retention equals pitrWindow 30d (pattern ^[1-9][0-9]*[dwm]$)");
            Assert.That(KubernetesRun.At(store, "configuration", "wal", "encryption"), Is.EqualTo("aws:kms"), "walEncryption: aws:kms is one of the CRD's enum values");
            Assert.That(KubernetesRun.At(store, "configuration", "destinationPath"), Is.EqualTo("s3://rag-wal-use1/context-store"), "each region archives to its own store");
            Assert.That(KubernetesRun.At(store, "configuration", "s3Credentials", "inheritFromIAMRole"), Is.EqualTo(true), "without a credentials secret the pods' IAM role is used");
        });
    }

    [Test]
    public async Task ScheduledBackup_UsesASixFieldCronAndThePlugin()
    {
        var run = await KubernetesRun.OfAsync();
        var backup = KubernetesRun.Spec(run.Named("context-store-us-east-1-backup"));
        Assert.Multiple(() =>
        {
            Assert.That(((string)KubernetesRun.At(backup, "schedule")!).Split(' '), Has.Length.EqualTo(6), "CNPG schedules have a seconds field");
            Assert.That(KubernetesRun.At(backup, "method"), Is.EqualTo("plugin"), "method enum: barmanObjectStore, volumeSnapshot, plugin");
            Assert.That(KubernetesRun.At(backup, "backupOwnerReference"), Is.EqualTo("self"), "enum: none, self, cluster");
        });
    }

    [Test]
    public async Task VeleroSchedule_KeepsBackupsForTheirTtlInVelerosNamespace()
    {
        var run = await KubernetesRun.OfAsync();
        var schedule = run.Named("rate-limits-velero-us-east-1-schedule");
        var spec = KubernetesRun.Spec(schedule);
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(schedule.Inputs, "metadata", "namespace"), Is.EqualTo("velero"), "Schedules must live in the Velero server's namespace");
            Assert.That(KubernetesRun.At(spec, "schedule"), Is.EqualTo("0 */6 * * *"), "snapshotInterval 6h as a five-field cron");
            Assert.That(KubernetesRun.At(spec, "template", "ttl"), Is.EqualTo("720h0m0s"), "backups expire after the 30d window");
            Assert.That(KubernetesRun.At(spec, "template", "labelSelector", "matchLabels", "drkit.io/component"), Is.EqualTo("rate-limits"), "only the component's objects are backed up");
            Assert.That(KubernetesRun.At(spec, "template", "defaultVolumesToFsBackup"), Is.EqualTo(true), "volume data goes to the replicated backup bucket (File System Backup)");
            Assert.That(KubernetesRun.At(spec, "template", "snapshotVolumes"), Is.EqualTo(false), "EBS snapshots stay in their region and are not taken");
        });
    }

    [Test]
    public async Task VeleroSchedule_FollowsTheWriterRecordedInOperations()
    {
        var state = OperationsConfig.FromRaw("test", new Dictionary<string, string> { [OperationsKeys.Full(OperationsKeys.WriterRegion("rate-limits"))] = "us-west-2" }, Core.Planning.Planner.PlanFile(KubernetesRun.StackFile));
        var before = await KubernetesRun.OfAsync();
        var after = await KubernetesRun.OfAsync(state);
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.RegionOf(before.Named("rate-limits-velero-us-east-1-schedule")), Is.EqualTo("us-east-1"), "backups are taken where the writer runs");
            Assert.That(KubernetesRun.RegionOf(after.Named("rate-limits-velero-us-west-2-schedule")), Is.EqualTo("us-west-2"), "after a restore into us-west-2 the schedule moves there");
            Assert.That(after.Resources.Any(r => r.Name == "rate-limits-velero-us-east-1-schedule"), Is.False, "the lost region takes no backups");
        });
    }

    [Test]
    public async Task Cluster_CarriesTheRegionsIrsaRoleOnItsServiceAccount()
    {
        var run = await KubernetesRun.OfAsync();
        Assert.Multiple(() =>
        {
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-east-1-cluster")), "serviceAccountTemplate", "metadata", "annotations", "eks.amazonaws.com/role-arn"),
                Is.EqualTo("arn:aws:iam::123456789012:role/rag-context-store-wal-use1"), "the primary's pods assume its region's role");
            Assert.That(KubernetesRun.At(KubernetesRun.Spec(run.Named("context-store-us-west-2-cluster")), "serviceAccountTemplate", "metadata", "annotations", "eks.amazonaws.com/role-arn"),
                Is.EqualTo("arn:aws:iam::123456789012:role/rag-context-store-wal-usw2"), "the replica's pods assume the recovery region's role");
        });
    }
}
