using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Gateway;
using DrKit.Operations.Readiness;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests;

/// <summary>The CNPG archives' S3 replication is read from S3 in each bucket's region, in both directions, and scored.</summary>
public sealed class LiveArchiveReadinessTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DrPlan Plan => Planner.PlanFile(RepoPaths.Stack("k8s-pilot-light"));

    private static FakeAws Configured(bool rtc = true)
    {
        var aws = new FakeAws();
        aws.BucketRegions["rag-wal-use1"] = "us-east-1";
        aws.BucketRegions["rag-wal-usw2"] = "us-west-2";
        foreach (var (bucket, peer, peerRegion, own) in new[] { ("rag-wal-use1", "rag-wal-usw2", "us-west-2", "us-east-1"), ("rag-wal-usw2", "rag-wal-use1", "us-east-1", "us-west-2") })
        {
            aws.BucketConfig[("get-bucket-versioning", bucket)] = """{"Status":"Enabled"}""";
            aws.BucketConfig[("get-bucket-encryption", bucket)] = $$$"""{"ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"arn:aws:kms:{{{own}}}:1:key/k"},"BucketKeyEnabled":true}]}}""";
            var time = rtc ? ""","ReplicationTime":{"Status":"Enabled","Time":{"Minutes":15}},"Metrics":{"Status":"Enabled","EventThreshold":{"Minutes":15}}""" : string.Empty;
            aws.BucketConfig[("get-bucket-replication", bucket)] =
                $$$"""{"ReplicationConfiguration":{"Role":"arn:aws:iam::1:role/r","Rules":[{"ID":"wal","Status":"Enabled","Priority":1,"Filter":{"Prefix":"context-store/context-store-{{{own}}}/"},"SourceSelectionCriteria":{"SseKmsEncryptedObjects":{"Status":"Enabled"}},"Destination":{"Bucket":"arn:aws:s3:::{{{peer}}}","EncryptionConfiguration":{"ReplicaKmsKeyID":"arn:aws:kms:{{{peerRegion}}}:1:key/k"}{{{time}}}}}]}}""";
            aws.BucketConfig[("get-bucket-lifecycle-configuration", peer)] =
                $$$"""{"Rules":[{"ID":"peer-copy","Status":"Enabled","Filter":{"Prefix":"context-store/context-store-{{{own}}}/"},"Expiration":{"Days":32}}]}""";
        }

        return aws;
    }

    private static Task<IReadOnlyList<ArchiveObservation>> Read(FakeAws aws, IReadOnlyDictionary<string, ConfigSetting>? config = null)
    {
        var clock = new ManualTimeProvider(Now);
        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.GetConfigAsync("k8s-pilot-light", It.IsAny<CancellationToken>()))
            .ReturnsAsync(config ?? new Dictionary<string, ConfigSetting>(StringComparer.Ordinal));
        return new LiveReadinessReader(gateway.Object, aws.Lag(clock), clock).ArchivesAsync(Plan, CancellationToken.None);
    }

    [Test]
    public async Task Archives_AfterARebuild_AreJudgedUnderTheNewIncarnationsPrefix()
    {
        // The rules cover each member's first incarnation; us-east-1 was rebuilt and now archives under -g1.
        var aws = Configured();
        var config = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            ["drkit-ops:archiveGeneration.context-store.us-east-1"] = ConfigSetting.Plain("1"),
            ["drkit-ops:fence.context-store"] = ConfigSetting.Plain("false"),
        };

        var archives = await Read(aws, config);

        Assert.Multiple(() =>
        {
            Assert.That(archives.Single(a => a.Subject.Contains("rag-wal-use1/", StringComparison.Ordinal)).Problems,
                Has.Some.Contains("no enabled rule of rag-wal-use1 replicates context-store/context-store-us-east-1-g1/"),
                "the rebuilt member's WAL is not replicated by a rule on its old prefix, which readiness must not score as healthy");
            Assert.That(archives.Single(a => a.Subject.Contains("rag-wal-usw2/", StringComparison.Ordinal)).Problems, Is.Empty,
                "the member not rebuilt keeps its prefix and its rule");
        });
    }

    [Test]
    public async Task Archives_ReplicatingBothWaysAsPlanned_HaveNoProblem()
    {
        var aws = Configured();

        var archives = await Read(aws);

        Assert.Multiple(() =>
        {
            Assert.That(archives, Has.Count.EqualTo(2), "the replica's direction and the failback's");
            Assert.That(archives.All(a => a.Problems is { Count: 0 }), Is.True, string.Join("; ", archives.SelectMany(a => a.Problems ?? [a.Source])));
            Assert.That(aws.Calls.Where(c => c[0] == "s3api").Select(c => c[1]), Does.Contain("get-bucket-replication").And.Contain("get-bucket-lifecycle-configuration"),
                "read from S3, not from the stack's replicationTimeControl");
        });
    }

    [Test]
    public async Task Archives_InABucketEncryptingBySseS3_AreFoundWhereTheStackSaysKms()
    {
        var aws = Configured();
        aws.BucketConfig.Remove(("get-bucket-encryption", "rag-wal-use1"));

        var archives = await Read(aws);

        Assert.Multiple(() =>
        {
            Assert.That(archives.Single(a => a.Subject.Contains("rag-wal-use1/", StringComparison.Ordinal)).Problems, Has.One.Contains("encrypts by default with AES256, not SSE-KMS"),
                "the bucket's default encryption is read from S3, against the stack's walEncryption: aws:kms");
            Assert.That(archives.Single(a => a.Subject.Contains("rag-wal-usw2/", StringComparison.Ordinal)).Problems, Is.Empty, "the other bucket encrypts with its KMS key");
            Assert.That(aws.Calls.Where(c => c[0] == "s3api").Select(c => c[1]), Does.Contain("get-bucket-encryption"), "read in each source bucket's region");
        });
    }

    [Test]
    public async Task Archives_WithoutRtcOrReplication_AreScoredDown()
    {
        var aws = Configured(rtc: false);
        aws.BucketConfig.Remove(("get-bucket-replication", "rag-wal-usw2"));

        var archives = await Read(aws);
        var report = ReadinessScorer.Score(Plan, [], new DrillSummary(true, "h", (Now, true), Now, []), Now, new LiveReadings([], [], [], []) { Archives = archives });

        Assert.That(archives.All(a => a.Problems is not null), Is.True, string.Join("; ", archives.Select(a => a.Source)));
        Assert.Multiple(() =>
        {
            Assert.That(archives.Single(a => a.Subject.Contains("rag-wal-use1/", StringComparison.Ordinal)).Problems, Has.One.Contains("Replication Time Control"),
                "the stack claims RTC, S3 does not have it");
            Assert.That(archives.Single(a => a.Subject.Contains("rag-wal-usw2/", StringComparison.Ordinal)).Problems, Has.One.Contains("no replication configuration"),
                "the failback's direction is missing");
            Assert.That(report.Deductions.Where(d => d.Category == ReadinessScorer.Archive).Sum(d => d.Points), Is.EqualTo(30), "15 each");
        });
    }

    [Test]
    public async Task Archives_ReadRefused_IsUnknownWithTheError()
    {
        var aws = Configured();
        aws.BucketError = "An error occurred (AccessDenied) when calling the GetBucketVersioning operation: Access Denied";

        var archives = await Read(aws);

        Assert.Multiple(() =>
        {
            Assert.That(archives.All(a => a.Problems is null), Is.True, "not read is not fine");
            Assert.That(archives[0].Source, Does.Contain("AccessDenied").And.Contain("s3:GetBucketVersioning"), "the error and the permission it needs");
        });
    }
}
