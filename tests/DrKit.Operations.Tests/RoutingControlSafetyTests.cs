using DrKit.Core.Operations;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Tests;

/// <summary>Every routing-control update DrKit sends passes the assertion rule the stack declares (at least one On).</summary>
public sealed class RoutingControlSafetyTests
{
    private static readonly Dictionary<string, string> Controls = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/use1",
        ["us-west-2"] = "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/usw2",
    };

    [TestCase("us-east-1")]
    [TestCase("us-west-2")]
    public void Update_ToEitherRegion_LeavesOneOnAsTheRuleRequires(string target) =>
        Assert.That(RoutingControlSafety.AtLeastOneOn.Allows(States(RoutingControlTraffic.Update(Controls, target, "https://e", "us-west-2"))), Is.True,
            "a failover or switch back sets every control in one call with its target On, which ARC accepts");

    [Test]
    public void AllOn_ForFailback_PassesTheRule() =>
        Assert.That(RoutingControlSafety.AtLeastOneOn.Allows(States(RoutingControlTraffic.AllOn(Controls, "https://e", "us-west-2"))), Is.True,
            "failback's PrimaryOn");

    [Test]
    public void EveryControlOff_IsWhatTheRuleRefuses() =>
        Assert.That(RoutingControlSafety.AtLeastOneOn.Allows([false, false]), Is.False,
            "with every region Off Route 53 answers with every record, a failed region's included");

    private static IEnumerable<bool> States(AwsCommand command) =>
        command.Options.Where(a => a.StartsWith("RoutingControlArn=", StringComparison.Ordinal))
            .Select(a => a.EndsWith("RoutingControlState=On", StringComparison.Ordinal));
}
