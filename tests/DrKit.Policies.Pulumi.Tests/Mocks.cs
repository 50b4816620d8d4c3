using DrKit.Core.Config;
using DrKit.Core.Planning;
using Pulumi.Testing;

namespace DrKit.Policies.Pulumi.Tests;

/// <summary>Echoes inputs back as state; the policy runs before registration, so nothing else is needed.</summary>
internal sealed class Mocks : IMocks
{
    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args) =>
        Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);
}

/// <summary>The plan a test stack enforces; set by each test before the run (mock runs are serial).</summary>
internal static class TestPlan
{
    public static DrPlan Current { get; set; } = For(null);

    public static DrPlan For(string? rules)
    {
        var yaml = "config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions:\n    - us-west-2\n"
            + (rules is null ? string.Empty : "  drkit:policy:\n    rules:\n" + rules)
            + "  drkit:components:\n    models:\n      kind: model-artifacts\n      tier: production\n      strategy: pilot-light\n";
        return Planner.Plan(StackSpecReader.Read("test", YamlStackFile.Parse(yaml, "Pulumi.test.yaml")));
    }
}
