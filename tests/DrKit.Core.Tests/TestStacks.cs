using DrKit.Core.Config;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests;

/// <summary>Small stack files written inline, planned exactly as the tools plan a file on disk.</summary>
internal static class TestStacks
{
    public const string File = "Pulumi.test.yaml";

    /// <summary>The traffic every inline stack uses: detection is 10s x 3, DNS TTL 60s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public const int Threshold = 3;

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    public static TimeSpan Detection => Interval * Threshold;

    /// <summary>A stack file with us-east-1 primary, the given recovery regions and components (YAML under drkit:components).</summary>
    public static string Yaml(string components, params string[] recovery)
    {
        var regions = recovery.Length == 0
            ? string.Empty
            : "  drkit:recoveryRegions:\n" + string.Concat(recovery.Select(r => $"    - {r}\n"));
        return "config:\n"
            + "  aws:region: us-east-1\n"
            + "  drkit:primaryRegion: us-east-1\n"
            + regions
            + "  drkit:traffic:\n    healthCheckInterval: 10s\n    failureThreshold: 3\n    ttl: 60s\n"
            + "  drkit:components:\n"
            + Indent(components, 4);
    }

    /// <summary>One component named <c>c</c> from its keys (one "key: value" per line).</summary>
    public static string Component(params string[] lines) => "c:\n" + Indent(string.Join("\n", lines), 2);

    public static StackSpec Read(string yaml) => StackSpecReader.Read("test", YamlStackFile.Parse(yaml, File));

    public static DrPlan Plan(string yaml) => Planner.Plan(Read(yaml));

    /// <summary>Plans one component on a two-region stack (us-east-1 -> us-west-2).</summary>
    public static ComponentPlan Two(params string[] lines) => Plan(Yaml(Component(lines), "us-west-2")).Components.Single();

    /// <summary>Plans one component on a single-region stack.</summary>
    public static ComponentPlan Single(params string[] lines) => Plan(Yaml(Component(lines))).Components.Single();

    /// <summary>Reads a stack expected to be rejected and returns its problems.</summary>
    public static IReadOnlyList<ConfigProblem> Problems(string yaml)
    {
        var e = Assert.Throws<StackConfigException>(() => Read(yaml), "the stack should be rejected")!;
        return e.Problems;
    }

    /// <summary>Terms every recovery shares (detection, the operator's decision, the failover program's own steps and DNS), left out of <see cref="OwnRto"/>.</summary>
    private static readonly string[] SharedSteps = ["Readiness", "Fence", "ShiftTraffic", "Verify", "Report"];

    /// <summary>The typical RTO of what the component's mechanism itself does: its terms without detection, decision, DNS and the program's shared steps.</summary>
    public static TimeSpan OwnRto(ComponentPlan c) => c.Estimate.Terms
        .Where(t => t.Measure == "RTO" && t.Name is not ("detection" or "decision" or "DNS") && !SharedSteps.Contains(t.Step))
        .Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Typical);

    /// <summary>The component's RTO term called <paramref name="name"/> (in the failover timeline, "&lt;component&gt; &lt;name&gt;").</summary>
    public static EstimateTerm Term(ComponentPlan c, string measure, string name) =>
        c.Estimate.Terms.Single(t => t.Measure == measure && (t.Name == name || t.Name == $"{c.Name} {name}"));

    public static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Concat(text.Split('\n').Where(l => l.Length > 0).Select(l => pad + l + "\n"));
    }
}
