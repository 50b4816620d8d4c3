using DrKit.Core.Config;
using DrKit.Core.Planning;

namespace DrKit.Policies.Tests;

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Stacks written inline or read from the repository, planned exactly as the tools plan them.</summary>
internal static class Stacks
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static string Root => RepoPaths.Root;

    public static string Bundled(string name) => Path.Combine(Root, "stacks", $"Pulumi.{name}.yaml");

    public static string Broken => Path.Combine(AppContext.BaseDirectory, "TestData", "Pulumi.broken.yaml");

    /// <summary>A stack file: us-east-1 primary, the given recovery regions, policy and components (YAML under drkit:components).</summary>
    public static string Yaml(string components, string? policy = null, params string[] recovery)
    {
        var regions = recovery.Length == 0 ? string.Empty : "  drkit:recoveryRegions:\n" + string.Concat(recovery.Select(r => $"    - {r}\n"));
        return "config:\n  drkit:primaryRegion: us-east-1\n" + regions
            + "  drkit:traffic:\n    healthCheckInterval: 10s\n    failureThreshold: 3\n    ttl: 60s\n"
            + (policy is null ? string.Empty : "  drkit:policy:\n" + Indent(policy, 4))
            + "  drkit:components:\n" + Indent(components, 4);
    }

    public static DrPlan Plan(string yaml) => Planner.Plan(StackSpecReader.Read("test", YamlStackFile.Parse(yaml, "Pulumi.test.yaml")));

    /// <summary>Plans one component named <c>c</c> on a us-east-1 -> us-west-2 stack.</summary>
    public static DrPlan TwoWith(string? policy, params string[] lines) => Plan(Yaml("c:\n" + Indent(string.Join("\n", lines), 2), policy, "us-west-2"));

    public static DrPlan Two(params string[] lines) => TwoWith(null, lines);

    public static PolicyReport Check(DrPlan plan, DateTimeOffset? now = null, string? root = null) =>
        new PolicyEvaluator(new PolicyContext(new FixedTime(now ?? Now), root ?? Path.GetTempPath())).Evaluate(plan);

    /// <summary>Findings of one rule, drill recency left out unless asked for (inline stacks have no history).</summary>
    public static List<Finding> Of(this PolicyReport report, PolicyRule rule) => report.Findings.Where(f => f.RuleId == rule.Id).ToList();

    private static string Indent(string text, int spaces) =>
        string.Concat(text.Split('\n').Where(l => l.Length > 0).Select(l => new string(' ', spaces) + l + "\n"));
}
