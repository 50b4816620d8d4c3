using System.Globalization;
using DrKit.Core.Operations;

namespace DrKit.Core.Tests.Operations;

/// <summary>
/// Route 53 rejects a change of routing policy or failover role on a live name, so every traffic transition DrKit
/// makes (failover, each failback stage, a rolled-back stage) must be expressible by changing weights only.
/// </summary>
public sealed class TrafficTransitionTests
{
    private static readonly string[] Stacks = ["pilot-light", "active-active"];

    /// <summary>Every traffic state operations can ask for: none, each region at every failback share, and full.</summary>
    private static IEnumerable<(string Key, string Value)[]> States(string stack)
    {
        yield return [];
        var plan = OpsPlans.Of(stack);
        foreach (var region in new[] { plan.PrimaryRegion }.Concat(plan.RecoveryRegions))
        {
            foreach (var percent in new[] { 0, 10, 50, 90, 100 })
            {
                yield return [("traffic.activeRegion", region), ("traffic.percent", percent.ToString(CultureInfo.InvariantCulture))];
            }
        }
    }

    [TestCaseSource(nameof(Stacks))]
    public void EveryTransition_ChangesNoRecordsPolicyOrRole(string stack)
    {
        var states = States(stack).Select(s => (Keys: s, Traffic: OpsPlans.Decide(stack, s).Traffic)).ToList();
        foreach (var from in states)
        {
            foreach (var to in states)
            {
                Assert.That(to.Traffic.Records.Select(r => r.Region), Is.EqualTo(from.Traffic.Records.Select(r => r.Region)),
                    $"{stack}: the same records exist in every state ({Describe(from.Keys)} -> {Describe(to.Keys)})");
                foreach (var record in from.Traffic.Records)
                {
                    var after = to.Traffic.For(record.Region)!;
                    Assert.That((after.Policy, after.FailoverRole), Is.EqualTo((record.Policy, record.FailoverRole)),
                        $"{stack} {record.Region}: {Describe(from.Keys)} -> {Describe(to.Keys)} must change weights only");
                }
            }
        }
    }

    [TestCaseSource(nameof(Stacks))]
    public void EveryState_LeavesSomeRecordAnswering(string stack)
    {
        foreach (var keys in States(stack))
        {
            var traffic = OpsPlans.Decide(stack, keys).Traffic;
            Assert.That(traffic.Records, Is.Not.Empty, $"{stack} {Describe(keys)}: a record per region always exists");
            Assert.That(traffic.Records.All(r => r.Weight is null) || traffic.Records.Any(r => r.Weight > 0), Is.True,
                $"{stack} {Describe(keys)}: weighted records keep a non-zero weight somewhere, so Route 53 never falls back to all records at once");
        }
    }

    private static string Describe((string Key, string Value)[] keys) => keys.Length == 0 ? "(planned)" : string.Join(",", keys.Select(k => $"{k.Key}={k.Value}"));
}
