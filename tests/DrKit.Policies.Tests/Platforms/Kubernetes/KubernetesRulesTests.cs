namespace DrKit.Policies.Tests.Platforms.Kubernetes;

/// <summary>The rules for risks Kubernetes adds: archive encryption, placeholder capacity, replica placement.</summary>
public sealed class KubernetesRulesTests
{
    private static readonly string[] Cnpg =
    [
        "kind: postgres", "platform: kubernetes", "tier: production", "strategy: pilot-light", "rpo: 30m",
        "objectStores:", "  us-east-1: s3://wal-use1/c", "  us-west-2: s3://wal-usw2/c",
    ];

    private static Core.Planning.DrPlan Plan(string recoveryContext, params string[] lines)
    {
        var yaml = Stacks.Yaml("c:\n" + string.Concat(lines.Select(l => "  " + l + "\n")), null, "us-west-2");
        var clusters = $"  drkit:kubernetes:\n    clusters:\n      us-east-1:\n        context: use1\n      us-west-2:\n        context: {recoveryContext}\n";
        return Stacks.Plan(yaml.Replace("  drkit:components:\n", clusters + "  drkit:components:\n", StringComparison.Ordinal));
    }

    private static List<Finding> Findings(Core.Planning.DrPlan plan, string rule) => Stacks.Check(plan).Findings.Where(f => f.RuleId == rule).ToList();

    [Test]
    public void WalArchive_FlagsAnUnencryptedArchiveOnly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Findings(Plan("usw2", Cnpg), "kubernetes-wal-archive-encrypted"), Is.Empty, "AES256 is the default");
            Assert.That(Findings(Plan("usw2", [.. Cnpg, "walEncryption: none"]), "kubernetes-wal-archive-encrypted").Single().Level, Is.EqualTo(PolicyLevel.Mandatory), "walEncryption: none is a mandatory finding");
        });
    }

    [Test]
    public void Placeholders_FlagARecoveryClusterHoldingFewerGpusThanThePlan()
    {
        string[] gpu = ["kind: gpu-capacity", "platform: kubernetes", "tier: production", "strategy: pilot-light", "image: inference:1", "count: 2", "gpusPerPod: 4"];
        Assert.Multiple(() =>
        {
            Assert.That(Findings(Plan("usw2", gpu), "kubernetes-placeholders-cover-gpus"), Is.Empty, "placeholders hold every pod's GPUs");
            Assert.That(Findings(Plan("usw2", [.. gpu, "reserved: false"]), "kubernetes-placeholders-cover-gpus").Single().Message, Does.Contain("holds 0 of the 8 GPUs"), "without placeholders nothing is held");
        });
    }

    [Test]
    public void ReplicaCluster_FlaggedWhenItSharesThePrimarysCluster()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Findings(Plan("usw2", Cnpg), "kubernetes-replica-cluster-elsewhere"), Is.Empty, "distinct clusters pass");
            Assert.That(Findings(Plan("use1", Cnpg), "kubernetes-replica-cluster-elsewhere").Single().Message, Does.Contain("same Kubernetes cluster"), "one cluster for both regions does not survive its loss");
        });
    }

    [Test]
    public void ArchiveIdentity_FlaggedForAnS3StoreWithNeitherRoleNorSecret()
    {
        string[] roles = ["roleArns:", "  us-east-1: arn:aws:iam::123456789012:role/wal-use1", "  us-west-2: arn:aws:iam::123456789012:role/wal-usw2"];
        Assert.Multiple(() =>
        {
            Assert.That(Findings(Plan("usw2", [.. Cnpg, .. roles]), "kubernetes-archive-identity"), Is.Empty, "an IRSA role per region gives every store an identity");
            Assert.That(Findings(Plan("usw2", [.. Cnpg, "credentialsSecret: wal-keys"]), "kubernetes-archive-identity"), Is.Empty, "access keys are an identity too");
            Assert.That(Findings(Plan("usw2", [.. Cnpg, "roleArns:", "  us-east-1: arn:aws:iam::123456789012:role/wal-use1"]), "kubernetes-archive-identity").Single().Message,
                Does.Contain("S3 store of us-west-2"), "the region without a role is named");
            Assert.That(Findings(Plan("usw2", Cnpg), "kubernetes-archive-identity").Single().Level, Is.EqualTo(PolicyLevel.Mandatory), "no identity at all is a mandatory finding");
        });
    }

    [Test]
    public void BundledKubernetesStack_HasNoMandatoryFinding()
    {
        var report = Stacks.Check(Core.Planning.Planner.PlanFile(Stacks.Bundled("k8s-pilot-light")));
        Assert.That(report.Findings.Where(f => f.Level == PolicyLevel.Mandatory), Is.Empty, $"the bundled stack passes drkit check: {string.Join("; ", report.Findings)}");
    }
}
