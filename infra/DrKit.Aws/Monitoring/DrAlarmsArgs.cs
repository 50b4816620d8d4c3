using DrKit.Core.Monitoring;
using Pulumi;

namespace DrKit.Aws.Monitoring;

/// <summary>The decided alarms and the ids of what they watch, resolved from the declared components.</summary>
public sealed class DrAlarmsArgs : ResourceArgs
{
    /// <summary>Stack name: part of every alarm name, which is unique per account and region.</summary>
    public required string Stack { get; init; }

    public required IReadOnlyList<AlarmSpec> Alarms { get; init; }

    /// <summary>The regions that get a topic per severity (<see cref="AlarmPlanner.TopicRegions"/>); every alarm's region is among them.</summary>
    public required IReadOnlyList<string> TopicRegions { get; init; }

    /// <summary>An ephemeral (drill) stack: its keys take the shortest deletion window.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>The outage canaries to declare; alarms with <see cref="AlarmTarget.Canary"/> watch them by key.</summary>
    public IReadOnlyList<OutageCanary> Canaries { get; init; } = [];

    /// <summary>The freshness probes to declare; alarms with <see cref="AlarmTarget.Probe"/> watch their metrics.</summary>
    public IReadOnlyList<FreshnessProbe> Probes { get; init; } = [];

    /// <summary>The id (and ARN) each probe source reads: replicated backup ARN, archive replica bucket, reservation id.</summary>
    public Func<FreshnessProbe, ProbeSource, ProbeTarget> ProbeTargets { get; init; } = (probe, source) =>
        throw new InvalidOperationException($"probe {probe.Key}: no target for {source.Component}");

    /// <summary>Who each severity's topics deliver to (<c>drkit:alerts</c>).</summary>
    public IReadOnlyList<AlertSubscription> Alerts { get; init; } = [];

    /// <summary>The dimensions of one alarm's metric (one map per metric; several for a member-node maximum).</summary>
    public required Func<AlarmSpec, IReadOnlyList<InputMap<string>>> Dimensions { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}
