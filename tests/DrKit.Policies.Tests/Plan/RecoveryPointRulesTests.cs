namespace DrKit.Policies.Tests.Plan;

/// <summary>related-recovery-points: a vector index and the database it indexes come back at points no further apart than their RPOs allow.</summary>
public sealed class RecoveryPointRulesTests
{
    private static string Components(string indexLines) => $"""
        db:
          kind: postgres
          tier: production
          strategy: warm-standby
          engine: self-managed
          replication: sync
        index:
          kind: vector-index
          tier: production
          strategy: pilot-light
        {indexLines}
        """;

    [Test]
    public void IndexFarBehindItsDatabase_IsFlagged()
    {
        var plan = Stacks.Plan(Stacks.Yaml(Components("  recovery: embeddings\n  embeddingExportInterval: 1h\n  replicationTimeControl: true"), null, "us-west-2"));
        var finding = Stacks.Check(plan).Of(RuleCatalog.RelatedRecoveryPoints).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Subject, Is.EqualTo("index"), "the trailing component is named");
            Assert.That(finding.Message, Does.Contain("db").And.Contain("15m"), "the data it trails and the tighter RPO target are named");
        });
    }

    [Test]
    public void ReplicatedIndexBesideASyncDatabase_HasNoFindingWhenBounded()
    {
        var plan = Stacks.Plan(Stacks.Yaml(Components("  recovery: snapshot\n  snapshotInterval: 5m\n  replicationTimeControl: true"), null, "us-west-2"));
        var gap = plan.RecoveryPoints.Single();
        Assert.Multiple(() =>
        {
            Assert.That(gap.WorstBehind, Is.EqualTo(TimeSpan.FromMinutes(5) + TimeSpan.FromMinutes(15)), "a 5m snapshot plus the 15m RTC copy behind a synchronous database");
            Assert.That(Stacks.Check(plan).Of(RuleCatalog.RelatedRecoveryPoints).Single().Message, Does.Contain("up to 20m"), "20m exceeds the 15m production RPO");
        });
    }

    [Test]
    public void GapWithinTheTighterTarget_PassesTheRule()
    {
        var plan = Stacks.Plan(Stacks.Yaml(Components("  recovery: snapshot\n  snapshotInterval: 5m\n  replicationTimeControl: true\n  rpo: 1h").Replace("  tier: production\n  strategy: warm-standby", "  tier: standard\n  strategy: warm-standby", StringComparison.Ordinal), null, "us-west-2"));
        Assert.That(Stacks.Check(plan).Of(RuleCatalog.RelatedRecoveryPoints), Is.Empty, "20m behind a database whose RPO target is 1h, an index whose target is 1h: within both");
    }
}
