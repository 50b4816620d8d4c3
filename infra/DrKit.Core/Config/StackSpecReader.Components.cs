using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Platforms;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Config;

public static partial class StackSpecReader
{
    private static readonly Dictionary<ComponentKind, string[]> KindKeys = new()
    {
        [ComponentKind.InferenceEndpoint] = ["endpoints", "port", "startupTime", "standbyRunning"],
        [ComponentKind.Postgres] = ["engine", "replication", "archiveTimeout", "pitrWindow", "snapshotInterval", "instanceClass", "engineVersion", "allocatedStorage", "expectedLag", "immutableBackups", "replicationTimeControl", "subnetGroups", "securityGroups", "walShipperPrincipal", "hosts", "binDirectory", "dataDirectory", "stopCommand", "startCommand", "walKeyPrefix", "writeRate"],
        [ComponentKind.Redis] = ["nodeType", "engineVersion", "shards", "replicasPerShard", "automaticFailover", "snapshotInterval", "expectedLag", "subnetGroups", "securityGroups"],
        [ComponentKind.VectorIndex] = ["recovery", "vectors", "documents", "snapshotInterval", "embeddingExportInterval", "expectedLag", "replicationTimeControl", "immutableBackups", "embeddingModel", "embeddingDimensions", "fallbackIndex"],
        [ComponentKind.ModelProvider] = ["providers", "vectorIndex", "switch", "switchTime", "degradedMode"],
        [ComponentKind.ModelArtifacts] = BucketKeys,
        [ComponentKind.FeatureStoreOffline] = BucketKeys,
        [ComponentKind.ContainerImages] = ["repositories", "tagImmutable", "scanOnPush"],
        [ComponentKind.GpuCapacity] = ["instanceType", "count", "reserved", "availabilityZones", "standbyRunning", "bootTime", "modelLoadTime", "modelSize", "imageSize", "reservationEnd", "subnets", "securityGroups", "targetGroups", "instanceProfile", "userData"],
        [ComponentKind.FeatureStoreOnline] = ["hashKey", "expectedLag", "pointInTimeRecovery"],
    };

    private static string[] BucketKeys => ["replicationTimeControl", "objectLock", "objectLockRetention", "warmAfter", "coldAfter", "expireAfter", "noncurrentExpiry"];

