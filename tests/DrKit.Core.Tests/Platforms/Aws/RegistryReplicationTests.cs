using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Tests.Platforms.Aws;

public sealed class RegistryReplicationTests
{
    private static RegistryReplicationNeed Need(string stack, params string[] destinations) =>
        new(stack, "123456789012", "us-east-1", RegistryReplication.Prefix("rag", stack), destinations);

    [Test]
    public void Merge_KeepsEveryStacksRule_StacksWithTheSameDestinationsShareOne()
    {
        var rules = RegistryReplication.Merge("us-east-1", [Need("b", "us-west-2"), Need("a", "us-west-2"), Need("c", "eu-west-1", "us-west-2")]);

        Assert.That(rules, Has.Count.EqualTo(2), "two destination sets, two rules");
        Assert.That(rules[0].Destinations, Is.EqualTo(new[] { "eu-west-1", "us-west-2" }), "rules in a stable order");
        Assert.That(rules[1].Prefixes, Is.EqualTo(new[] { "rag/a/", "rag/b/" }), "both stacks' prefixes in one rule, sorted");
    }

    [Test]
    public void Plan_WithAnOwnedRegionNoMemberReplicatesFrom_RefusesNamingTheRegion()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RegistryReplication.Plan(["us-east-1", "us-west-2"], [Need("a", "us-west-2")]))!;

        Assert.That(e.Message, Does.Contain("us-west-2").And.Contain("at least one rule").And.Contain("remove"),
            "ECR rejects a configuration without rules: a recovery-only region, or one whose last member left, must leave drkit-account:regions");
    }

    [Test]
    public void Plan_WhenTheLastMemberOfARegionIsDropped_Refuses()
    {
        Assert.That(RegistryReplication.Plan(["us-east-1"], [Need("a", "us-west-2")])["us-east-1"], Has.Count.EqualTo(1), "with a member the region has its rule");
        Assert.That(() => RegistryReplication.Plan(["us-east-1"], []), Throws.InvalidOperationException.With.Message.Contain("us-east-1"),
            "without members the region would be sent an empty rule list");
    }

    [Test]
    public void Plan_WithAMemberWhoseImagesLiveInAnUnownedRegion_RefusesNamingTheMember()
    {
        var eu = new RegistryReplicationNeed("eu-stack", "123456789012", "eu-west-1", RegistryReplication.Prefix("rag", "eu-stack"), ["eu-central-1"]);

        Assert.That(() => RegistryReplication.Plan(["us-east-1"], [Need("a", "us-west-2"), eu]),
            Throws.InvalidOperationException.With.Message.Contain("eu-stack").And.Message.Contain("eu-west-1"), "its images would never replicate, silently");
    }

    [Test]
    public void Merge_WithoutAStack_KeepsTheOthers()
    {
        var before = RegistryReplication.Merge("us-east-1", [Need("a", "us-west-2"), Need("b", "us-west-2")]);
        var after = RegistryReplication.Merge("us-east-1", [Need("b", "us-west-2")]);

        Assert.That(before.Single().Prefixes, Is.EqualTo(new[] { "rag/a/", "rag/b/" }), "both members replicate");
        Assert.That(after.Single().Prefixes, Is.EqualTo(new[] { "rag/b/" }), "removing stack a leaves b's replication in place");
    }

    [Test]
    public void Merge_OnlyTakesNeedsOfItsRegion_AndRefusesMoreRulesThanEcrAllows()
    {
        var other = Need("x", "us-west-2") with { SourceRegion = "eu-west-1" };
        Assert.That(RegistryReplication.Merge("us-east-1", [other]), Is.Empty, "a need from another region's registry is not this registry's");

        var many = Enumerable.Range(0, 11).Select(i => Need($"s{i}", $"r{i}")).ToList();
        Assert.That(() => RegistryReplication.Merge("us-east-1", many), Throws.InvalidOperationException.With.Message.Contain("allows 10"), "ECR allows 10 rules per registry");
    }

    [Test]
    public void Prefix_OfAStack_DoesNotMatchItsDrillStacks() =>
        Assert.That(RegistryReplication.Prefix("rag", "pilot-light-drill-20300101120000-ab12"), Does.Not.StartWith(RegistryReplication.Prefix("rag", "pilot-light")),
            "the trailing slash keeps a stack's filter off other stacks' repositories");

    [Test]
    public void Serialize_RoundTrips_AndAnEmptyOutputIsNoNeed()
    {
        var need = Need("a", "us-west-2");

        Assert.That(RegistryReplication.Parse("a", RegistryReplication.Serialize(need)), Is.EqualTo(need).Using<RegistryReplicationNeed>((x, y) => x.Stack == y.Stack && x.Prefix == y.Prefix && x.Destinations.SequenceEqual(y.Destinations)),
            "what a member exports, the owner reads");
        Assert.That(RegistryReplication.Parse("a", string.Empty), Is.Null, "a stack without images needs nothing");
        Assert.That(() => RegistryReplication.Parse("a", "{\"x\":1}"), Throws.InstanceOf<FormatException>(), "anything else is an error naming the stack");
    }

    [Test]
    public void AccountStackConfig_NamesTheKeyOfEveryProblem()
    {
        var e = Assert.Throws<DrKit.Core.Config.StackConfigException>(() => AccountStackConfig.FromRaw("pulumi config (stack account)", null, "[\"useast1\"]"))!;

        Assert.That(e.Problems.Select(p => p.KeyPath), Is.EquivalentTo(new[] { "drkit-account:members", "drkit-account:regions" }), e.Message);
        Assert.That(AccountStackConfig.FromRaw("x", "[\"acme/drkit/a\"]", "[\"us-east-1\"]").Members, Is.EqualTo(new[] { "acme/drkit/a" }), "a valid config reads");
    }
}
