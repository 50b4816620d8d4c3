using System.Text.Json.Nodes;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Tests.Platforms.Kubernetes;

/// <summary>What the CNPG archives' S3 replication must be, and the verdict on what S3 reports.</summary>
public sealed class ArchiveReplicationTests
{
    private static DrPlan Plan => Planner.PlanFile(RepoPaths.Stack("k8s-pilot-light"));

    private static ArchiveReplication Forward => ArchiveReplications.Of(Plan).Single(r => r.SourceRegion == "us-east-1");

    private static JsonNode Enabled => JsonNode.Parse("""{"Status":"Enabled"}""")!;

    private static JsonNode Replication(string prefix = "context-store/", bool rtc = true, bool kms = true, string status = "Enabled")
    {
        var destination = new JsonObject { ["Bucket"] = "arn:aws:s3:::rag-wal-usw2" };
        var rule = new JsonObject
        {
            ["ID"] = "wal", ["Status"] = status, ["Priority"] = 1, ["Filter"] = new JsonObject { ["Prefix"] = prefix },
            ["DeleteMarkerReplication"] = new JsonObject { ["Status"] = "Disabled" }, ["Destination"] = destination,
        };
        if (kms)
        {
            rule["SourceSelectionCriteria"] = new JsonObject { ["SseKmsEncryptedObjects"] = new JsonObject { ["Status"] = "Enabled" } };
            destination["EncryptionConfiguration"] = new JsonObject { ["ReplicaKmsKeyID"] = "arn:aws:kms:us-west-2:1:key/k" };
        }

        if (rtc)
        {
            destination["ReplicationTime"] = new JsonObject { ["Status"] = "Enabled", ["Time"] = new JsonObject { ["Minutes"] = 15 } };
            destination["Metrics"] = new JsonObject { ["Status"] = "Enabled", ["EventThreshold"] = new JsonObject { ["Minutes"] = 15 } };
        }

        // Parsed back, as the reader gets it from the CLI's JSON.
        return JsonNode.Parse(new JsonObject { ["ReplicationConfiguration"] = new JsonObject { ["Role"] = "arn:aws:iam::1:role/r", ["Rules"] = new JsonArray(rule) } }.ToJsonString())!;
    }

    private static JsonNode Lifecycle(string prefix, int days) => JsonNode.Parse(new JsonObject
    {
        ["Rules"] = new JsonArray(new JsonObject
        {
            ["ID"] = "peer-copy", ["Status"] = "Enabled", ["Filter"] = new JsonObject { ["Prefix"] = prefix }, ["Expiration"] = new JsonObject { ["Days"] = days },
        }),
    }.ToJsonString())!;

    [Test]
    public void Of_RebuiltMember_JudgesTheCurrentIncarnationsPrefix()
    {
        var rebuilt = DrKit.Core.Operations.OperationsState.None with
        {
            ArchiveGenerations = new Dictionary<string, int>(StringComparer.Ordinal) { ["context-store.us-east-1"] = 1 },
        };
        var all = ArchiveReplications.Of(Plan, rebuilt);
        var forward = all.Single(r => r.SourceRegion == "us-east-1");
        var back = all.Single(r => r.SourceRegion == "us-west-2");

        // A rule written for the first incarnation covers context-store-us-east-1/ but not context-store-us-east-1-g1/.
        var problems = ArchiveReplications.Judge(forward, Enabled, Enabled, Replication("context-store/context-store-us-east-1/"), null);

        Assert.Multiple(() =>
        {
            Assert.That(forward.ServerPrefix, Is.EqualTo("context-store/context-store-us-east-1-g1/"), "the rebuilt member archives under its generation's server name");
            Assert.That(back.DestinationOwnPrefix, Is.EqualTo("context-store/context-store-us-east-1-g1/"), "and that is the destination's own archive in the other direction");
            Assert.That(back.ServerPrefix, Is.EqualTo("context-store/context-store-us-west-2/"), "the member not rebuilt keeps its name");
            Assert.That(problems, Has.Some.Contains("no enabled rule of rag-wal-use1 replicates context-store/context-store-us-east-1-g1/"),
                "a rule filtered on the old incarnation's prefix no longer carries the writer's WAL");
        });
    }

