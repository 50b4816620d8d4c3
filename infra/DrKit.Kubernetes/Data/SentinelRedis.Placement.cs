using DrKit.Core.Platforms.Kubernetes;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Policy.V1;

namespace DrKit.Kubernetes.Data;

/// <summary>Placement of Redis and Sentinel pods: apart on nodes and zones, and disruption budgets for drains.</summary>
public sealed partial class SentinelRedis
{
    /// <summary>A PodDisruptionBudget over one StatefulSet's pods (policy/v1): drains and upgrades keep the Sentinels'
    /// quorum and take one Redis pod at a time. Only maxUnavailable, so a region whose Sentinels are at 0 has a budget
    /// that is met rather than permanently violated; unready pods stay evictable
    /// (<see cref="SentinelRedisSettings.UnhealthyPodEvictionPolicy"/>). https://kubernetes.io/docs/tasks/run-application/configure-pdb/</summary>
    internal static PodDisruptionBudgetArgs Budget(string component, string name, string ns, int maxUnavailable)
    {
        var spec = new PodDisruptionBudgetSpecArgs
        {
            Selector = new LabelSelectorArgs { MatchLabels = Labels(name, component) },
            MaxUnavailable = maxUnavailable,
            UnhealthyPodEvictionPolicy = SentinelRedisSettings.UnhealthyPodEvictionPolicy,
        };

        return new PodDisruptionBudgetArgs { Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name, component) }, Spec = spec };
    }

    /// <summary>Pods of one StatefulSet prefer distinct nodes and spread across zones, so one node's loss takes one pod
    /// (never the master and 3 of 5 Sentinels); preferred, not required, so a small cluster still schedules them.</summary>
    private static AffinityArgs Apart(string name, string component) => new()
    {
        PodAntiAffinity = new PodAntiAffinityArgs
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            {
                new WeightedPodAffinityTermArgs
                {
                    Weight = 100,
                    PodAffinityTerm = new PodAffinityTermArgs { LabelSelector = new LabelSelectorArgs { MatchLabels = Labels(name, component) }, TopologyKey = SentinelRedisSettings.HostTopology },
                },
            },
        },
    };

    private static TopologySpreadConstraintArgs AcrossZones(string name, string component) => new()
    {
        MaxSkew = 1,
        TopologyKey = SentinelRedisSettings.ZoneTopology,
        WhenUnsatisfiable = "ScheduleAnyway",
        LabelSelector = new LabelSelectorArgs { MatchLabels = Labels(name, component) },
    };
}
