using DrKit.Core.Model;

namespace DrKit.Core.Estimation;

/// <summary>Relative infrastructure cost of a strategy against a single-region deployment (1.0).</summary>
public static partial class CostModel
{
    /// <summary>
    /// Seeds: backup-restore about 1.1x; pilot light 1.1-1.5x (DrKit takes the middle, 1.3x); warm standby
    /// 1.5-2x (1.75x); active-active "2.2x single region" for two regions, and DrKit adds 1.1x for each further
    /// region. A single-region stack keeping backups in-region costs 1.1x.
    /// </summary>
    public static double Factor(Strategy strategy, int regions) => strategy switch
    {
        Strategy.BackupRestore => 1.1,
        Strategy.PilotLight => 1.3,
        Strategy.WarmStandby => 1.75,
        Strategy.ActiveActive => Math.Round(1.1 * Math.Max(2, regions), 2),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    /// <summary>
    /// DrKit: share of a typical AI service's single-region bill per component, used to weight the stack
    /// total (GPU serving dominates; registries are cheap; hosted model APIs bill per token like a mid-size service).
    /// </summary>
    public static double Weight(ComponentKind kind) => kind switch
    {
        ComponentKind.GpuCapacity => 40,
        ComponentKind.VectorIndex => 15,
        ComponentKind.InferenceEndpoint => 10,
        ComponentKind.Postgres => 10,
        ComponentKind.Redis => 5,
        ComponentKind.FeatureStoreOnline => 5,
        ComponentKind.FeatureStoreOffline => 3,
        ComponentKind.ModelArtifacts => 2,
        ComponentKind.ContainerImages => 1,
        ComponentKind.ModelProvider => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
