namespace DrKit.Core.Model;

/// <summary>The parts of an AI service DrKit knows how to protect.</summary>
public enum ComponentKind
{
    InferenceEndpoint,
    Postgres,
    Redis,
    VectorIndex,
    ModelArtifacts,
    ContainerImages,
    GpuCapacity,
    FeatureStoreOnline,
    FeatureStoreOffline,
    ModelProvider,
}

/// <summary>Per-stack DR strategy for one component, from cheapest to fastest.</summary>
public enum Strategy
{
    BackupRestore,
    PilotLight,
    WarmStandby,
    ActiveActive,
}

public static class ComponentKinds
{
    /// <summary>Kinds that hold no data of their own, so they have an RTO target and no RPO.</summary>
    public static bool IsStateless(ComponentKind kind) => kind is ComponentKind.InferenceEndpoint or ComponentKind.GpuCapacity or ComponentKind.ModelProvider;
}
