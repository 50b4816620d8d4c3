namespace DrKit.Core.Operations;

/// <summary>
/// The ARC assertion rule the stack declares over its routing controls: at least <see cref="Threshold"/> of them On
/// after any update, so no single update (an operator's console click, a script, a half-applied change) can turn every
/// region Off, in which state Route 53 treats every record as healthy and answers with all of them, a failed region's
/// included. DrKit's own updates satisfy it: a failover or the switch back sets every control in one batched call with
/// the target On, and failback's PrimaryOn turns them all On. ARC evaluates the rule on each state change and rejects
/// one that breaks it ("This ensures that you avoid a fail-open scenario"). <see cref="WaitPeriodMs"/> is ARC's
/// evaluation period after a change, during which further requests against the controls fail (against flapping; 5000
/// ms is ARC's default): DrKit's updates are minutes apart. https://docs.aws.amazon.com/r53recovery/latest/dg/routing.safety-rules.html;
/// AssertionRule and RuleConfig (ATLEAST, Threshold, Inverted, WaitPeriodMs):
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-route53recoverycontrol-safetyrule-ruleconfig.html
/// </summary>
/// <param name="Type">ATLEAST: at least <see cref="Threshold"/> of the asserted controls must be On.</param>
/// <param name="Inverted">False: the rule holds when the condition is met.</param>
/// <param name="WaitPeriodMs">Milliseconds ARC waits before it evaluates an update against the rule.</param>
public sealed record RoutingControlSafety(string Type, int Threshold, bool Inverted, int WaitPeriodMs)
{
    /// <summary>At least one region's routing control On: the rule every stack with routing controls declares.</summary>
    public static RoutingControlSafety AtLeastOneOn { get; } = new("ATLEAST", 1, false, 5000);

    /// <summary>Whether control states (On = true) satisfy the rule, as ARC would judge an update leaving them so.</summary>
    public bool Allows(IEnumerable<bool> on)
    {
        ArgumentNullException.ThrowIfNull(on);
        return on.Count(state => state) >= Threshold != Inverted;
    }
}
