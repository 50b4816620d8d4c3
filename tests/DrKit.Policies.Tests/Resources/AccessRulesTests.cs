using DrKit.Policies.Resources;
using static DrKit.Policies.Tests.Resources.Descriptions;

namespace DrKit.Policies.Tests.Resources;

/// <summary>ecr-replica-matches-source and replication-role-no-wildcards.</summary>
public sealed class AccessRulesTests
{
    private static ResourceDescription Repo(string name, object? mutability, object? scan, string encryption = "KMS") => Of(ResourceTypes.EcrRepository, name, null,
        ("name", "rag-api"), ("imageTagMutability", mutability), ("imageScanningConfiguration", Map(("scanOnPush", scan))),
        ("encryptionConfigurations", List(Map(("encryptionType", encryption)))));

    [Test]
    public void Ecr_PassesWhenTheReplicaMatches() =>
        Assert.That(Judge(RuleCatalog.EcrReplicaMatchesSource, Repo("use1", "IMMUTABLE", true), Repo("usw2", "IMMUTABLE", true)), Is.Empty, "same settings");

    [Test]
    public void Ecr_FlagsADifferentReplica()
    {
        var finding = Judge(RuleCatalog.EcrReplicaMatchesSource, Repo("use1", "IMMUTABLE", true), Repo("usw2", null, true, "AES256")).Single();
        Assert.That(finding.Message, Does.Contain("imageTagMutability MUTABLE vs IMMUTABLE").And.Contain("encryptionType AES256 vs KMS"), "unset means AWS defaults");
    }

    [Test]
    public void Ecr_UnknownSettingIsAdvisory() =>
        Assert.That(Judge(RuleCatalog.EcrReplicaMatchesSource, Repo("use1", "IMMUTABLE", true), Repo("usw2", "IMMUTABLE", Unknown.Value)).Single().Level,
            Is.EqualTo(PolicyLevel.Advisory), "not verifiable");

    private static ResourceDescription RolePolicy(object? policy) => Of(ResourceTypes.RolePolicy, "models-replication-policy", null, ("role", Unknown.Value), ("policy", policy));

    [Test]
    public void Role_PassesWithExplicitActionsAndResources()
    {
        var policy = """{"Statement":[{"Effect":"Allow","Action":["s3:GetReplicationConfiguration","s3:ListBucket"],"Resource":"arn:aws:s3:::b"},{"Effect":"Allow","Action":["s3:ReplicateObject","s3:ReplicateDelete"],"Resource":"arn:aws:s3:::d/*"}]}""";
        Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(policy)), Is.Empty, "object ARNs with /* are not wildcard resources");
    }

    [Test]
    public void Role_FlagsWildcardActionAndResource()
    {
        var policy = """{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
        Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(policy)).Single().Message, Is.EqualTo("allows wildcards: action s3:*, resource *"), "both wildcards named");
    }

    [Test]
    public void Role_AllowsStarOnlyForActionsThatTakeNoResource()
    {
        var scoped = """{"Statement":[{"Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*","Condition":{"StringEquals":{"cloudwatch:namespace":"CloudWatchSynthetics"}}},{"Effect":"Allow","Action":["s3:ListAllMyBuckets"],"Resource":"*"}]}""";
        var mixed = """{"Statement":[{"Effect":"Allow","Action":["cloudwatch:PutMetricData","s3:GetObject"],"Resource":"*"}]}""";
        Assert.Multiple(() =>
        {
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(scoped)), Is.Empty, "IAM authorizes these actions on no resource: * is the only way to grant them");
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(mixed)).Single().Message, Is.EqualTo("allows wildcards: resource *"), "an action that takes a resource keeps the rule");
        });
    }

    [Test]
    public void Role_PutMetricDataOnStarNeedsANamespaceCondition()
    {
        var any = """{"Statement":[{"Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*"}]}""";
        var pattern = """{"Statement":[{"Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*","Condition":{"StringLike":{"cloudwatch:namespace":"*"}}}]}""";
        var scoped = """{"Statement":[{"Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*","Condition":{"StringEquals":{"cloudwatch:namespace":"DrKit"}}}]}""";
        Assert.Multiple(() =>
        {
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(any)).Single().Message, Is.EqualTo("allows wildcards: cloudwatch:PutMetricData on * without a StringEquals cloudwatch:namespace condition"),
                "any namespace would let a workload publish DrKit's own metrics and hold an alarm OK");
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(pattern)), Has.Count.EqualTo(1), "a pattern is no confinement");
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(scoped)), Is.Empty, "one named namespace is what the DrKit roles grant");
        });
    }

    [Test]
    public void Role_FreshnessProbeReadsReservationsOnStarAndTheRestByArn()
    {
        var probe = """{"Statement":[{"Effect":"Allow","Action":["ec2:DescribeCapacityReservations"],"Resource":["*"]},{"Effect":"Allow","Action":["rds:DescribeDBInstanceAutomatedBackups"],"Resource":["arn:aws:rds:us-west-2:1:auto-backup:ab-1"]}]}""";
        var widened = """{"Statement":[{"Effect":"Allow","Action":["ec2:DescribeCapacityReservations","rds:DescribeDBInstanceAutomatedBackups"],"Resource":["*"]}]}""";
        Assert.Multiple(() =>
        {
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(probe)), Is.Empty, "DescribeCapacityReservations supports no resource-level permissions");
            Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(widened)).Single().Message, Is.EqualTo("allows wildcards: resource *"), "RDS backups are scoped by ARN");
        });
    }

    [Test]
    public void Role_UnknownPolicyIsAdvisory() =>
        Assert.That(Judge(RuleCatalog.RolePolicyNoWildcards, RolePolicy(Unknown.Value)).Single().Level, Is.EqualTo(PolicyLevel.Advisory), "a policy built from outputs");

    [Test]
    public void Levels_OverrideAppliesToResourceRules() =>
        Assert.That(JudgeWith(RuleCatalog.RolePolicyNoWildcards, new() { ["replication-role-no-wildcards"] = "disabled" }, RolePolicy("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""")),
            Is.Empty, "disabled in config");
}
