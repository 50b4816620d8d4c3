using DrKit.Policies.Resources;
using static DrKit.Policies.Tests.Resources.Descriptions;

namespace DrKit.Policies.Tests.Resources;

/// <summary>encryption-at-rest-kms and secrets-not-plaintext.</summary>
public sealed class DataRulesTests
{
    private static ResourceDescription Sse(object? algorithm) => Of(ResourceTypes.BucketEncryption, "models-sse", null,
        ("bucket", "b"), ("rules", List(Map(("applyServerSideEncryptionByDefault", Map(("sseAlgorithm", algorithm), ("kmsMasterKeyId", Unknown.Value)))))));

    [Test]
    public void Bucket_PassesWithKms() => Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Sse("aws:kms")), Is.Empty, "aws:kms is KMS");

    [Test]
    public void Bucket_FlagsAes256() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Sse("AES256")).Single().Message, Does.Contain("AES256"), "S3-managed keys are not KMS");

    [Test]
    public void Bucket_UnknownAlgorithmIsAdvisory() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Sse(Unknown.Value)).Single().Level, Is.EqualTo(PolicyLevel.Advisory), "not verifiable");

    private static ResourceDescription Cache(params (string, object?)[] inputs) =>
        Of(ResourceTypes.ReplicationGroup, "cache", null, [("description", "c"), .. inputs]);

    [Test]
    public void Cache_PassesWithAtRestEncryptionAndAKey() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Cache(("atRestEncryptionEnabled", true), ("kmsKeyId", Unknown.Value))), Is.Empty, "a key from another resource is unknown but present");

    [Test]
    public void Cache_FlagsTheAwsOwnedKey() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Cache(("atRestEncryptionEnabled", true))).Single().Message, Does.Contain("kmsKeyId"), "no customer key");

    [Test]
    public void Cache_FlagsNoAtRestEncryption() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Cache(("atRestEncryptionEnabled", false))).Single().Message, Does.Contain("at-rest encryption is off"), "unencrypted snapshots");

    [Test]
    public void Cache_GlobalSecondaryInheritsEncryption() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Cache(("globalReplicationGroupId", Unknown.Value))), Is.Empty, "a secondary may not set encryption itself");

    [Test]
    public void Database_PassesWhenStorageIsEncrypted() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Of(ResourceTypes.RdsInstance, "db", null, ("storageEncrypted", true))), Is.Empty, "encrypted storage");

    [Test]
    public void Database_FlagsUnencryptedStorage() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Of(ResourceTypes.RdsInstance, "db", null, ("instanceClass", "db.r6g.large"))).Single().Subject, Is.EqualTo("db (Instance)"), "unset means unencrypted");

    [Test]
    public void Database_ReplicaNeedsTheRecoveryRegionKey() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Of(ResourceTypes.RdsInstance, "replica", null, ("replicateSourceDb", Unknown.Value), ("storageEncrypted", true))).Single().Message,
            Does.Contain("kmsKeyId"), "storageEncrypted is ignored on cross-region replicas");

    [Test]
    public void Database_ReplicaWithKeyAndEncryptionPasses() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Of(ResourceTypes.RdsInstance, "replica", null, ("replicateSourceDb", Unknown.Value), ("kmsKeyId", "arn:aws:kms:us-west-2:1:key/k"), ("storageEncrypted", true))),
            Is.Empty, "a replica with the recovery region's key, declared encrypted as RDS reports it");

    [Test]
    public void Database_ReplicaWithoutStorageEncrypted_IsFlaggedBecausePromotionWouldReplaceIt() =>
        Assert.That(Judge(RuleCatalog.EncryptionAtRestKms, Of(ResourceTypes.RdsInstance, "replica", null, ("replicateSourceDb", Unknown.Value), ("kmsKeyId", "arn:aws:kms:us-west-2:1:key/k"))).Single().Message,
            Does.Contain("storageEncrypted true").And.Contain("plans a replacement"), "storage_encrypted is ForceNew: unset on a replica, every update (the promotion too) plans a replacement");

    [Test]
    public void Secrets_PassWhenMarkedSecret() =>
        Assert.That(Judge(RuleCatalog.SecretsNotPlaintext, Of(ResourceTypes.RdsInstance, "db", null, ("storageEncrypted", true), ("password", new SecretValue("pw")))), Is.Empty, "a secret password");

    [Test]
    public void Secrets_UnknownIsNotAViolation() =>
        Assert.That(Judge(RuleCatalog.SecretsNotPlaintext, Cache(("authToken", Unknown.Value))), Is.Empty, "a generated token not yet known");

    [Test]
    public void Secrets_FlagPlainTextTokens() =>
        Assert.That(Judge(RuleCatalog.SecretsNotPlaintext, Cache(("authToken", "hunter2hunter2hunter2"))).Single().Message, Does.StartWith("authToken is given as plain text"), "a plain auth token lands in the state");
}
