using DrKit.Core.Objectives;

namespace DrKit.Core.Tests.Config;

public sealed class UnknownKeyAndTypeTests
{
    [Test]
    public void UnknownComponentKey_SuggestsTheNearestKnownKey()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "archiveTimout: 60s"), "us-west-2"));
        var p = problems.At("drkit:components.c.archiveTimout", "unknown key (did you mean 'archiveTimeout'?)");
        Assert.That(p.Message, Does.Contain("expected one of: kind, tier, strategy, rto, rpo, engine"), "the message lists the keys this kind takes");
    }

    [Test]
    public void UnknownComponentKey_IsJudgedAgainstItsKind()
    {
        // nodeType is a Redis key; on an inference endpoint it is unknown.
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: inference-endpoint", "strategy: pilot-light", "nodeType: cache.r7g.large"), "us-west-2"));
        problems.At("drkit:components.c.nodeType", "unknown key");
    }

    [Test]
    public void UnknownTopLevelKey_SuggestsTheNearestKnownKey()
    {
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegion: us-west-2\n  drkit:components:\n    c:\n      kind: redis\n      strategy: backup-restore\n";
        var p = TestStacks.Problems(yaml).At("drkit:recoveryRegion", "did you mean 'recoveryRegions'?");
        Assert.That(p.Location.Line, Is.EqualTo(3), "the problem points at the misspelt line");
    }

    [Test]
    public void UnknownKeyFarFromAnyKnownKey_HasNoSuggestion()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore", "flavour: vanilla"), "us-west-2"));
        var p = problems.At("drkit:components.c.flavour", "unknown key");
        Assert.That(p.Message, Does.Not.Contain("did you mean"), "nothing close enough to suggest");
    }

    [Test]
    public void OtherNamespaces_AreLeftAlone()
    {
        var yaml = TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore")).Replace("  aws:region: us-east-1\n", "  aws:region: us-east-1\n  other:whatever: 1\n", StringComparison.Ordinal);
        Assert.DoesNotThrow(() => TestStacks.Read(yaml), "keys outside drkit: belong to other programs");
    }

    [Test]
    public void MapWhereTextExpected_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore", "tier:", "  level: critical"), "us-west-2"));
        problems.At("drkit:components.c.tier", "expected a text value, got a map");
    }

    [Test]
    public void ListWhereTextExpected_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: backup-restore", "nodeType: [a, b]"), "us-west-2"));
        problems.At("drkit:components.c.nodeType", "expected a text value, got a list");
    }

    [Test]
    public void MapWhereListExpected_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: container-images", "strategy: backup-restore", "repositories:", "  api: x")));
        problems.At("drkit:components.c.repositories", "expected a list of text values, got a map");
    }

    [Test]
    public void ListOfMapsWhereListOfTextExpected_IsRejected()
    {
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions:\n    - name: us-west-2\n  drkit:components:\n    c:\n      kind: redis\n      strategy: backup-restore\n";
        TestStacks.Problems(yaml).At("drkit:recoveryRegions", "expected a list of text values, got a list");
    }

    [Test]
    public void SingleTextWhereListExpected_IsReadAsOneItem()
    {
        // A plain `pulumi config set drkit:recoveryRegions us-west-2` stores text, not a list; DrKit reads it as one region.
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions: us-west-2\n  drkit:components:\n    c:\n      kind: redis\n      strategy: pilot-light\n";
        Assert.That(TestStacks.Read(yaml).RecoveryRegions, Is.EqualTo(new[] { "us-west-2" }), "one text value is a one-item list");
    }

    [Test]
    public void CommaSeparatedTextWhereListExpected_IsRejectedAsARegion()
    {
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions: us-west-2, eu-west-1\n  drkit:components:\n    c:\n      kind: redis\n      strategy: pilot-light\n";
        TestStacks.Problems(yaml).At("drkit:recoveryRegions", "expected AWS regions such as us-west-2, got 'us-west-2, eu-west-1'");
    }

    [Test]
    public void TextWhereMapExpected_IsRejected()
    {
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:traffic: fast\n  drkit:components:\n    c:\n      kind: redis\n      strategy: backup-restore\n";
        TestStacks.Problems(yaml).At("drkit:traffic", "expected a map, got 'fast'");
    }

    [Test]
    public void ComponentThatIsNotAMap_IsRejected()
    {
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:components:\n    c: postgres\n";
        TestStacks.Problems(yaml).At("drkit:components.c", "expected a map with kind, tier and strategy, got 'postgres'");
    }

    [Test]
    public void UnknownKindTierOrStrategy_ListsTheChoices()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: mongo", "tier: gold", "strategy: hope"), "us-west-2"));
        Assert.Multiple(() =>
        {
            problems.At("drkit:components.c.kind", "expected one of inference-endpoint, postgres, redis");
            problems.At("drkit:components.c.tier", "expected one of critical, production, standard, basic, got 'gold'");
            problems.At("drkit:components.c.strategy", "expected one of backup-restore, pilot-light, warm-standby, active-active, got 'hope'");
        });
    }

    [Test]
    public void NumberOutOfRange_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: backup-restore", "allocatedStorage: 5"), "us-west-2"));
        problems.At("drkit:components.c.allocatedStorage", "expected a whole number from 20 to 65536, got '5'");
    }

    [Test]
    public void UnparsableObjective_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "rpo: soon"), "us-west-2"));
        problems.At("drkit:components.c.rpo", $"expected {DurationText.Expected}, got 'soon'");
    }

    [Test]
    public void NegativeObjective_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "rto: -5m"), "us-west-2"));
        problems.At("drkit:components.c.rto", "must not be negative");
    }

    [Test]
    public void RpoOnAStatelessComponent_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: inference-endpoint", "strategy: pilot-light", "rpo: 5m"), "us-west-2"));
        problems.At("drkit:components.c.rpo", "is stateless and has no recovery point");
    }
}
