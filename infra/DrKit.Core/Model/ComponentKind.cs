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
}

/// <summary>Per-stack DR strategy for one component, from cheapest to fastest.</summary>
public enum Strategy
{
    BackupRestore,
    PilotLight,
    WarmStandby,
    ActiveActive,
}
