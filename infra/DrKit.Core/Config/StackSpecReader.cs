using System.Text.RegularExpressions;
using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Config;

/// <summary>
/// Validates a stack's <c>drkit:*</c> config into a <see cref="StackSpec"/>. Collects every problem and
/// throws one <see cref="StackConfigException"/>; keys of other namespaces (e.g. <c>aws:region</c>) are left alone.
/// </summary>
public static partial class StackSpecReader
{
    public const string Namespace = "drkit";

    /// <summary>The top-level keys DrKit reads; a Pulumi program asks Pulumi config for exactly these.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys = ["service", "cloud", "primaryRegion", "recoveryRegions", "traffic", "components", "policy", KubernetesReader.SectionKey, "alerts", "monitoringRegion", "estimates"];

    private static readonly string[] CommonComponentKeys = ["kind", "tier", "strategy", "rto", "rpo"];

    public static StackSpec ReadFile(string path)
    {
        var config = YamlStackFile.Load(path);
        return Read(StackNameFromPath(path), config);
    }

    /// <summary><c>stacks/Pulumi.pilot-light.yaml</c> is stack <c>pilot-light</c>.</summary>
    public static string StackNameFromPath(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        foreach (var ext in new[] { ".yaml", ".yml" })
        {
            if (file.StartsWith("Pulumi.", StringComparison.Ordinal) && file.EndsWith(ext, StringComparison.Ordinal))
            {
                return file["Pulumi.".Length..^ext.Length];
            }
        }

        return System.IO.Path.GetFileNameWithoutExtension(file);
    }

    public static StackSpec Read(string stackName, ConfigMap config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<ConfigProblem>();
        var drkit = new List<KeyValuePair<string, ConfigNode>>();
        foreach (var (key, node) in config.Entries)
        {
            if (key.StartsWith(Namespace + ":", StringComparison.Ordinal))
            {
                drkit.Add(new(key[(Namespace.Length + 1)..], node));
            }
        }

        var top = new Fields(new ConfigMap(drkit, config.Location), string.Empty, problems, TopLevelKeys.ToArray());

        var service = top.String("service") ?? stackName;
        var cloud = ReadCloud(top);
        var primary = top.String("primaryRegion", required: true);
        if (primary is not null && !cloud.IsRegion(primary))
        {
            top.Problem("primaryRegion", cloud.Expected(primary, cloud.PrimaryExample));
        }

        var recovery = top.StringList("recoveryRegions") ?? [];
        foreach (var region in recovery)
        {
            if (!cloud.IsRegion(region))
            {
                top.Problem("recoveryRegions", cloud.Expected(region, cloud.RecoveryExample, plural: true));
            }
        }

        if (primary is not null && recovery.Contains(primary))
        {
            top.Problem("recoveryRegions", $"must differ from primaryRegion '{primary}': a recovery region in the same region does not survive its loss");
        }

        if (recovery.Distinct().Count() != recovery.Count)
        {
            top.Problem("recoveryRegions", "lists a region twice");
        }

        var regions = primary is null ? recovery : new[] { primary }.Concat(recovery).ToList();
        var traffic = ReadTraffic(top, problems);
        var policy = ReadPolicy(top, problems);
        var alerts = ReadAlerts(top, problems);
        var monitoring = top.String("monitoringRegion");
        if (monitoring is not null && !cloud.IsRegion(monitoring))
        {
            top.Problem("monitoringRegion", cloud.Expected(monitoring, cloud.MonitoringExample));
        }
        else if (monitoring is not null && regions.Contains(monitoring))
        {
            top.Problem("monitoringRegion", $"must be outside the stack's regions ({string.Join(", ", regions)}): the outage canaries it homes must not fail with a region they watch");
        }

        var estimates = ReadEstimates(top, problems);
        var kubernetes = KubernetesReader.ReadSection(top, problems, regions);
        var components = ReadComponents(top, problems, regions, recovery.Count > 0, cloud);
        if (components.Any(c => c.Options is KubernetesOptions))
        {
            KubernetesReader.CheckClusters(top, kubernetes, regions);
        }

        CheckRegistryNames(top, service, stackName, components);
        if (components.Any(c => c.Options is Platforms.Azure.AzureOptions))
        {
            Platforms.Azure.AzureReader.CheckStack(top, service, stackName, components, regions);
        }

        if (problems.Count > 0)
        {
            throw new StackConfigException(Qualify(problems));
        }

        return new StackSpec(stackName, config.Location.File, service, primary!, recovery, traffic, components, policy) { Cloud = cloud.Name, Kubernetes = kubernetes, Alerts = alerts, MonitoringRegion = monitoring, Estimates = estimates };
    }

    /// <summary><c>drkit:cloud</c>: the cloud whose regions the stack names; AWS when absent.</summary>
    private static Platforms.Cloud ReadCloud(Fields top)
    {
        var text = top.String("cloud");
        if (text is null)
        {
            return Platforms.Cloud.Aws;
        }

        if (Platforms.Cloud.Names.TryGetValue(text, out var cloud))
        {
            return cloud;
        }

        top.Problem("cloud", $"expected one of {string.Join(", ", Platforms.Cloud.Names.Keys)}, got '{text}'");
        return Platforms.Cloud.Aws;
    }

