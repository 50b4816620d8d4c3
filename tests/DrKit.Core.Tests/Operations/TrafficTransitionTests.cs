using System.Globalization;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Platforms.AzureServices;

namespace DrKit.Core.Tests.Operations;

/// <summary>
/// Route 53 rejects a change of routing policy or failover role on a live name, so every traffic transition DrKit
/// makes (failover, each failback stage, a rolled-back stage) must be expressible by changing weights only.
/// </summary>
public sealed class TrafficTransitionTests
{
    private static readonly string[] Stacks = ["pilot-light", "active-active"];

    /// <summary>Every traffic state operations can ask for: none, each region at every failback share, and full.</summary>
    private static IEnumerable<(string Key, string Value)[]> States(string stack) => States(OpsPlans.Of(stack));

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

    /// <summary>Azure plans: the bundled pilot light and an inline active-active endpoint on eastus2 + centralus.</summary>
    private static readonly string[] AzureStacks = ["azure-pilot-light", "azure-active-active"];

    private static DrPlan AzurePlan(string stack) => stack == "azure-pilot-light"
        ? OpsPlans.Of(stack)
        : TestStacks.Plan(AzureTestStacks.Yaml(TestStacks.Component("kind: inference-endpoint", "strategy: active-active", "endpoints:", "  eastus2: a.example.com", "  centralus: b.example.com")));

    /// <summary>Traffic Manager: the profile keeps one routing method and the same endpoints (target, priority) in every
    /// state; only each endpoint's status and weight move, and some endpoint always takes traffic.</summary>
    [TestCaseSource(nameof(AzureStacks))]
    public void EveryAzureTransition_ChangesOnlyEndpointStatusAndWeight(string stack)
    {
        var plan = AzurePlan(stack);
        var settings = (AzureTrafficSettings)plan.Components.Single(c => c.Settings is AzureTrafficSettings).Settings;
        var declared = States(plan).Select(keys =>
        {
            var operations = StackOperations.Decide(plan, OpsPlans.State(plan, keys));
            return (Keys: keys, Traffic: AzureDeclared.Traffic(settings, operations));
        }).ToList();
        foreach (var from in declared)
        {
            Assert.That(from.Traffic.Endpoints.Any(e => e.Enabled), Is.True, $"{stack} {Describe(from.Keys)}: some endpoint takes traffic");
            foreach (var to in declared)
            {
                Assert.That(to.Traffic.RoutingMethod, Is.EqualTo(from.Traffic.RoutingMethod), $"{stack}: {Describe(from.Keys)} -> {Describe(to.Keys)} keeps the routing method");
                Assert.That(to.Traffic.Endpoints.Select(e => (e.Region, e.Target, e.Priority)), Is.EqualTo(from.Traffic.Endpoints.Select(e => (e.Region, e.Target, e.Priority))),
                    $"{stack}: {Describe(from.Keys)} -> {Describe(to.Keys)} moves endpoint status and weight only");
            }
        }
    }

    /// <summary>Every traffic state operations can ask for: none, each region at every failback share, and full.</summary>
    private static IEnumerable<(string Key, string Value)[]> States(DrPlan plan)
    {
        yield return [];
        foreach (var region in new[] { plan.PrimaryRegion }.Concat(plan.RecoveryRegions))
        {
            foreach (var percent in new[] { 0, 10, 50, 90, 100 })
            {
                yield return [("traffic.activeRegion", region), ("traffic.percent", percent.ToString(CultureInfo.InvariantCulture))];
            }
        }
    }

    private static string Describe((string Key, string Value)[] keys) => keys.Length == 0 ? "(planned)" : string.Join(",", keys.Select(k => $"{k.Key}={k.Value}"));
}
