using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Providers;

namespace DrKit.Core.Tests.Providers;

public sealed class ModelSwitchScopeTests
{
    private static DrPlan Bundled(string stack) => Planner.PlanFile(RepoPaths.Stack(stack));

    /// <summary>The bundled active-active stack (latency routing in both regions) with its chain switched by parameter.</summary>
    private static DrPlan ActiveActiveByParameter() =>
        TestStacks.Plan(File.ReadAllText(RepoPaths.Stack("active-active")).Replace("switch: client", "switch: parameter", StringComparison.Ordinal));

    private static OperationsState Recorded(DrPlan plan, params (string Key, string Value)[] values) =>
        OperationsConfig.FromRaw("test", values.ToDictionary(v => "drkit-ops:" + v.Key, v => v.Value), plan);

    [Test]
    public void Of_PilotLightBeforeAnyFailover_WritesThePrimaryRegionOnly()
    {
        var scope = ModelSwitchScope.Of(Bundled("pilot-light"), OperationsState.None, null, null);
        Assert.Multiple(() =>
        {
            Assert.That(scope.Component, Is.EqualTo("llm"), "the stack's only parameter-switched chain");
            Assert.That(scope.Parameter, Is.EqualTo("/drkit/pilot-light/llm/active-provider"), "the parameter the stack declares");
            Assert.That(scope.Regions, Is.EqualTo(new[] { "us-east-1" }), "only the region serving users; the idle recovery region is not called");
        });
    }

    [Test]
    public void Of_AfterAFailover_WritesTheRegionTrafficMovedTo()
    {
        var plan = Bundled("pilot-light");
        var scope = ModelSwitchScope.Of(plan, Recorded(plan, (OperationsKeys.TrafficActiveRegion, "us-west-2"), (OperationsKeys.TrafficPercent, "100")), null, null);
        Assert.That(scope.Regions, Is.EqualTo(new[] { "us-west-2" }), "the failed-over stack serves from the recovery region; the failed region is never called");
    }

    [Test]
    public void Of_ActiveActive_WritesEveryServingRegion()
    {
        var scope = ModelSwitchScope.Of(ActiveActiveByParameter(), OperationsState.None, null, null);
        Assert.That(scope.Regions, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "latency routing serves from both, so both applications must move");
    }

    [Test]
    public void Of_ActiveActiveAfterAFailover_ServesFromTheRecoveryRegionAndTheFailedOneIsBestEffort()
    {
        var plan = ActiveActiveByParameter();
        var scope = ModelSwitchScope.Of(plan, Recorded(plan, (OperationsKeys.TrafficActiveRegion, "us-west-2"), (OperationsKeys.TrafficPercent, "100")), null, null);
        Assert.Multiple(() =>
        {
            Assert.That(scope.Regions, Is.EqualTo(new[] { "us-west-2" }),
                "the failover turned us-east-1's routing control off: latency routing no longer sends users there, so it is neither read, written as mandatory nor probed");
            Assert.That(scope.BestEffort, Is.EqualTo(new[] { "us-east-1" }), "the failed region's copy is kept equal on a best-effort basis only");
        });
    }

    [Test]
    public void Of_ActiveActiveAfterFailback_ServesFromEveryRegionAgain()
    {
        var plan = ActiveActiveByParameter();
        var scope = ModelSwitchScope.Of(plan, Recorded(plan, (OperationsKeys.TrafficActiveRegion, "us-east-1"), (OperationsKeys.TrafficPercent, "100")), null, null);
        Assert.That(scope.Regions, Is.EquivalentTo(new[] { "us-east-1", "us-west-2" }), "traffic recorded back on the primary: latency routing serves from both again");
    }

    [Test]
    public void Of_NamedRegionOutsideTheStack_IsBadInput()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSwitchScope.Of(Bundled("pilot-light"), OperationsState.None, null, "eu-west-1"))!;
        Assert.That(error.Message, Does.Contain("--region eu-west-1: not a region of stack pilot-light (us-east-1, us-west-2)"), "names the stack's regions");
    }

    [Test]
    public void Of_UnknownComponent_IsBadInputNamingTheChains()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSwitchScope.Of(Bundled("pilot-light"), OperationsState.None, "chat", null))!;
        Assert.That(error.Message, Does.Contain("--component chat: not a model-provider component of stack pilot-light (llm)"), "names the chains there are");
    }

    [Test]
    public void Of_ClientSideChain_HasNothingToSwitch()
    {
        var plan = Chains.Plan([Chains.Primary(), Chains.Azure("azure-eastus2", "eastus2")], null, "switch: client");
        var error = Assert.Throws<ArgumentException>(() => ModelSwitchScope.Of(plan, OperationsState.None, null, null))!;
        Assert.That(error.Message, Does.Contain("switch client-side"), "the application's client walks the chain itself");
    }
}