    /// <summary>Puts the namespace back on key paths so errors read as the file does (<c>drkit:components.x</c>).</summary>
    private static List<ConfigProblem> Qualify(IEnumerable<ConfigProblem> problems) =>
        problems.Select(p => p with { KeyPath = $"{Namespace}:{p.KeyPath}" }).OrderBy(p => p.Location.Line).ToList();

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,30}$")]
    private static partial Regex ComponentNamePattern();

    internal static bool IsRegion(string text) => RegionPattern().IsMatch(text);

    /// <summary>What one component's reader may check against the rest of the stack: its regions and the kinds of its other components.</summary>
    private sealed record StackShape(IReadOnlyList<string> Regions, bool HasRecovery, IReadOnlyDictionary<string, string> Kinds, Platforms.Cloud Cloud)
    {
        public IEnumerable<string> Named(ComponentKind kind) => Kinds.Where(k => k.Value == Names.Of(kind)).Select(k => k.Key);
    }

    private static TrafficSpec ReadTraffic(Fields top, List<ConfigProblem> problems)
    {
        var map = top.Map("traffic");
        if (map is null)
        {
            return new TrafficSpec(null, null, "/healthz", Assumptions.HealthCheckInterval, Assumptions.FailureThreshold, Assumptions.DnsTtl, null);
        }

        var f = new Fields(map, "traffic", problems, ["domain", "hostedZoneId", "healthCheckPath", "healthCheckInterval", "failureThreshold", "ttl", "routing"]);
        var interval = f.Duration("healthCheckInterval") ?? Assumptions.HealthCheckInterval;
        if (!Assumptions.HealthCheckIntervals.Contains(interval))
        {
            f.Problem("healthCheckInterval", $"Route 53 checks every 10s or 30s; got '{DurationText.Format(interval)}'");
        }

        var path = f.String("healthCheckPath") ?? "/healthz";
        if (!path.StartsWith('/'))
        {
            f.Problem("healthCheckPath", $"expected a path starting with '/', got '{path}'");
        }

        return new TrafficSpec(
            f.String("domain"),
            f.String("hostedZoneId"),
            path,
            interval,
            (int)(f.Number("failureThreshold", 1, 10) ?? Assumptions.FailureThreshold),
            f.Duration("ttl") ?? Assumptions.DnsTtl,
            f.Choice("routing", new Dictionary<string, RoutingPolicy> { ["failover"] = RoutingPolicy.Failover, ["weighted"] = RoutingPolicy.Weighted, ["latency"] = RoutingPolicy.Latency }));
    }

    /// <summary><c>drkit:alerts</c>: per severity (critical, high, medium), a list of e-mail addresses or https URLs.</summary>
    private static List<Monitoring.AlertSubscription> ReadAlerts(Fields top, List<ConfigProblem> problems)
    {
        var result = new List<Monitoring.AlertSubscription>();
        if (top.Map("alerts") is not { } map)
        {
            return result;
        }

        var severities = Enum.GetValues<Monitoring.AlarmSeverity>().ToDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        var f = new Fields(map, "alerts", problems, [.. severities.Keys]);
        foreach (var (name, severity) in severities)
        {
            foreach (var endpoint in f.StringList(name) ?? [])
            {
                if (Monitoring.AlertSubscription.Parse(severity, endpoint) is { } subscription)
                {
                    result.Add(subscription);
                }
                else
                {
                    f.Problem(name, $"expected an e-mail address or an https:// URL, got '{endpoint}'");
                }
            }
        }

        return result;
    }

    private static PolicySpec ReadPolicy(Fields top, List<ConfigProblem> problems)
    {
        var map = top.Map("policy");
        if (map is null)
        {
            return new PolicySpec([], new Dictionary<string, string>(), Assumptions.DrillMaxAge, Assumptions.PostureWindow, null);
        }

        var f = new Fields(map, "policy", problems, ["jurisdictions", "rules", "drillMaxAge", "postureWindow", "drillHistory"]);
        var levels = f.StringMap("rules") ?? new Dictionary<string, string>();
        foreach (var (rule, level) in levels)
        {
            if (level is not ("mandatory" or "advisory" or "disabled"))
            {
                f.Problem(f.Map("rules")!.Entries.First(e => e.Key == rule).Value, $"policy.rules.{rule}", $"expected mandatory, advisory or disabled, got '{level}'");
            }
        }

        return new PolicySpec(
            f.StringList("jurisdictions") ?? [],
            levels,
            f.Duration("drillMaxAge") ?? Assumptions.DrillMaxAge,
            f.Duration("postureWindow") ?? Assumptions.PostureWindow,
            f.String("drillHistory"));
    }

    private static List<ComponentSpec> ReadComponents(Fields top, List<ConfigProblem> problems, IReadOnlyList<string> regions, bool hasRecovery, Platforms.Cloud cloud)
    {
        var map = top.Map("components", required: true);
        var result = new List<ComponentSpec>();
        if (map is null)
        {
            return result;
        }

        if (map.Entries.Count == 0)
        {
            top.Problem("components", "expected at least one component");
        }

        var shape = new StackShape(regions, hasRecovery, map.Entries
            .Where(e => e.Value is ConfigMap { } m && m["kind"] is ConfigScalar)
            .ToDictionary(e => e.Key, e => ((ConfigScalar)((ConfigMap)e.Value)["kind"]!).Value, StringComparer.Ordinal), cloud);
        foreach (var (name, node) in map.Entries)
        {
            var path = $"components.{name}";
            if (!ComponentNamePattern().IsMatch(name))
            {
                problems.Add(new(node.Location, path, "component names are lower-case letters, digits and '-', starting with a letter, at most 31 characters (they name cloud resources)"));
            }

            CheckName(name, node, path, problems);

            if (node is not ConfigMap componentMap)
            {
                problems.Add(new(node.Location, path, $"expected a map with kind, tier and strategy, got {node.Describe()}"));
                continue;
            }

            var component = ReadComponent(name, componentMap, path, problems, shape);
            if (component is not null)
            {
                result.Add(component);
            }
        }

        return result;
    }
}
