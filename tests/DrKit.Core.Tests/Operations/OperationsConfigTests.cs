using DrKit.Core.Config;
using DrKit.Core.Operations;

namespace DrKit.Core.Tests.Operations;

public sealed class OperationsConfigTests
{
    [Test]
    public void NoKeys_IsTheNormalState()
    {
        var state = OpsPlans.State(OpsPlans.Of("pilot-light"));
        Assert.Multiple(() =>
        {
            Assert.That(state.Fence, Is.Empty, "nothing fenced");
            Assert.That(state.Promote, Is.Empty, "nothing promoted");
            Assert.That(state.TrafficActiveRegion, Is.Null, "traffic as planned");
            Assert.That(state.RecoveryRunning, Is.Null, "compute as planned");
            Assert.That(state.Drill, Is.Null, "not a drill stack");
        });
    }

    [Test]
    public void EveryContractKey_IsReadIntoTheState()
    {
        var state = OpsPlans.State(
            OpsPlans.Of("pilot-light"),
            ("fence.context-store", "true"),
            ("promote.context-store", "True"),
            ("writerRegion.session-cache", "us-west-2"),
            ("recovery.running", "2"),
            ("traffic.activeRegion", "us-west-2"),
            ("traffic.percent", "50"),
            ("drill.mode", "promote"),
            ("drill.sourceStack", "pilot-light"),
            ("drill.region", "us-west-2"),
            ("ephemeral", "true"),
            ("ttl", "2030-01-01T12:00:00Z"),
            ("source.postgresEndpoints", "{}"));
        Assert.Multiple(() =>
        {
            Assert.That(state.IsFenced("context-store"), Is.True, "fence.<c>");
            Assert.That(state.IsPromoted("context-store"), Is.True, "promote.<c>, case-insensitive like Pulumi booleans");
            Assert.That(state.WriterRegion["session-cache"], Is.EqualTo("us-west-2"), "writerRegion.<c>");
            Assert.That(state.RecoveryRunning, Is.EqualTo(2), "recovery.running");
            Assert.That((state.TrafficActiveRegion, state.TrafficPercent), Is.EqualTo(("us-west-2", (int?)50)), "traffic");
            Assert.That(state.Drill, Is.EqualTo(new DrillRequest(DrillMode.Promote, "pilot-light", "us-west-2")), "drill keys");
            Assert.That(state.Ephemeral, Is.True, "ephemeral marker");
            Assert.That(state.Ttl, Is.EqualTo(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero)), "ttl as ISO 8601");
            Assert.That(state.Sources["postgresEndpoints"], Is.EqualTo("{}"), "source.<output> kept as text");
        });
    }

    [Test]
    public void ActiveRegionAlone_MeansAllTraffic()
    {
        var state = OpsPlans.State(OpsPlans.Of("pilot-light"), ("traffic.activeRegion", "us-west-2"));
        Assert.That(state.TrafficPercent, Is.EqualTo(100), "a region named without a share takes everything");
    }

    [Test]
    public void EmptyValues_CountAsUnset()
    {
        var state = OpsPlans.State(OpsPlans.Of("pilot-light"), ("fence.context-store", ""), ("traffic.percent", " "));
        Assert.That(state.Fence, Is.Empty, "pulumi config set key '' leaves the normal state");
    }

    [TestCase("fence.context-store", "yes", "expected true or false")]
    [TestCase("fence.gpu", "true", "applies to postgres and redis components; gpu is gpu-capacity")]
    [TestCase("fence.nope", "true", "names no component of stack pilot-light; its data components are context-store, session-cache")]
    [TestCase("promote.session-cache", "true", "has none to promote")]
    [TestCase("writerRegion.context-store", "eu-west-1", "'eu-west-1' is not a region of stack pilot-light; expected one of us-east-1, us-west-2")]
    [TestCase("adopt.session-cache", "ldgnf-cache-fb", "applies to RDS PostgreSQL components with a cross-region replica")]
    [TestCase("adopt.context-store", "Context--Store-", "expected an RDS DB instance identifier")]
    [TestCase("recovery.running", "-1", "expected a whole number of at least 0")]
    [TestCase("traffic.activeRegion", "eu-west-1", "is not a region of stack pilot-light")]
    [TestCase("drill.mode", "copy", "'copy': expected restore or promote")]
    [TestCase("ttl", "tomorrow", "expected an ISO 8601 time")]
    [TestCase("failover", "true", "is not an operations key")]
    public void BadValue_IsReportedWithTheKeyAndTheExpectation(string key, string value, string expected)
    {
        var plan = OpsPlans.Of("pilot-light");
        var ex = Assert.Throws<StackConfigException>(() => OpsPlans.State(plan, (key, value)))!;
        var problem = ex.Problems.Single(p => p.KeyPath == OperationsKeys.Full(key));
        Assert.Multiple(() =>
        {
            Assert.That(problem.Message, Does.Contain(expected), "the message says what the key expects");
            Assert.That(problem.Location.File, Is.EqualTo(OpsPlans.Origin), "the problem names where the value came from");
        });
    }

    [Test]
    public void Adopt_OnAnRdsTierWithAReplica_DeclaresTheReseededWriterUnderNamesOfItsOwn()
    {
        var plan = OpsPlans.Of("pilot-light");
        var adopted = OpsPlans.Decide("pilot-light", ("adopt.context-store", "ctx-primary-fb"), ("promote.context-store", "false"), ("fence.context-store", "false")).Tiers["context-store"];
        var normal = OpsPlans.Decide("pilot-light").Tiers["context-store"];

        Assert.Multiple(() =>
        {
            Assert.That(OperationsKeys.Implied(plan), Does.Contain("adopt.context-store"), "the stack program reads the key, so the next up adopts the writer");
            Assert.That(adopted.AdoptedWriter, Is.EqualTo("ctx-primary-fb"), "the re-seeded writer's identifier is what the program imports");
            Assert.That(adopted.PrimaryResourceSuffix, Is.EqualTo("writer-ctx-primary-fb"), "a logical name of its own: the import never lands on the old primary's state");
            Assert.That(adopted.ReplicaResourceSuffix("us-west-2"), Is.EqualTo("replica-us-west-2-of-ctx-primary-fb"), "a new replica resource: RDS cannot repoint an existing one");
            Assert.That((normal.PrimaryResourceSuffix, normal.ReplicaResourceSuffix("us-west-2")), Is.EqualTo(("primary", "replica-us-west-2")), "stacks that never failed back keep their names");
            Assert.That((adopted.PrimaryIsolated, adopted.RecoveryRole), Is.EqualTo((false, DataTierState.RoleReplica)), "the adopted world is unfenced with its recovery member a replica");
        });
    }

    [Test]
    public void Adopted_IsReadPerComponent_AndOnlyTheImportedPhaseDeclaresTheStacksOwnSnapshotSettings()
    {
        var plan = OpsPlans.Of("pilot-light");
        var importing = OpsPlans.Decide("pilot-light", ("adopt.context-store", "ctx-primary-fb")).Tiers["context-store"];
        var imported = OpsPlans.Decide("pilot-light", ("adopt.context-store", "ctx-primary-fb"), ("adopted.context-store", "true")).Tiers["context-store"];

        Assert.Multiple(() =>
        {
            Assert.That(OperationsKeys.Implied(plan), Does.Contain("adopted.context-store"), "the stack program reads the phase key");
            Assert.That(importing.AdoptionImported, Is.False, "until the import succeeded the writer is declared as the importer reads it");
            Assert.That(imported.AdoptionImported, Is.True, "after the import the next up declares the stack's own final-snapshot settings");
            Assert.That(imported.PrimaryResourceSuffix, Is.EqualTo(importing.PrimaryResourceSuffix), "the phase never renames the writer");
        });
    }

    [Test]
    public void Adopt_KeepsTheOldPrimarysGroupFenced_EvenWithTheFenceKeyCleared()
    {
        var adopted = OpsPlans.Decide("pilot-light", ("adopt.context-store", "ctx-primary-fb"), ("fence.context-store", "false")).Tiers["context-store"];
        Assert.That(adopted.FenceParameterValue, Is.EqualTo("on"),
            "only the old primary still uses the primary group until the adopting up deletes it, and updates run before deletes");
    }

    [TestCase("101")]
    [TestCase("ten")]
    public void TrafficPercent_OutsideZeroToHundred_IsRefused(string percent)
    {
        var ex = Assert.Throws<StackConfigException>(() => OpsPlans.State(OpsPlans.Of("pilot-light"), ("traffic.activeRegion", "us-west-2"), ("traffic.percent", percent)))!;
        Assert.That(ex.Problems.Single().Message, Does.Contain("expected a whole number from 0 to 100"), "percent range");
    }

    [Test]
    public void TrafficPercent_WithoutActiveRegion_IsRefused()
    {
        var ex = Assert.Throws<StackConfigException>(() => OpsPlans.State(OpsPlans.Of("pilot-light"), ("traffic.percent", "50")))!;
        Assert.That(ex.Problems.Single().Message, Does.Contain("needs drkit-ops:traffic.activeRegion"), "a share needs its region");
    }

    [Test]
    public void RecoveryRunning_OnAStackWithoutRecoveryRegion_IsRefused()
    {
        var ex = Assert.Throws<StackConfigException>(() => OpsPlans.State(OpsPlans.Of("primary"), ("recovery.running", "1")))!;
        Assert.That(ex.Problems.Single().Message, Does.Contain("needs a recovery region"), "single-region stacks have no recovery compute");
    }

    [Test]
    public void DrillKeys_WithoutModeOrSource_AreRefused()
    {
        var ex = Assert.Throws<StackConfigException>(() => OpsPlans.State(OpsPlans.Of("pilot-light"), ("drill.region", "us-west-2")))!;
        Assert.That(ex.Problems.Select(p => p.KeyPath), Is.EquivalentTo(new[] { "drkit-ops:drill.mode", "drkit-ops:drill.sourceStack" }), "a drill stack names its mode and source");
    }

    [Test]
    public void EveryProblem_IsReportedAtOnce()
    {
        var ex = Assert.Throws<StackConfigException>(() => OpsPlans.State(OpsPlans.Of("pilot-light"), ("fence.context-store", "maybe"), ("traffic.activeRegion", "mars-1")))!;
        Assert.That(ex.Problems, Has.Count.EqualTo(2), "not just the first problem");
    }

    [Test]
    public void ImpliedKeys_ArePerDataComponentAndStackWide()
    {
        var keys = OperationsKeys.Implied(OpsPlans.Of("pilot-light"));
        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.SupersetOf(new[] { "fence.context-store", "promote.context-store", "writerRegion.context-store", "fence.session-cache", "writerRegion.session-cache" }), "data components");
            Assert.That(keys, Is.SupersetOf(OperationsKeys.StackWide), "stack-wide keys");
            Assert.That(keys, Has.None.StartWith("fence.gpu"), "only data components are fenced");
        });
    }
}