    [Test]
    public void Of_BundledStack_NeedsBothDirectionsWithTheServerPrefixes()
    {
        var all = ArchiveReplications.Of(Plan);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(r => (r.SourceBucket, r.DestinationBucket)), Is.EquivalentTo(new[] { ("rag-wal-use1", "rag-wal-usw2"), ("rag-wal-usw2", "rag-wal-use1") }),
                "one direction feeds the replica, the other the failback");
            Assert.That(Forward.ServerPrefix, Is.EqualTo("context-store/context-store-us-east-1/"), "the peer replays the source cluster's server name");
            Assert.That(Forward.DestinationOwnPrefix, Is.EqualTo("context-store/context-store-us-west-2/"), "which no expiry of the copy may touch");
            Assert.That(Forward.TimeControl && Forward.Kms, Is.True, "the stack asks for RTC and aws:kms");
            Assert.That(Forward.ReplicaExpiryDays, Is.EqualTo(32), "30d PITR window + 1d backup interval + 1d margin");
        });
    }

    [Test]
    public void Judge_AsPlanned_FindsNothing() =>
        Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(), Lifecycle("context-store/context-store-us-east-1/", 32)), Is.Empty,
            "versioned, an enabled rule with RTC and KMS to the peer, and the copy expiring after the window");

    [Test]
    public void Judge_NoReplication_SaysTheReplicaNeverReceivesTheArchive() =>
        Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, null, Lifecycle("context-store/context-store-us-east-1/", 32)),
            Has.One.Contains("no replication configuration").And.One.Contains("never receives"));

    [Test]
    public void Judge_RuleWithoutRtc_IsReportedAgainstTheConfigsClaim() =>
        Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(rtc: false), Lifecycle("context-store/context-store-us-east-1/", 32)),
            Has.One.Contains("Replication Time Control"), "the RPO's 15-minute term is not an echo of replicationTimeControl: true");

    [TestCase("context-store/context-store-us-east-2/", "no enabled rule")]
    [TestCase("other/", "no enabled rule")]
    public void Judge_RuleNotCoveringTheServerPrefix_IsNoReplication(string prefix, string expected) =>
        Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(prefix), Lifecycle("context-store/context-store-us-east-1/", 32)), Has.One.Contains(expected));

    [Test]
    public void Judge_DisabledRuleOrUnversionedBucket_AreProblems()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(status: "Disabled"), null), Has.Some.Contains("no enabled rule"));
            Assert.That(ArchiveReplications.Judge(Forward, JsonNode.Parse("{}"), Enabled, Replication(), Lifecycle("context-store/context-store-us-east-1/", 32)),
                Has.One.Contains("versioning of rag-wal-use1 is not enabled"));
        });
    }

    [Test]
    public void Judge_KmsObjectsNotSelected_AreNotReplicated() =>
        Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(kms: false), Lifecycle("context-store/context-store-us-east-1/", 32)), Has.One.Contains("SSE-KMS"));

    [Test]
    public void Judge_Lifecycle_ExpiresOnlyThePeerCopyAndNotInsideTheWindow()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(), null), Has.One.Contains("grows without end").And.One.Contains("32 days"));
            Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(), Lifecycle("context-store/context-store-us-east-1/", 7)), Has.One.Contains("after 7 days, inside the PITR window"));
            Assert.That(ArchiveReplications.Judge(Forward, Enabled, Enabled, Replication(), Lifecycle("context-store/", 32)), Has.Some.Contains("own archive"),
                "a rule over the whole path would expire the destination cluster's own base backups and WAL");
        });
    }

    [TestCase("s3://rag-wal-use1/context-store", "rag-wal-use1", "context-store/")]
    [TestCase("s3://b/a/b/", "b", "a/b/")]
    [TestCase("s3://b", "b", "")]
    public void Split_ReadsBucketAndPrefix(string destination, string bucket, string prefix) =>
        Assert.That(ArchiveReplications.Split(destination), Is.EqualTo((bucket, prefix)));

    [TestCase("""{"ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"k"}}]}}""", null)]
    [TestCase("""{"ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms:dsse"}}]}}""", null)]
    [TestCase("""{"ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}}""", "not SSE-KMS")]
    [TestCase(null, "no default encryption")]
    public void JudgeEncryption_WantsSseKmsWhereTheWalIsKmsEncrypted(string? json, string? expected)
    {
        var problems = ArchiveReplications.JudgeEncryption(Forward, json is null ? null : JsonNode.Parse(json));

        Assert.That(problems, expected is null ? Is.Empty : Has.One.Contains(expected), "the bucket's default encryption, read from S3, against walEncryption: aws:kms");
    }
}
