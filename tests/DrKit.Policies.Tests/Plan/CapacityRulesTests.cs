namespace DrKit.Policies.Tests.Plan;

/// <summary>gpu-recovery-capacity and gpu-reservation-posture.</summary>
public sealed class CapacityRulesTests
{
    private static readonly string[] Gpu = ["kind: gpu-capacity", "strategy: pilot-light", "instanceType: g5.12xlarge", "count: 2"];

    [Test]
    public void Capacity_PassesWhenTheRecoveryRegionReservesTheCount()
    {
        var report = Stacks.Check(Stacks.Two([.. Gpu, "tier: production"]));
        Assert.That(report.Of(RuleCatalog.GpuRecoveryCapacity), Is.Empty, "pilot light reserves the full count in us-west-2");
    }

    [Test]
    public void Capacity_FlagsOnDemandForProduction()
    {
        var finding = Stacks.Check(Stacks.Two([.. Gpu, "tier: production", "reserved: false"])).Of(RuleCatalog.GpuRecoveryCapacity).Single();
        Assert.That(finding.Message, Does.Contain("on-demand"), "on-demand GPUs may not exist at failover");
    }

    [Test]
    public void Capacity_AcceptsOnDemandForStandardTier()
    {
        var report = Stacks.Check(Stacks.Two([.. Gpu, "tier: standard", "reserved: false"]));
        Assert.That(report.Of(RuleCatalog.GpuRecoveryCapacity), Is.Empty, "standard tier may accept the on-demand risk");
    }

    [Test]
    public void Capacity_FlagsAReservationSmallerThanTheCount()
    {
        var plan = Stacks.Two([.. Gpu, "tier: production"]);
        var c = plan.Components[0];
        var gpu = (Core.Planning.GpuSettings)c.Settings;
        var halved = gpu with { Allocations = [.. gpu.Allocations.Select(a => a.Region == "us-west-2" ? a with { Reserved = 1 } : a)] };
        var finding = Stacks.Check(plan with { Components = [c with { Settings = halved }] }).Of(RuleCatalog.GpuRecoveryCapacity).Single();
        Assert.That(finding.Message, Does.Contain("us-west-2 reserves 1 of the 2"), "the shortfall is given per region");
    }

    [Test]
    public void Posture_PassesForAReservationEndingAfterTheWindow()
    {
        var report = Stacks.Check(Stacks.Two([.. Gpu, "tier: production", "reservationEnd: \"2026-09-01\""]), now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.That(report.Of(RuleCatalog.GpuReservationPosture), Is.Empty, "92 days ahead is outside the 90-day posture window");
    }

    [Test]
    public void Posture_FlagsAReservationEndingInsideTheWindow()
    {
        var report = Stacks.Check(Stacks.Two([.. Gpu, "tier: production", "reservationEnd: \"2026-08-01\""]), now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var finding = report.Of(RuleCatalog.GpuReservationPosture).Single();
        Assert.That(finding.Message, Does.Contain("2026-08-01").And.Contain("90d"), "the end date and the window are named");
    }

    [Test]
    public void Posture_WindowComesFromTheStack()
    {
        var plan = Stacks.TwoWith("postureWindow: 30d", [.. Gpu, "tier: production", "reservationEnd: \"2026-08-01\""]);
        var report = Stacks.Check(plan, now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.That(report.Of(RuleCatalog.GpuReservationPosture), Is.Empty, "61 days ahead is outside a 30-day window");
    }
}
