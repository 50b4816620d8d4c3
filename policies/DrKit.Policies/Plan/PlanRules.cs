using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Policies.Plan;

/// <summary>Rules over a decided plan: objectives, strategies and regions. Each check returns violations only.</summary>
internal static partial class PlanRules
{
    public static readonly IReadOnlyList<(PolicyRule Rule, Func<DrPlan, PolicyContext, IEnumerable<Violation>> Check)> Checks =
    [
        (RuleCatalog.ObjectivesDeclared, (p, _) => ObjectivesDeclared(p)),
        (RuleCatalog.ObjectivesWithinTarget, (p, _) => WithinTarget(p)),
        (RuleCatalog.CriticalNotBackupRestore, (p, _) => CriticalNotBackupRestore(p)),
        (RuleCatalog.RecoveryRegionDistinct, (p, _) => RecoveryRegionDistinct(p)),
        (RuleCatalog.RegionsInJurisdiction, (p, _) => RegionsInJurisdiction(p)),
        (RuleCatalog.ProviderRungsInJurisdiction, (p, _) => ProviderRungsInJurisdiction(p)),
        (RuleCatalog.GpuRecoveryCapacity, (p, _) => GpuRecoveryCapacity(p)),
        (RuleCatalog.GpuReservationPosture, GpuReservationPosture),
        (RuleCatalog.PitrRetention, (p, _) => PitrRetention(p)),
        (RuleCatalog.RelatedRecoveryPoints, (p, _) => RelatedRecoveryPoints(p)),
        (RuleCatalog.ImmutableBackups, (p, _) => ImmutableBackups(p)),
        (RuleCatalog.DrillRecency, DrillRecency),
        (RuleCatalog.ProviderFailoverKeepsRetrieval, (p, _) => ProviderFailoverKeepsRetrieval(p)),
        (RuleCatalog.ProviderFallbackDegraded, (p, _) => ProviderFallbackDegraded(p)),
        (RuleCatalog.ProviderRungsDistinct, (p, _) => ProviderRungsDistinct(p)),
        (RuleCatalog.AzureOpenAiQuota, (p, _) => AzureOpenAiQuotaFits(p)),
        (RuleCatalog.AzureOpenAiVersionPinned, (p, _) => AzureOpenAiVersionPinned(p)),
        (RuleCatalog.AzureOpenAiVersionCurrent, (p, c) => AzureOpenAiVersions(p, c, retired: true)),
        (RuleCatalog.AzureOpenAiVersionLifecycle, (p, c) => AzureOpenAiVersions(p, c, retired: false)),
        (Platforms.Kubernetes.KubernetesRules.WalArchiveEncrypted, (p, _) => Platforms.Kubernetes.KubernetesRules.WalArchive(p)),
        (Platforms.Kubernetes.KubernetesRules.PlaceholdersCoverGpus, (p, _) => Platforms.Kubernetes.KubernetesRules.Placeholders(p)),
        (Platforms.Kubernetes.KubernetesRules.ReplicaInOtherCluster, (p, _) => Platforms.Kubernetes.KubernetesRules.ReplicaPlacement(p)),
        (Platforms.Kubernetes.KubernetesRules.ArchiveIdentity, (p, _) => Platforms.Kubernetes.KubernetesRules.Identity(p)),
        (Platforms.Azure.AzureRules.CustomerManagedKeys, (p, _) => Platforms.Azure.AzureRules.Keys(p)),
        (Platforms.Azure.AzureRules.PublicNetworkOff, (p, _) => Platforms.Azure.AzureRules.PublicNetwork(p)),
        (Platforms.Azure.AzureRules.ReplicationPresent, (p, _) => Platforms.Azure.AzureRules.Replication(p)),
        (Platforms.Azure.AzureRules.ReservationPosture, Platforms.Azure.AzureRules.Reservations),
        (Platforms.Azure.AzureRules.ReplicaSymmetry, (p, _) => Platforms.Azure.AzureRules.Symmetry(p)),
    ];

    private static string F(TimeSpan t) => DurationText.Format(t);

    private static IEnumerable<Violation> ObjectivesDeclared(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            var stateless = ComponentKinds.IsStateless(c.Kind);
            var missing = new List<string>();
            if (c.Target.Rto <= TimeSpan.Zero)
            {
                missing.Add("RTO");
            }

            if (!stateless && c.Target.Rpo is null)
            {
                missing.Add("RPO");
            }

            if (missing.Count > 0)
            {
                yield return new Violation(c.Name, $"{Names.Of(c.Kind)} has no {string.Join(" or ", missing)} target", c.Tier);
            }
        }
    }

    private static IEnumerable<Violation> WithinTarget(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            var over = new List<string>();
            if (c.Estimate.Rto > c.Target.Rto)
            {
                over.Add($"estimated RTO {F(c.Estimate.Rto)} exceeds target {F(c.Target.Rto)}");
            }

            if (c.Estimate.Rpo is { } rpo && c.Target.Rpo is { } target && rpo > target)
            {
                over.Add($"estimated RPO {F(rpo)} exceeds target {F(target)}");
            }

            if (over.Count > 0)
            {
                yield return new Violation(c.Name, $"{Names.Of(c.Tier)} {Names.Of(c.Kind)} on {c.Mechanism}: {string.Join("; ", over)}", c.Tier);
            }
        }
    }

    private static IEnumerable<Violation> CriticalNotBackupRestore(DrPlan plan) =>
        plan.Components.Where(c => c.Tier == Tier.Critical && c.Strategy == Strategy.BackupRestore)
            .Select(c => new Violation(c.Name, $"critical {Names.Of(c.Kind)} relies on backup-restore ({c.Mechanism})", c.Tier));

    private static IEnumerable<Violation> RecoveryRegionDistinct(DrPlan plan)
    {
        foreach (var region in plan.RecoveryRegions.Where(r => r == plan.PrimaryRegion).Distinct())
        {
            yield return new Violation(region, $"recovery region {region} is the primary region: losing it loses both");
        }

        foreach (var region in plan.RecoveryRegions.Where(r => r != plan.PrimaryRegion).GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new Violation(region, $"recovery region {region} is listed twice");
        }
    }

    private static IEnumerable<Violation> RegionsInJurisdiction(DrPlan plan)
    {
        var allowed = plan.Policy.Jurisdictions;
        if (allowed.Count == 0)
        {
            yield break;
        }

        foreach (var region in plan.Regions.Distinct().Where(r => !allowed.Any(j => InJurisdiction(r, j))))
        {
            var role = region == plan.PrimaryRegion ? "primary" : "recovery";
            yield return new Violation(region, $"{role} region {region} lies outside the allowed jurisdictions ({string.Join(", ", allowed)})");
        }
    }

    /// <summary>A jurisdiction is a region prefix (<c>us</c> covers us-east-1 and us-gov-west-1), the same prefix for an
    /// Azure region's geography (<c>us</c> covers eastus2, <see cref="DrKit.Core.Platforms.Azure.AzureRegions.Jurisdiction"/>), or one exact region.</summary>
    internal static bool InJurisdiction(string region, string jurisdiction) =>
        region == jurisdiction || region.StartsWith(jurisdiction + "-", StringComparison.Ordinal)
        || DrKit.Core.Platforms.Azure.AzureRegions.Jurisdiction(region) == jurisdiction;
}
