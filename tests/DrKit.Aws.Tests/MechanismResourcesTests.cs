using DrKit.Core.Model;
using DrKit.Core.Planning;
using Pulumi.Testing;

namespace DrKit.Aws.Tests;

/// <summary>Each planned mechanism declares the resources that implement it, and nothing it does not need.</summary>
public sealed class MechanismResourcesTests
{
    private static readonly string[] Stacks = StackConfig.BundledStacks;

    [TestCaseSource(nameof(Stacks))]
    public async Task EveryPlannedMechanism_MapsToItsResources(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var recovery = run.Plan.RecoveryRegions;
        Assert.Multiple(() =>
        {
            foreach (var c in run.Plan.Components)
            {
                var why = $"{stack}/{c.Name} ({c.Mechanism})";
                switch (c.Settings)
                {
                    case PostgresSettings s:
                        var selfManaged = s.Engine == PostgresEngine.SelfManaged;
                        if (selfManaged)
                        {
                            ExpectBuckets(run, $"{c.Name}-wal", s.WalArchive, why);
                        }

                        Assert.That(run.Has(Types.Bucket, $"{c.Name}-wal-{run.Plan.PrimaryRegion}"), Is.EqualTo(selfManaged), $"{why}: a WAL archive only for a self-managed server (RDS archives WAL itself)");
                        Assert.That(run.Has(Types.Role, $"{c.Name}-wal-shipper"), Is.EqualTo(selfManaged), $"{why}: a WAL shipper role only where a shipper runs");
                        Assert.That(run.Has(Types.DbInstance, $"{c.Name}-primary"), Is.EqualTo(s.Engine == PostgresEngine.Rds), $"{why}: an RDS primary exactly when the engine is RDS");
                        foreach (var r in recovery)
                        {
                            Assert.That(run.Has(Types.DbInstance, $"{c.Name}-replica-{r}"), Is.EqualTo(s.Engine == PostgresEngine.Rds && s.CrossRegionReplica), $"{why}: read replica in {r}");
                            Assert.That(run.Has(Types.BackupReplication, $"{c.Name}-backups-{r}"), Is.EqualTo(s.Engine == PostgresEngine.Rds && s.ReplicateAutomatedBackups), $"{why}: backups replicated to {r}");
                        }

                        break;
                    case RedisSettings s:
                        Assert.That(run.Has(Types.GlobalReplicationGroup, $"{c.Name}-global"), Is.EqualTo(s.GlobalDatastore && recovery.Count > 0), $"{why}: Global Datastore");
                        foreach (var r in recovery)
                        {
                            Assert.That(run.Has(Types.ReplicationGroup, $"{c.Name}-{r}"), Is.EqualTo(s.GlobalDatastore), $"{why}: secondary in {r}");
                        }

                        Assert.That(Num(run.Named(Types.ReplicationGroup, $"{c.Name}-{run.Plan.PrimaryRegion}").Inputs, "snapshotRetentionLimit"), Is.EqualTo(s.SnapshotRetentionDays), $"{why}: snapshot retention");
                        break;
                    case VectorIndexSettings s:
                        ExpectBuckets(run, c.Name, s.Store, why);
                        break;
                    case BucketSettings s:
                        ExpectBuckets(run, c.Name, s, why);
                        break;
                    case GpuSettings s:
                        foreach (var a in s.Allocations)
                        {
                            Assert.That(run.Has(Types.CapacityReservation, $"{c.Name}-{a.Region}"), Is.EqualTo(a.Reserved > 0), $"{why}: reservation in {a.Region}");
                        }

                        break;
                    case RegistrySettings s:
                        foreach (var r in s.Replicate ? run.Plan.Regions : [run.Plan.PrimaryRegion])
                        {
                            foreach (var repo in s.Repositories)
                            {
                                Assert.That(run.Has(Types.Repository, $"{c.Name}-{repo}-{r}"), Is.True, $"{why}: {repo} pre-created in {r}");
                            }
                        }

                        Assert.That(run.OfType(Types.EcrReplication), Is.Empty, $"{why}: registry replication is one per account, so the account stack declares it, never a DR stack");
                        break;
                    case OnlineFeatureStoreSettings s:
                        var table = run.Named(Types.Table, c.Name);
                        Assert.That(StackRun.Items(table.Inputs.GetValueOrDefault("replicas")), Has.Count.EqualTo(s.GlobalTable ? recovery.Count : 0), $"{why}: replicas");
                        break;
                    case EndpointSettings:
                        break;
                    case ModelProviderSettings s:
                        foreach (var r in run.Plan.Regions)
                        {
                            Assert.That(run.Has("aws:ssm/parameter:Parameter", $"{c.Name}-switch-{r}"), Is.EqualTo(s.SwitchParameter is not null), $"{why}: switch parameter in {r}");
                        }

                        foreach (var rung in s.AzureRungs)
                        {
                            Assert.That(run.Has("azure:cognitive/account:Account", $"{c.Name}-azure-{rung.Name}"), Is.True, $"{why}: Azure OpenAI account for {rung.Name}");
                        }

                        break;
                    default:
                        Assert.Fail($"{why}: no expectation for {c.Settings.GetType().Name}");
                        break;
                }
            }
        });
    }

    private static void ExpectBuckets(StackRun run, string prefix, BucketSettings s, string why)
    {
        var regions = s.Replicate ? run.Plan.Regions.ToList() : [run.Plan.PrimaryRegion];
        foreach (var r in run.Plan.Regions)
        {
            Assert.That(run.Has(Types.Bucket, $"{prefix}-{r}"), Is.EqualTo(regions.Contains(r)), $"{why}: bucket in {r}");
        }

        Assert.That(run.Has(Types.Replication, $"{prefix}-replication"), Is.EqualTo(regions.Count > 1), $"{why}: cross-region replication");
        Assert.That(run.Has(Types.ObjectLock, $"{prefix}-{run.Plan.PrimaryRegion}-object-lock"), Is.EqualTo(s.ObjectLock), $"{why}: object lock");
    }

    internal static double Num(IReadOnlyDictionary<string, object> inputs, string key) =>
        inputs.TryGetValue(key, out var v) ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;

    internal static double NumAt(object? node, params string[] path) =>
        StackRun.At(node, path) is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;

    internal static string? Str(object? node, params string[] path) => StackRun.At(node, path) as string;

    internal static MockResourceArgs Only(IEnumerable<MockResourceArgs> resources, string why)
    {
        var list = resources.ToList();
        Assert.That(list, Has.Count.EqualTo(1), why);
        return list[0];
    }
}
