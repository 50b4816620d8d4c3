using DrKit.Core.Estimation;
using DrKit.Core.Planning;
using DrKit.Failover;

namespace DrKit.Core.Tests.Estimation;

/// <summary>The service RTO follows the failover program's own steps, in its order, with its bounds.</summary>
public sealed class FailoverTimelineTests
{
    private static DrPlan PilotLight => Planner.PlanFile(RepoPaths.Stack("pilot-light"));

    [TestCase("pilot-light")]
    [TestCase("active-active")]
    [TestCase("k8s-pilot-light")]
    public void Timeline_HasExactlyTheProgramsSteps_InItsOrder_WithItsBounds(string stack)
    {
        var plan = Planner.PlanFile(RepoPaths.Stack(stack));
        var program = FailoverSteps.Plan(StepTimeouts.Cloud);
        var steps = plan.Timeline.Where(s => s.Timeout is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(steps.Select(s => s.Step), Is.EqualTo(program.Select(p => p.Name)), "a step in the estimate and not the program (or the other way round) is drift");
            Assert.That(steps.Select(s => s.Timeout), Is.EqualTo(program.Select(p => (TimeSpan?)p.Timeout)), "each step is held to the program's own bound");
            Assert.That(plan.Timeline.Take(2).Select(s => s.Step), Is.EqualTo(new[] { "Detection", "Decision" }), "detection and the decision precede the program");
            Assert.That(steps.Single(s => s.Step == FailoverSteps.Promote).Composition, Is.EqualTo(program.Single(p => p.Name == FailoverSteps.Promote).TiersInParallel ? "parallel" : "serial"),
                "promotions combine the way the program runs them");
            Assert.That(steps.Single(s => s.Step == FailoverSteps.Fence).Composition, Is.EqualTo("parallel"), "fences run at once");
        });
    }

    [Test]
    public void Detection_UsEast1Primary_IsTheCanarysPageNotRoute53s()
    {
        var plan = PilotLight;
        var detection = plan.Timeline.Single(s => s.Step == "Detection").Terms.Single();
        Assert.Multiple(() =>
        {
            Assert.That(plan.PrimaryRegion, Is.EqualTo("us-east-1"), "the case the term is about: Route 53's alarm lives in the primary");
            Assert.That((detection.Typical, detection.Worst), Is.EqualTo((TimeSpan.FromMinutes(3), (TimeSpan?)TimeSpan.FromMinutes(4))),
                "two failed one-minute canary runs + one minute of metric delay; one run more at worst (Route 53's 30s-40s alarm fails with us-east-1)");
            Assert.That(detection.Basis, Is.EqualTo(TermBasis.Sourced), "both schedules are documented");
            Assert.That(detection.Source, Does.Contain("API_CanaryScheduleInput").And.Contain("monitoring-health-checks"), "cites the canary schedule and where Route 53's metrics live");
            Assert.That(detection.Why, Does.Contain("canary in us-west-2"), "the derivation names the signal counted");
        });
    }

    [Test]
    public void Detection_AutomaticRouting_KeepsRoute53sHealthCheck()
    {
        var reads = Planner.PlanFile(RepoPaths.Stack("active-active")).Component("api")!;
        var detection = reads.Estimate.Terms.First(t => t.Measure == "RTO" && t.Name == "detection");
        Assert.That(detection.Typical, Is.EqualTo(TimeSpan.FromSeconds(30)),
            "latency routing drops the failed region by Route 53's own checks, no one is paged first: 10s x 3");
    }

    [Test]
    public void PilotLight_ServiceRtoAddsTheStepsUp_NotTheLongestComponentChain()
    {
        var plan = PilotLight;
        var sum = plan.Timeline.Aggregate(TimeSpan.Zero, (s, t) => s + t.Typical);
        var promote = plan.Timeline.Single(s => s.Step == FailoverSteps.Promote);
        var cache = plan.Component("session-cache")!;
        var db = plan.Component("context-store")!;
        Assert.Multiple(() =>
        {
            Assert.That(plan.ServiceRtoTypical, Is.EqualTo(sum), "fence, promote, scale and traffic run in order: their times add up");
            Assert.That(promote.Typical, Is.EqualTo(promote.Terms.Aggregate(TimeSpan.Zero, (s, t) => s + t.Typical)), "tiers are promoted one at a time: their promotions add up");
            Assert.That(promote.Terms.Select(t => t.Name.Split(' ')[0]).Distinct(), Is.EqualTo(new[] { "context-store", "session-cache" }), "in the plan's order, as the engine promotes them");
            Assert.That(cache.Estimate.TypicalRto, Is.GreaterThan(db.Estimate.TypicalRto), "the cache is promoted after the database, so it is ready later");
            Assert.That(plan.ServiceRtoTypical, Is.GreaterThan(plan.Components.Where(c => c.Name is "api" or "gpu").Max(c => c.Estimate.TypicalRto) - TimeSpan.FromMinutes(1)),
                "the service serves once traffic is verified, after compute is up");
        });
    }

    [Test]
    public void DecisionTime_IsAnExplicitTermAndConfigurablePerTier()
    {
        var yaml = File.ReadAllText(RepoPaths.Stack("pilot-light")).ReplaceLineEndings("\n")
            .Replace("  drkit:components:\n", "  drkit:estimates:\n    decisionTime:\n      production: 2m\n  drkit:components:\n", StringComparison.Ordinal);
        var tuned = Planner.Plan(DrKit.Core.Config.StackSpecReader.Read("pilot-light", DrKit.Core.Config.YamlStackFile.Parse(yaml, "Pulumi.pilot-light.yaml")));
        var decision = PilotLight.Timeline.Single(s => s.Step == "Decision");
        Assert.Multiple(() =>
        {
            Assert.That(decision.Typical, Is.EqualTo(TimeSpan.FromMinutes(10)), "DrKit's default for a production tier: an operator declares the failover");
            Assert.That(decision.Terms.Single().Basis, Is.EqualTo(TermBasis.Configured), "a decision time is the team's own figure, never a sourced one");
            Assert.That(decision.Terms.Single().Source, Does.Contain("drkit:estimates.decisionTime.production"), "the plan names the key that sets it");
            Assert.That(PilotLight.ServiceRtoTypical - tuned.ServiceRtoTypical, Is.EqualTo(TimeSpan.FromMinutes(8)), "a 2m decision takes 8 minutes off the service RTO");
        });
    }

    [Test]
    public void StepWorseThanItsBound_IsNoted()
    {
        var plan = PilotLight;
        var scale = plan.Timeline.Single(s => s.Step == FailoverSteps.ScaleCompute);
        Assert.Multiple(() =>
        {
            Assert.That(scale.Worst, Is.GreaterThan(scale.Timeout!.Value), "booting and loading 2 GPUs at worst takes longer than the program's 30m bound");
            Assert.That(plan.Notes, Has.Some.StartWith("ScaleCompute's worst case"), "the plan says the run would stop there");
        });
    }

    [Test]
    public void ServiceRpo_LeavesReleasePropagationApart()
    {
        var plan = PilotLight;
        var images = plan.Component("images")!;
        var data = plan.Components.Where(c => c.Estimate.Rpo is not null && c.Kind is not (Model.ComponentKind.ContainerImages or Model.ComponentKind.ModelArtifacts));
        Assert.Multiple(() =>
        {
            Assert.That(plan.ServiceRpo, Is.EqualTo(data.Max(c => c.Estimate.Rpo)), "the service's data loss is the worst data component's");
            Assert.That(plan.PropagationDelay, Is.EqualTo(images.Estimate.Rpo), "image propagation is shown as what it is, beside the data loss");
        });
    }

    [Test]
    public void RelatedData_RecoveryPointGapIsShown()
    {
        var gap = PilotLight.RecoveryPoints.Single(g => g.Component == "vector-index");
        Assert.Multiple(() =>
        {
            Assert.That(gap.RelatedTo, Is.EqualTo("context-store"), "the index is derived from the documents the database holds");
            Assert.That(gap.TypicalBehind, Is.EqualTo(TimeSpan.FromMinutes(45) - TimeSpan.FromSeconds(5)), "vectors 45 minutes behind a database 5 seconds behind");
            Assert.That(gap.WorstBehind, Is.Null, "the database's async lag has no bound, so neither has the gap");
            Assert.That(PilotLight.Notes, Has.Some.StartWith("Recovery points diverge: vector-index"), "the plan says so");
        });
    }

    [Test]
    public void MissingConsiderations_AreCaveatsOnTheComponentsTheyAffect()
    {
        var pilot = PilotLight;
        var active = Planner.PlanFile(RepoPaths.Stack("active-active"));
        Assert.Multiple(() =>
        {
            Assert.That(pilot.Component("api")!.Estimate.Caveats, Has.Some.Contains("cache DNS beyond"), "client DNS caching beyond the TTL");
            Assert.That(pilot.Component("model-artifacts")!.Estimate.Caveats, Has.Some.Contains("archive tier takes hours"), "lifecycle-archived artifacts take hours to read back");
            Assert.That(pilot.Component("vector-index")!.Estimate.Caveats, Has.Some.Contains("until warm"), "index warm-up");
            Assert.That(pilot.Component("gpu")!.Estimate.Caveats, Has.Some.Contains("one Availability Zone"), "one-AZ reservations");
            Assert.That(pilot.Component("gpu")!.Estimate.Caveats, Has.Some.Contains("imageSize"), "image size is counted only when declared");
            Assert.That(active.Component("gpu")!.Estimate.Caveats, Has.Some.Contains("survivor serves everything"), "the surviving region's headroom");
            Assert.That(active.Component("context-store")!.Estimate.Caveats, Has.Some.Contains("stalls"), "synchronous replication stalls commits when the other region is lost");
        });
    }

    [Test]
    public void ModelAndImageSize_AreTermsOfTheScaleUp()
    {
        var c = TestStacks.Two("kind: gpu-capacity", "strategy: pilot-light", "instanceType: g5.12xlarge", "modelSize: 140", "imageSize: 12");
        Assert.Multiple(() =>
        {
            Assert.That(TestStacks.Term(c, "RTO", "load").Typical, Is.EqualTo(TimeSpan.FromSeconds(140 * 1000 / 200)), "140 GB of weights at 200 MB/s");
            Assert.That(TestStacks.Term(c, "RTO", "pull").Worst, Is.EqualTo(TimeSpan.FromSeconds(12 * 1000 / 25)), "a 12 GB image at 25 MB/s at worst");
            Assert.That(TestStacks.Term(c, "RTO", "load").Step, Is.EqualTo(FailoverSteps.ScaleCompute), "loading is part of the program's ScaleCompute");
        });
    }

    [Test]
    public void DrillMeasurements_AreShownBesideTheAssumptions_AndUsedWhenAsked()
    {
        var line = """{"DrillId":"d1","Spec":{"StackName":"pilot-light"},"FinishedAt":"2026-11-02T10:00:00Z","Engine":{"Steps":[{"Name":"Promote","Started":"2026-11-02T09:50:00Z","Finished":"2026-11-02T09:54:10Z","Outcome":"Completed"}]}}""";
        var spec = DrKit.Core.Config.StackSpecReader.ReadFile(RepoPaths.Stack("pilot-light"));
        var shown = Planner.Plan(spec, DrillMeasurements.Parse([line, "not json"], "pilot-light", use: false));
        var used = Planner.Plan(spec, DrillMeasurements.Parse([line], "pilot-light", use: true));
        var promote = used.Timeline.Single(s => s.Step == FailoverSteps.Promote);
        Assert.Multiple(() =>
        {
            Assert.That(shown.Timeline.Single(s => s.Step == FailoverSteps.Promote).Terms, Has.All.Matches<EstimateTerm>(t => t.Measured == "measured in drill on 2026-11-02: 4m10s"),
                "the measurement is shown beside each assumption of the step");
            Assert.That(shown.Calibrated, Is.False, "shown, not used");
            Assert.That(promote.Typical, Is.EqualTo(TimeSpan.FromSeconds(250)), "used: the measured 4m10s replaces the assumed promotions");
            Assert.That(promote.Terms.Single().Basis, Is.EqualTo(TermBasis.Measured), "and says it was measured");
            Assert.That(used.Calibrated, Is.True, "the plan says it is calibrated");
        });
    }
}
