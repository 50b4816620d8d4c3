using DrKit.Core.Objectives;

namespace DrKit.Core.Model;

/// <summary>A stack's declared DR intent, validated; what a stack file says, with defaults applied.</summary>
public sealed record StackSpec(
    string StackName,
    string Source,
    string Service,
    string PrimaryRegion,
    IReadOnlyList<string> RecoveryRegions,
    TrafficSpec Traffic,
    IReadOnlyList<ComponentSpec> Components,
    PolicySpec Policy)
{
    public bool IsSingleRegion => RecoveryRegions.Count == 0;

    /// <summary><c>drkit:cloud</c>: the cloud whose regions the stack names (<c>aws</c> or <c>azure</c>); see <see cref="Platforms.Cloud"/>.</summary>
    public string Cloud { get; init; } = Platforms.Platform.Aws;

    /// <summary>The <c>drkit:kubernetes</c> section (namespace, cluster per region); null when the stack has none.</summary>
    public Platforms.Kubernetes.KubernetesSpec? Kubernetes { get; init; }

    /// <summary>The <c>drkit:alerts</c> section: who the alarm topics deliver to, by severity; empty when the stack names no one.</summary>
    public IReadOnlyList<Monitoring.AlertSubscription> Alerts { get; init; } = [];

    /// <summary><c>drkit:monitoringRegion</c>: a region outside the stack's that homes the outage canaries; null when unset.</summary>
    public string? MonitoringRegion { get; init; }

    /// <summary>The <c>drkit:estimates</c> section: decision time per tier and whether drill measurements replace assumptions.</summary>
    public EstimateSettings Estimates { get; init; } = EstimateSettings.Default;
}

/// <summary>One component's declaration: its objectives (explicit or from its tier), strategy and options.</summary>
public sealed record ComponentSpec(
    string Name,
    ComponentKind Kind,
    Tier Tier,
    Strategy Strategy,
    RecoveryObjectives Target,
    ComponentOptions Options);

/// <summary>Health-checked DNS in front of the inference endpoints.</summary>
public sealed record TrafficSpec(
    string? Domain,
    string? HostedZoneId,
    string HealthCheckPath,
    TimeSpan HealthCheckInterval,
    int FailureThreshold,
    TimeSpan Ttl,
    RoutingPolicy? Routing);

public enum RoutingPolicy
{
    Failover,
    Weighted,
    Latency,
}

/// <summary>Stack-level policy knobs read by the DR policy rules.</summary>
public sealed record PolicySpec(
    IReadOnlyList<string> Jurisdictions,
    IReadOnlyDictionary<string, string> RuleLevels,
    TimeSpan DrillMaxAge,
    TimeSpan PostureWindow,
    string? DrillHistory);

public static class StackSpecExtensions
{
    public static IEnumerable<string> Regions(this StackSpec stack) => new[] { stack.PrimaryRegion }.Concat(stack.RecoveryRegions);
}
