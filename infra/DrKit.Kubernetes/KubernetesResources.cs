using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Kubernetes.Access;
using DrKit.Kubernetes.Compute;
using DrKit.Kubernetes.Data;
using DrKit.Kubernetes.Storage;
using Pulumi;

namespace DrKit.Kubernetes;

/// <summary>
/// The Kubernetes part of a DrKit stack: every component the plan runs on Kubernetes, declared through its component
/// resource with the provider of each region's cluster, and the endpoints of its data tiers for the flat outputs.
/// </summary>
public sealed class KubernetesResources
{
    /// <param name="parent">The stack to declare under; null: the program's root stack.</param>
    public KubernetesResources(StackOperations operations, Resource? parent)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var components = Platform.Components(operations.Plan, Platform.Kubernetes).ToList();
        var clusters = components.SelectMany(c => ((KubernetesSettings)c.Settings).Placement.Clusters);
        Providers = ClusterProviders.Create(clusters, parent);
        var endpoints = new Dictionary<string, (Output<string> Primary, Output<string> Recovery)>(StringComparer.Ordinal);
        var masters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (components.Count > 0)
        {
            var placement = ((KubernetesSettings)components[0].Settings).Placement;
            _ = new OperationsAccess("operations-access", new OperationsAccessArgs
            {
                Namespace = placement.Namespace,
                Regions = Providers.ByRegion.Keys.ToList(),
                Subjects = placement.Operators,
                Providers = Providers,
                Objects = OperatedObjects.Of(operations.Plan),
            }, new ComponentResourceOptions { Parent = parent });
        }

        foreach (var c in components)
        {
            var options = new ComponentResourceOptions { Parent = parent };
            var settings = (KubernetesSettings)c.Settings;
            switch (settings)
            {
                case CnpgSettings cnpg:
                    var pg = new CloudNativePg(c.Name, new CloudNativePgArgs { Settings = cnpg, Tier = operations.Tiers[c.Name], Providers = Providers, ServerNames = cnpg.ServerNames(operations.State, c.Name) }, options);
                    endpoints[c.Name] = (pg.PrimaryEndpoint, pg.RecoveryEndpoint);
                    break;
                case SentinelRedisSettings redis:
                    var cache = new SentinelRedis(c.Name, new SentinelRedisArgs { Settings = redis, Tier = operations.Tiers[c.Name], Providers = Providers }, options);
                    endpoints[c.Name] = (cache.PrimaryEndpoint, cache.RecoveryEndpoint);
                    foreach (var (region, master) in cache.MasterNames)
                    {
                        masters[KubernetesWriter.SentinelMasterOutput(c.Name, region)] = master;
                    }

                    break;
                case GpuInferenceSettings gpu:
                    var running = gpu.Allocations.ToDictionary(a => a.Region, a => a.Region == operations.Recovery.Region && operations.Recovery.GpuComponent == c.Name ? operations.Recovery.Running : a.Running, StringComparer.Ordinal);
                    _ = new GpuInference(c.Name, new GpuInferenceArgs { Plan = c, Settings = gpu, Running = running, Providers = Providers }, options);
                    break;
                default:
                    throw new InvalidOperationException($"DrKit has no Kubernetes component for {c.Name} ({settings.GetType().Name})");
            }

            if (settings.Backup is { } backup)
            {
                _ = new VeleroSchedule($"{c.Name}-velero", new VeleroScheduleArgs { Backup = backup, Namespace = settings.Placement.Namespace, Region = KubernetesWriter.BackupRegion(operations, c.Name), Providers = Providers }, options);
            }
        }

        Endpoints = endpoints;
        SentinelMasters = masters;
    }

    public ClusterProviders Providers { get; }

    /// <summary>Data component -> primary and recovery endpoints (host:port inside each cluster).</summary>
    public IReadOnlyDictionary<string, (Output<string> Primary, Output<string> Recovery)> Endpoints { get; }

    /// <summary>Flat output name -> the master name a region's Sentinels monitor (Sentinel-aware clients need both).</summary>
    public IReadOnlyDictionary<string, string> SentinelMasters { get; }

    /// <summary>The flat operations outputs of <paramref name="operations"/> with this part's data endpoints filled in.</summary>
    public IDictionary<string, object?> FlatOutputs(StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var flat = operations.FlatOutputs(new Dictionary<string, TierEndpoints>(StringComparer.Ordinal))
            .ToDictionary(o => o.Key, o => (object?)Output.Create(o.Value), StringComparer.Ordinal);
        foreach (var (component, (primary, recovery)) in Endpoints)
        {
            flat[OperationsOutputNames.PrimaryEndpoint(component)] = primary;
            if (operations.Tiers[component].RecoveryRegion is not null)
            {
                flat[OperationsOutputNames.RecoveryEndpoint(component)] = recovery;
            }
        }

        foreach (var (key, master) in SentinelMasters)
        {
            flat[key] = Output.Create(master);
        }

        return flat;
    }
}
