using DrKit.Core.Model;
using System.Text.Json;
using DrKit.Core.Planning;
using static DrKit.Aws.Tests.MechanismResourcesTests;

namespace DrKit.Aws.Tests;

public sealed class StorageTests
{
    private static readonly string[] Stacks = StackConfig.BundledStacks;

    [TestCaseSource(nameof(Stacks))]
    public async Task EveryBucket_IsVersionedKmsEncryptedPrivateAndTlsOnly(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        // The outage canaries' artifact buckets hold run logs, no data (AlarmTests covers them).
        var buckets = run.OfType(Types.Bucket).Where(b => b.Name?.StartsWith("alarms-", StringComparison.Ordinal) != true).ToList();
        Assert.That(buckets, Is.Not.Empty, $"{stack} declares buckets");
        Assert.Multiple(() =>
        {
            foreach (var b in buckets)
            {
                var versioning = run.Named(Types.Versioning, $"{b.Name}-versioning").Inputs;
                var encryption = run.Named(Types.Encryption, $"{b.Name}-encryption").Inputs;
                var block = run.Named(Types.PublicAccess, $"{b.Name}-public-access").Inputs;
                var policy = (string)run.Named(Types.BucketPolicy, $"{b.Name}-tls-only").Inputs["policy"];
                Assert.That(Str(versioning, "versioningConfiguration", "status"), Is.EqualTo("Enabled"), $"{b.Name}: versioned");
                Assert.That(Str(encryption, "rules", "0", "applyServerSideEncryptionByDefault", "sseAlgorithm"), Is.EqualTo("aws:kms"), $"{b.Name}: KMS");
                Assert.That(Str(encryption, "rules", "0", "applyServerSideEncryptionByDefault", "kmsMasterKeyId"), Does.StartWith("arn:aws:kms:" + RecordingMocks.RegionOf(b)), $"{b.Name}: its own region's key");
                foreach (var flag in new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" })
                {
                    Assert.That(block[flag], Is.EqualTo(true), $"{b.Name}: {flag}");
                }

                Assert.That(policy, Does.Contain("\"Deny\"").And.Contain("aws:SecureTransport"), $"{b.Name}: TLS-only policy");
            }
        });
    }

    [TestCaseSource(nameof(Stacks))]
    public async Task Replication_UsesRtcWith15MinutesExactlyWhenPlanned(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var planned = PlannedBuckets(run.Plan).Where(b => b.Settings.Replicate).ToList();
        Assert.Multiple(() =>
        {
            foreach (var (prefix, s) in planned)
            {
                var rule = StackRun.At(run.Named(Types.Replication, $"{prefix}-replication").Inputs, "rules", "0");
                Assert.That(Str(rule, "status"), Is.EqualTo("Enabled"), $"{prefix}: rule enabled");
                Assert.That(Str(rule, "deleteMarkerReplication", "status"), Is.EqualTo("Enabled"), $"{prefix}: V2 schema needs delete-marker replication");
                Assert.That(Str(rule, "sourceSelectionCriteria", "sseKmsEncryptedObjects", "status"), Is.EqualTo("Enabled"), $"{prefix}: KMS-encrypted objects replicate");
                Assert.That(Str(rule, "destination", "encryptionConfiguration", "replicaKmsKeyId"), Does.Contain(":us-west-2:"), $"{prefix}: replicas use the recovery key");
                if (s.ReplicationTimeControl)
                {
                    Assert.That(Str(rule, "destination", "replicationTime", "status"), Is.EqualTo("Enabled"), $"{prefix}: RTC on");
                    Assert.That(StackRun.At(rule, "destination", "replicationTime", "time", "minutes"), Is.EqualTo(15), $"{prefix}: RTC window");
                    Assert.That(Str(rule, "destination", "metrics", "status"), Is.EqualTo("Enabled"), $"{prefix}: RTC needs metrics");
                    Assert.That(StackRun.At(rule, "destination", "metrics", "eventThreshold", "minutes"), Is.EqualTo(15), $"{prefix}: metrics threshold");
                }
                else
                {
                    Assert.That(StackRun.At(rule, "destination", "replicationTime"), Is.Null, $"{prefix}: no RTC when not planned");
                }
            }
        });
    }

    [Test]
    public async Task ActiveActive_RtcIsPlannedAndDeclaredForTheSelfManagedWalArchive()
    {
        var run = await StackRun.OfAsync("active-active");
        var rule = StackRun.At(run.Named(Types.Replication, "context-store-wal-replication").Inputs, "rules", "0");
        Assert.That(Str(rule, "destination", "replicationTime", "status"), Is.EqualTo("Enabled"), "the critical self-managed WAL archive is planned with RTC");
    }

    [Test]
    public async Task Rds_DeclaresNoWalArchiveOrShipper_ItsPitrIsItsReplicatedAutomatedBackups()
    {
        var run = await StackRun.OfAsync("pilot-light");
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Types.Bucket).Select(b => b.Name), Has.None.StartsWith("context-store-wal"), "RDS runs no archive command of DrKit's, so a WAL bucket would stay empty");
            Assert.That(run.Has(Types.Role, "context-store-wal-shipper"), Is.False, "no shipper runs on RDS");
            Assert.That(run.Has(Types.BackupReplication, "context-store-backups-us-west-2"), Is.True, "point-in-time recovery in the recovery region comes from the replicated automated backups");
        });
    }

    [Test]
    public async Task WalArchiveLifecycle_FollowsThePitrWindow()
    {
        var run = await StackRun.OfAsync("active-active");
        var rule = StackRun.At(run.Named(Types.Lifecycle, "context-store-wal-us-east-1-lifecycle").Inputs, "rules", "0");
        var transitions = StackRun.Items(StackRun.At(rule, "transitions"));
        Assert.Multiple(() =>
        {
            Assert.That(StackRun.At(rule, "expiration", "days"), Is.EqualTo(36), "WAL expires one day after the 35-day PITR window");
            Assert.That(transitions, Has.Count.EqualTo(1), "GLACIER at 90 days would come after expiry and is left out");
            Assert.That(Str(transitions[0], "storageClass"), Is.EqualTo("STANDARD_IA"), "warm tier");
            Assert.That(StackRun.At(transitions[0], "days"), Is.EqualTo(30), "warm after 30 days");
            Assert.That(StackRun.At(rule, "noncurrentVersionExpiration", "noncurrentDays"), Is.EqualTo(30), "noncurrent versions expire");
            Assert.That(run.Has(Types.Lifecycle, "context-store-wal-us-west-2-lifecycle"), Is.True, "the replica has the same lifecycle");
        });
    }

    [Test]
    public async Task ModelArtifacts_WithoutExpiry_TierToInfrequentAccessThenGlacier()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var rule = StackRun.At(run.Named(Types.Lifecycle, "model-artifacts-us-east-1-lifecycle").Inputs, "rules", "0");
        var classes = StackRun.Items(StackRun.At(rule, "transitions")).Select(t => Str(t, "storageClass")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(classes, Is.EqualTo(new[] { "STANDARD_IA", "GLACIER" }), "warm then cold");
            Assert.That(StackRun.At(rule, "expiration"), Is.Null, "artifacts do not expire unless planned");
        });
    }

    [Test]
    public async Task ObjectLock_CreatesLockedBucketsWithComplianceRetention()
    {
        var run = await StackRun.OfAsync("pilot-light");
        Assert.Multiple(() =>
        {
            foreach (var region in new[] { "us-east-1", "us-west-2" })
            {
                var lockConfig = run.Named(Types.ObjectLock, $"model-artifacts-{region}-object-lock").Inputs;
                Assert.That(run.Named(Types.Bucket, $"model-artifacts-{region}").Inputs["objectLockEnabled"], Is.EqualTo(true), $"{region}: lock is enabled when the bucket is created");
                Assert.That(Str(lockConfig, "rule", "defaultRetention", "mode"), Is.EqualTo("COMPLIANCE"), $"{region}: retention mode");
                Assert.That(StackRun.At(lockConfig, "rule", "defaultRetention", "days"), Is.EqualTo(30), $"{region}: 30-day retention as configured");
            }
        });
    }

    [TestCaseSource(nameof(Stacks))]
    public async Task RolePolicies_GrantNoWildcardActionsOrResources(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        // Replication and WAL roles; the canary's role is judged in AlarmTests (it needs two actions IAM grants on no resource).
        var policies = run.OfType(Types.RolePolicy).Where(p => p.Name?.StartsWith("alarms-", StringComparison.Ordinal) != true).ToList();
        Assert.Multiple(() =>
        {
            foreach (var p in policies)
            {
                using var doc = JsonDocument.Parse((string)p.Inputs["policy"]);
                foreach (var statement in doc.RootElement.GetProperty("Statement").EnumerateArray())
                {
                    var actions = statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();
                    var resources = statement.GetProperty("Resource").EnumerateArray().Select(a => a.GetString()!).ToList();
                    Assert.That(actions, Has.None.Contain("*"), $"{p.Name}: every action is named");
                    Assert.That(resources, Has.None.EqualTo("*"), $"{p.Name}: resources are the component's buckets and keys");
                    Assert.That(resources, Has.All.StartWith("arn:aws:s3:::").Or.StartWith("arn:aws:kms:"), $"{p.Name}: only buckets and keys");
                }
            }
        });
    }

    [TestCaseSource(nameof(Stacks))]
    public async Task ReplicationRole_MayDecryptWithEveryReplicaKey_BecauseBucketKeysAreOn(string stack)
    {
        var run = await StackRun.OfAsync(stack);
        var policies = run.OfType(Types.RolePolicy).Where(p => p.Name!.EndsWith("-replication", StringComparison.Ordinal)).ToList();
        if (DrKit.Core.Planning.Planner.PlanFile(StackConfig.StackFile(stack)).RecoveryRegions.Count == 0)
        {
            Assert.That(policies, Is.Empty, $"{stack}: a single-region stack replicates nothing");
            return;
        }

        Assert.That(policies, Is.Not.Empty, $"{stack} replicates buckets");
        Assert.Multiple(() =>
        {
            foreach (var p in policies)
            {
                using var doc = JsonDocument.Parse((string)p.Inputs["policy"]);
                var grants = doc.RootElement.GetProperty("Statement").EnumerateArray()
                    .SelectMany(st => st.GetProperty("Action").EnumerateArray().SelectMany(a => st.GetProperty("Resource").EnumerateArray().Select(r => (Action: a.GetString()!, Resource: r.GetString()!))))
                    .ToList();
                var encrypting = grants.Where(g => g.Action == "kms:Encrypt").Select(g => g.Resource).ToList();
                Assert.That(encrypting, Is.Not.Empty, $"{p.Name}: S3 encrypts replicas with the destination keys");
                Assert.That(grants.Where(g => g.Action == "kms:Decrypt").Select(g => g.Resource), Is.SupersetOf(encrypting),
                    $"{p.Name}: replication into a bucket with an S3 Bucket Key needs kms:Decrypt on the replica key too");
            }
        });
    }

    private static IEnumerable<(string Prefix, BucketSettings Settings)> PlannedBuckets(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            switch (c.Settings)
            {
                case PostgresSettings { Engine: PostgresEngine.SelfManaged } p: yield return ($"{c.Name}-wal", p.WalArchive); break;
                case VectorIndexSettings v: yield return (c.Name, v.Store); break;
                case BucketSettings b: yield return (c.Name, b); break;
            }
        }
    }
}