    private static ComponentSpec? ReadComponent(string name, ConfigMap map, string path, List<ConfigProblem> problems, StackShape shape)
    {
        // Read the kind first so unknown keys can be judged against the keys that kind takes.
        var kindProbe = new Fields(map, path, [], map.Entries.Select(e => e.Key).ToArray());
        var kind = kindProbe.Choice("kind", Names.Kinds);
        var platform = kindProbe.String("platform") ?? shape.Cloud.DefaultPlatform;
        var onKubernetes = platform == Platform.Kubernetes;

        // A model-provider chain is the same on every cloud: it reaches hosted APIs, not the stack's regions.
        var onAzure = platform == Platform.Azure && kind != ComponentKind.ModelProvider;
        var keys = onKubernetes ? KubernetesReader.KindKeys : onAzure ? AzureReader.KindKeys : KindKeys;
        var allowed = CommonComponentKeys.Concat(kind is { } k ? keys.GetValueOrDefault(k, []) : keys.Values.SelectMany(v => v)).Append("platform").Distinct().ToArray();
        var f = new Fields(map, path, problems, allowed);
        if (f.String("platform") is { } named && !Platform.Names.ContainsKey(named))
        {
            f.Problem("platform", $"expected one of: {string.Join(", ", Platform.Names.Keys)}, got '{named}'");
            return null;
        }

        if (platform != Platform.Kubernetes && platform != shape.Cloud.DefaultPlatform && kind != ComponentKind.ModelProvider)
        {
            f.Problem("platform", $"'{platform}' managed services need a stack in that cloud, and this stack's regions are {shape.Cloud.Name} regions (drkit:cloud: {shape.Cloud.Name}); expected {shape.Cloud.DefaultPlatform} or kubernetes, or set drkit:cloud: {platform}");
            return null;
        }

        if (onKubernetes && kind is { } unsupported && !KubernetesReader.KindKeys.ContainsKey(unsupported))
        {
            f.Problem("platform", $"{Names.Of(unsupported)} does not run on Kubernetes in DrKit; expected one of: {string.Join(", ", KubernetesReader.KindKeys.Keys.Select(Names.Of))}, or remove 'platform'");
            return null;
        }

        if (onAzure && kind is { } notOnAzure && !AzureReader.KindKeys.ContainsKey(notOnAzure))
        {
            f.Problem("kind", $"{Names.Of(notOnAzure)} has no Azure mechanism in DrKit yet; expected one of: {string.Join(", ", AzureReader.KindKeys.Keys.Select(Names.Of))}, model-provider, or platform: kubernetes where it runs there");
            return null;
        }

        kind = f.Choice("kind", Names.Kinds, required: true);
        var tier = f.Choice("tier", Names.Tiers) ?? Tier.Standard;
        var strategy = f.Choice("strategy", Names.Strategies, required: true);
        if (kind is null || strategy is null)
        {
            return null;
        }

        CheckStrategy(f, kind.Value, strategy.Value, shape.HasRecovery, onAzure);

        var defaults = TierDefaults.For(tier);
        var stateless = ComponentKinds.IsStateless(kind.Value);
        if (stateless && f.Node("rpo") is { } rpoNode)
        {
            f.Problem(rpoNode, f.Join("rpo"), $"{Names.Of(kind.Value)} is stateless and has no recovery point; remove 'rpo'");
        }

        var target = new RecoveryObjectives(f.Duration("rto") ?? defaults.Rto, stateless ? null : f.Duration("rpo") ?? defaults.Rpo);
        ComponentOptions options = onKubernetes ? KubernetesReader.Read(f, name, kind.Value, strategy.Value, shape.Regions)
            : onAzure ? AzureReader.Read(f, name, kind.Value, strategy.Value, target, shape.Regions) : kind.Value switch
        {
            ComponentKind.InferenceEndpoint => ReadEndpoint(f, shape.Regions),
            ComponentKind.Postgres => ReadPostgres(f, strategy.Value, shape.Regions),
            ComponentKind.Redis => ReadRedis(f, shape.Regions),
            ComponentKind.VectorIndex => ReadVectorIndex(f, strategy.Value),
            ComponentKind.ModelArtifacts or ComponentKind.FeatureStoreOffline => ReadBucket(f),
            ComponentKind.ContainerImages => ReadRegistry(f),
            ComponentKind.GpuCapacity => ReadGpu(f, strategy.Value, shape.Regions),
            ComponentKind.ModelProvider => ReadModelProvider(f, shape),
            ComponentKind.FeatureStoreOnline => new OnlineFeatureStoreOptions(
                f.String("hashKey") ?? "entity_id",
                f.Duration("expectedLag") ?? Assumptions.DynamoGlobalLag,
                f.Bool("pointInTimeRecovery") ?? true),
            _ => throw new InvalidOperationException($"no reader for {kind}"),
        };
        CheckAwsLimits(f, name, strategy.Value, options, shape.Regions, shape.HasRecovery);

        return new ComponentSpec(name, kind.Value, tier, strategy.Value, target, options);
    }

    private static void CheckStrategy(Fields f, ComponentKind kind, Strategy strategy, bool hasRecovery, bool onAzure)
    {
        // Azure Managed Redis' active geo-replication takes writes in every region (AzureReader): only PostgreSQL keeps one writer there.
        if (strategy == Strategy.ActiveActive && (kind == ComponentKind.Postgres || (kind == ComponentKind.Redis && !onAzure)))
        {
            var why = kind == ComponentKind.Postgres
                ? "PostgreSQL has one writable primary; use warm-standby (cross-region replica) or pilot-light"
                : "an ElastiCache Global Datastore has one writable primary; use warm-standby or pilot-light";
            f.Problem("strategy", $"active-active cannot apply to {Names.Of(kind)}: {why}");
        }

        // A model-provider chain fails over between providers, not between the stack's regions.
        if (strategy != Strategy.BackupRestore && !hasRecovery && kind != ComponentKind.ModelProvider)
        {
            f.Problem("strategy", $"{Names.Of(strategy)} needs a recovery region: set drkit:recoveryRegions, or use backup-restore on a single-region stack");
        }
    }

    private static NetworkPlacement ReadNetwork(Fields f, IReadOnlyList<string> regions)
    {
        var subnets = f.StringMap("subnetGroups") ?? new Dictionary<string, string>();
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (f.Map("securityGroups") is { } sg)
        {
            var inner = new Fields(sg, f.Join("securityGroups"), [], sg.Entries.Select(e => e.Key).ToArray());
            foreach (var (region, _) in sg.Entries)
            {
                groups[region] = inner.StringList(region) ?? [];
            }
        }

        foreach (var region in subnets.Keys.Concat(groups.Keys).Where(r => !regions.Contains(r)).Distinct())
        {
            f.Problem(subnets.ContainsKey(region) ? "subnetGroups" : "securityGroups", $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
        }

        return new NetworkPlacement(subnets, groups);
    }
}
