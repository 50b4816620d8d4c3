using DrKit.Policies.Resources;
using static DrKit.Policies.Tests.Resources.Descriptions;

namespace DrKit.Policies.Tests.Resources;

/// <summary>replication-needs-versioning, public-access-blocked and tls-only-bucket-policy.</summary>
public sealed class BucketRulesTests
{
    private const string Parent = "drkit:aws:ReplicatedBucket::models";

    private static ResourceDescription Versioning(object? bucket, object? status, string? parent = Parent) =>
        Of(ResourceTypes.BucketVersioning, "models-versioning", parent, ("bucket", bucket), ("versioningConfiguration", Map(("status", status))));

    private static ResourceDescription Replication(object? bucket, string? parent = Parent) =>
        Of(ResourceTypes.BucketReplicationConfig, "models-replication", parent, ("bucket", bucket), ("role", Unknown.Value));

    [Test]
    public void Versioning_PassesWhenTheSameBucketIsVersioned() =>
        Assert.That(Judge(RuleCatalog.ReplicationNeedsVersioning, Versioning("b1", "Enabled", null), Replication("b1", null)), Is.Empty, "matched by bucket name");

    [Test]
    public void Versioning_MatchesByParentWhenTheBucketIsUnknown() =>
        Assert.That(Judge(RuleCatalog.ReplicationNeedsVersioning, Versioning(Unknown.Value, "Enabled"), Replication(Unknown.Value)), Is.Empty, "matched by component parent");

    [Test]
    public void Versioning_FlagsSuspendedVersioning()
    {
        var finding = Judge(RuleCatalog.ReplicationNeedsVersioning, Versioning("b1", "Suspended"), Replication("b1")).Single();
        Assert.That((finding.Level, finding.Message.Contains("Suspended", StringComparison.Ordinal)), Is.EqualTo((PolicyLevel.Mandatory, true)), "suspended versioning breaks replication");
    }

    [Test]
    public void Versioning_FlagsReplicationOfAnotherBucketsVersioning()
    {
        var finding = Judge(RuleCatalog.ReplicationNeedsVersioning, Versioning("other", "Enabled", null), Replication("b1", null)).Single();
        Assert.That(finding.Message, Does.Contain("no BucketVersioning"), "versioning of a different bucket does not count");
    }

    [Test]
    public void Versioning_UnknownStatusIsAdvisoryAtMost()
    {
        var finding = Judge(RuleCatalog.ReplicationNeedsVersioning, Versioning("b1", Unknown.Value), Replication("b1")).Single();
        Assert.That((finding.Level, finding.Message), Is.EqualTo((PolicyLevel.Advisory, "versioning of b1 is not verifiable at registration")), "unknown is never a violation");
    }

    private static ResourceDescription Block(object? acls, object? policy = null) => Of(ResourceTypes.BucketPublicAccessBlock, "models-pab", Parent,
        ("blockPublicAcls", acls), ("blockPublicPolicy", policy ?? true), ("ignorePublicAcls", true), ("restrictPublicBuckets", true));

    [Test]
    public void PublicAccess_PassesWithAllFourFlags() =>
        Assert.That(Judge(RuleCatalog.PublicAccessBlocked, Block(true)), Is.Empty, "all four flags set");

    [Test]
    public void PublicAccess_FlagsAFalseFlag()
    {
        var finding = Judge(RuleCatalog.PublicAccessBlocked, Block(false)).Single();
        Assert.That(finding.ToString(), Does.Contain("models-pab (BucketPublicAccessBlock)").And.Contain("blockPublicAcls is false"), "resource and flag are named");
    }

    [Test]
    public void PublicAccess_UnknownFlagIsAdvisory() =>
        Assert.That(Judge(RuleCatalog.PublicAccessBlocked, Block(Unknown.Value)).Single().Level, Is.EqualTo(PolicyLevel.Advisory), "not verifiable at registration");

    private const string TlsDeny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";

    private static ResourceDescription Policy(object? policy) => Of(ResourceTypes.BucketPolicy, "models-policy", Parent, ("bucket", "b"), ("policy", policy));

    [Test]
    public void Tls_PassesWithADenyOnInsecureTransport() =>
        Assert.That(Judge(RuleCatalog.TlsOnlyBucketPolicy, Policy(TlsDeny)), Is.Empty, "the JSON form");

    [Test]
    public void Tls_AcceptsTheStructuredConditionForm()
    {
        var statement = Map(("effect", "Deny"), ("conditions", null), ("condition", List(Map(("test", "Bool"), ("variable", "aws:SecureTransport"), ("values", List("false"))))));
        Assert.That(Judge(RuleCatalog.TlsOnlyBucketPolicy, Policy(Map(("statement", List(statement))))), Is.Empty, "the structured PolicyDocumentArgs form");
    }

    [Test]
    public void Tls_FlagsAPolicyWithoutTheDeny()
    {
        var allowOnly = """{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}""";
        Assert.That(Judge(RuleCatalog.TlsOnlyBucketPolicy, Policy(allowOnly)).Single().Level, Is.EqualTo(PolicyLevel.Mandatory), "plain HTTP is allowed");
    }

    [Test]
    public void Tls_UnknownPolicyIsAdvisory() =>
        Assert.That(Judge(RuleCatalog.TlsOnlyBucketPolicy, Policy(Unknown.Value)).Single().Message, Does.Contain("not verifiable at registration"), "a policy built from outputs");
}
