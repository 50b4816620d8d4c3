using DrKit.Aws.Compute;
using DrKit.Aws.Data;
using DrKit.Aws.Images;
using DrKit.Aws.Monitoring;
using DrKit.Aws.Storage;
using DrKit.Aws.Traffic;
using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using Pulumi;

namespace DrKit.Aws;

public sealed partial class DrResources
{
    /// <summary>The component resources declared for a plan, by plan component name.</summary>
    private sealed record Built(
        Dictionary<string, PostgresDr> Postgres,
        Dictionary<string, RedisDr> Redis,
        Dictionary<string, ReplicatedBucket> Buckets,
        Dictionary<string, GpuCapacity> Gpu,
        Dictionary<string, ImageRegistry> Registries,
        Dictionary<string, OnlineFeatureStore> FeatureStores,
        TrafficRouting? Traffic)
    {
        public Dictionary<string, ModelResources> Models { get; } = new(StringComparer.Ordinal);

        /// <summary>A drill stack's: none of the source's components, no traffic.</summary>
        public static Built None() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), null);

        /// <summary>The DR alarms, declared once every component they watch exists; none on drill stacks.</summary>
        public DrAlarms? Alarms { get; set; }
    }

    /// <summary>Maps each planned component, whatever the mix of strategies, to the component resource of its kind.</summary>
    private static Built Compose(StackOperations ops, RegionalProviders providers, StackTags tags, Resource? parent, ResourceTransformation policy)
    {
        var plan = ops.Plan;
        // Every resource DrKit declares sits under one of these components, so the policy on them covers all of it.
        ComponentResourceOptions Options()
        {
            var options = providers.Component(parent);
            options.ResourceTransformations.Add(policy);
            return options;
        }

        var built = new Built(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal),
            new TrafficRouting("traffic", new TrafficRoutingArgs { Traffic = plan.Traffic, Routing = ops.Traffic, PlannedRouting = TrafficState.Decide(plan, OperationsState.None), Providers = providers, Tags = tags }, Options()));
        var azure = AzureFor(plan, parent);
        var azureAccounts = AzureAccounts(plan);
        // Components on other platforms are declared by their own shell (DrKit.Kubernetes).
        foreach (var c in Core.Platforms.Platform.Components(plan, Core.Platforms.Platform.Aws))
        {
            var options = Options();
            switch (c.Kind)
            {
                case ComponentKind.Postgres:
                    var postgres = new PostgresDr(c.Name, new PostgresDrArgs { Plan = c, Settings = Settings<PostgresSettings>(c), Tier = ops.Tiers[c.Name], Providers = providers, Tags = tags }, options);
                    built.Postgres[c.Name] = postgres;
                    if (postgres.WalArchive is { } archive)
                    {
                        built.Buckets[c.Name] = archive;
                    }

                    break;
                case ComponentKind.Redis:
                    built.Redis[c.Name] = new RedisDr(c.Name, new RedisDrArgs { Plan = c, Settings = Settings<RedisSettings>(c), Tier = ops.Tiers[c.Name], Providers = providers, Tags = tags }, options);
                    break;
                case ComponentKind.VectorIndex:
                    built.Buckets[c.Name] = Bucket(c, Settings<VectorIndexSettings>(c).Store, providers, tags, options);
                    break;
                case ComponentKind.ModelArtifacts or ComponentKind.FeatureStoreOffline:
                    built.Buckets[c.Name] = Bucket(c, Settings<BucketSettings>(c), providers, tags, options);
                    break;
                case ComponentKind.ContainerImages:
                    built.Registries[c.Name] = new ImageRegistry(c.Name, new ImageRegistryArgs { Plan = c, Settings = Settings<RegistrySettings>(c), Providers = providers, Tags = tags }, options);
                    break;
                case ComponentKind.GpuCapacity:
                    built.Gpu[c.Name] = new GpuCapacity(c.Name, new GpuCapacityArgs { Plan = c, Settings = Settings<GpuSettings>(c), DesiredRunning = ops.Recovery.DesiredRunning(c.Name, Settings<GpuSettings>(c)), Providers = providers, Tags = tags }, options);
                    break;
                case ComponentKind.FeatureStoreOnline:
                    built.FeatureStores[c.Name] = new OnlineFeatureStore(c.Name, new OnlineFeatureStoreArgs { Plan = c, Settings = Settings<OnlineFeatureStoreSettings>(c), Providers = providers, Tags = tags }, options);
                    break;
                case ComponentKind.ModelProvider:
                    built.Models[c.Name] = Model(c, Settings<ModelProviderSettings>(c), azureAccounts[c.Name], providers, azure, tags, ops.State.Ephemeral, options);
                    break;
                case ComponentKind.InferenceEndpoint:
                    // Endpoints are served by the service's own compute; DrKit routes to them (TrafficRouting).
                    break;
                default:
                    throw new InvalidOperationException($"DrKit has no AWS component for {Names.Of(c.Kind)} ({c.Name})");
            }
        }

        built.Alarms = Alarms(ops, built, providers, tags, Options());
        return built;
    }

    private static ReplicatedBucket Bucket(ComponentPlan c, BucketSettings settings, RegionalProviders providers, StackTags tags, ComponentResourceOptions options) =>
        new(c.Name, new ReplicatedBucketArgs { Settings = settings, Providers = providers, Tags = tags, Component = c.Name }, options);

    private static T Settings<T>(ComponentPlan c)
        where T : ComponentSettings =>
        c.Settings as T ?? throw new InvalidOperationException($"component {c.Name} ({Names.Of(c.Kind)}) was planned with {c.Settings.GetType().Name}, expected {typeof(T).Name}");
}
