namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>Inline Azure stacks: eastus2 primary, the given recovery regions (centralus, its pair, by default).</summary>
internal static class AzureTestStacks
{
    public static string Yaml(string components, params string[] recovery) =>
        TestStacks.Yaml(components, recovery.Length == 0 ? ["centralus"] : recovery)
            .Replace("  aws:region: us-east-1\n  drkit:primaryRegion: us-east-1\n", "  drkit:cloud: azure\n  drkit:service: rag\n  drkit:primaryRegion: eastus2\n", StringComparison.Ordinal);

    /// <summary>Plans one component <c>c</c> on eastus2 -> <paramref name="recovery"/>.</summary>
    public static Core.Planning.ComponentPlan One(string recovery, params string[] lines) =>
        TestStacks.Plan(Yaml(TestStacks.Component(lines), recovery)).Components.Single();

    public static Core.Planning.ComponentPlan Two(params string[] lines) => One("centralus", lines);
}
