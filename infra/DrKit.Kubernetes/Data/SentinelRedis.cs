using System.Globalization;
using DrKit.Core.Operations;
using DrKit.Core.Platforms.Kubernetes;
using Pulumi;
using Pulumi.Kubernetes.Apps.V1;
using Pulumi.Kubernetes.Core.V1;
using Pulumi.Kubernetes.Policy.V1;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace DrKit.Kubernetes.Data;

public sealed class SentinelRedisArgs : ResourceArgs
{
    public required SentinelRedisSettings Settings { get; init; }

    public required DataTierState Tier { get; init; }

    public required ClusterProviders Providers { get; init; }
}

/// <summary>
/// Redis per cluster: a StatefulSet of Redis pods whose role each pod decides at start (see
/// <see cref="SentinelRedisScripts"/>: the Sentinels' master if any Sentinel answers, else the role the stack declares
/// in the region's role ConfigMap), and a StatefulSet of Sentinels (2 x quorum - 1, so the quorum survives losing the
/// rest) with their config on a volume. In the recovery cluster pod 0 replicates from the primary region and no
/// Sentinel runs until operations promote it: a Sentinel there would promote the local copy on its own. Moving the
/// writer changes the role ConfigMap and the replica counts, never a pod template, so no rollout restarts the new
/// writer; once the writer has moved, the old region's Redis is scaled to zero so two writers never run. Clients
/// reach the writer through the Sentinels (published endpoint and master name), not through a fixed pod.
/// https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/
/// </summary>
public sealed partial class SentinelRedis : ComponentResource
{
    public const string TypeToken = "drkit:kubernetes:SentinelRedis";
    public const int Port = SentinelRedisScripts.RedisPort;

    /// <summary>Each Sentinel's volume: its config file, which Sentinel rewrites with what it learns.</summary>
    public const string SentinelStorage = "1Gi";

    public SentinelRedis(string name, SentinelRedisArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var ns = s.Placement.Namespace;
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        var masters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in s.Regions)
        {
            var opts = args.Providers.For(region, this);
            var baseName = $"{args.Tier.Component}-{region}";
            var writer = region == args.Tier.WriterRegion;
            var retired = !writer && region == args.Tier.PrimaryRegion;
            var upstream = KubernetesWriter.RedisUpstream(args.Tier, s, region);
            _ = new Service($"{name}-{region}-service", Headless(args.Tier.Component, $"{baseName}-redis", ns, Port, "redis", publishNotReady: true), opts);
            var role = new ConfigMap($"{name}-{region}-role", Role(args.Tier.Component, baseName, ns, upstream), opts);
            _ = new StatefulSet($"{name}-{region}-redis", Redis(s, args.Tier.Component, baseName, ns, retired ? 0 : 1 + s.Replicas),
                new CustomResourceOptions { Parent = this, Provider = args.Providers.In(region), DependsOn = { role } });
            _ = new Service($"{name}-{region}-sentinel-service", Headless(args.Tier.Component, $"{baseName}-sentinel", ns, SentinelRedisScripts.SentinelPort, "sentinel", publishNotReady: false), opts);
            _ = new StatefulSet($"{name}-{region}-sentinel", Sentinel(s, args.Tier.Component, baseName, ns, KubernetesWriter.SentinelReplicas(args.Tier, s, region)), opts);
            _ = new PodDisruptionBudget($"{name}-{region}-redis-pdb", Budget(args.Tier.Component, $"{baseName}-redis", ns, maxUnavailable: SentinelRedisSettings.RedisMaxUnavailable), opts);
            _ = new PodDisruptionBudget($"{name}-{region}-sentinel-pdb", Budget(args.Tier.Component, $"{baseName}-sentinel", ns, maxUnavailable: s.SentinelsMaxUnavailable), opts);
            endpoints[region] = $"{baseName}-sentinel.{ns}.svc:{Text(SentinelRedisScripts.SentinelPort)}";
            masters[region] = MasterName(baseName);
        }

        PrimaryEndpoint = Output.Create(endpoints[args.Tier.PrimaryRegion]);
        RecoveryEndpoint = Output.Create(args.Tier.RecoveryRegion is { } r ? endpoints.GetValueOrDefault(r, string.Empty) : string.Empty);
        MasterNames = masters;
        RegisterOutputs();
    }

    /// <summary>The Sentinels' Service of the primary region (host:port): Sentinel-aware clients ask it for the master.</summary>
    public Output<string> PrimaryEndpoint { get; }

    /// <summary>The Sentinels' Service of the recovery region (host:port).</summary>
    public Output<string> RecoveryEndpoint { get; }

    /// <summary>Region -> the master name its Sentinels monitor.</summary>
    public IReadOnlyDictionary<string, string> MasterNames { get; }

    /// <summary>The name a region's Sentinels monitor their master under: the component's regional name.</summary>
    public static string MasterName(string baseName) => baseName;

    /// <summary>Pod labels; <c>drkit.io/component</c> is what a Velero Schedule of the component selects.</summary>
    private static InputMap<string> Labels(string app, string component) => new()
    {
        { "app.kubernetes.io/name", app },
        { "app.kubernetes.io/managed-by", "drkit" },
        { "drkit.io/component", component },
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A headless Service: stable DNS names for a StatefulSet's pods, and the set of its (ready) pods.</summary>
    internal static ServiceArgs Headless(string component, string name, string ns, int port, string portName, bool publishNotReady) => new()
    {
        Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name, component) },
        Spec = new ServiceSpecArgs
        {
            ClusterIP = "None",
            // Redis pods resolve pod 0 by name before it is ready; the Sentinels' Service lists ready Sentinels only.
            PublishNotReadyAddresses = publishNotReady,
            Selector = Labels(name, component),
            Ports = { new ServicePortArgs { Name = portName, Port = port } },
        },
    };

    /// <summary>The region's declared role: "host port" of the upstream pod 0 replicates from, empty in the writer's region.</summary>
    internal static ConfigMapArgs Role(string component, string baseName, string ns, string? upstream) => new()
    {
        Metadata = new ObjectMetaArgs { Name = $"{baseName}-redis-role", Namespace = ns, Labels = Labels($"{baseName}-redis", component) },
        Data = { { SentinelRedisScripts.UpstreamKey, SentinelRedisScripts.Upstream(upstream) } },
    };

    internal static StatefulSetArgs Redis(SentinelRedisSettings s, string component, string baseName, string ns, int replicas)
    {
        var name = $"{baseName}-redis";
        var script = SentinelRedisScripts.Redis(name, ns, $"{baseName}-sentinel", MasterName(baseName), $"{SentinelRedisScripts.RoleMountPath}/{SentinelRedisScripts.UpstreamKey}");
        return new StatefulSetArgs
        {
            Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name, component) },
            Spec = new StatefulSetSpecArgs
            {
                ServiceName = name,
                Replicas = replicas,
                Selector = new LabelSelectorArgs { MatchLabels = Labels(name, component) },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = Labels(name, component) },
                    Spec = new PodSpecArgs
                    {
                        Affinity = Apart(name, component),
                        TopologySpreadConstraints = { AcrossZones(name, component) },
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "redis",
                                Image = s.Image,
                                Command = { "sh", "-c", script },
                                Ports = { new ContainerPortArgs { ContainerPortValue = Port, Name = "redis" } },
                                ReadinessProbe = new ProbeArgs { Exec = new ExecActionArgs { Command = { "redis-cli", "PING" } }, PeriodSeconds = 5 },
                                VolumeMounts =
                                {
                                    new VolumeMountArgs { Name = "data", MountPath = "/data" },
                                    new VolumeMountArgs { Name = "role", MountPath = SentinelRedisScripts.RoleMountPath, ReadOnly = true },
                                },
                            },
                        },
                        Volumes = { new VolumeArgs { Name = "role", ConfigMap = new ConfigMapVolumeSourceArgs { Name = $"{baseName}-redis-role" } } },
                    },
                },
                VolumeClaimTemplates = { Claim(name, component, $"{Text(s.StorageGb)}Gi") },
            },
        };
    }

    internal static StatefulSetArgs Sentinel(SentinelRedisSettings s, string component, string baseName, string ns, int replicas)
    {
        var name = $"{baseName}-sentinel";
        var script = SentinelRedisScripts.Sentinel(name, $"{baseName}-redis", ns, MasterName(baseName), s.SentinelQuorum);
        var ping = new ExecActionArgs { Command = { "redis-cli", "-p", Text(SentinelRedisScripts.SentinelPort), "PING" } };
        return new StatefulSetArgs
        {
            Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name, component) },
            Spec = new StatefulSetSpecArgs
            {
                ServiceName = name,
                Replicas = replicas,
                // Sentinels find each other through the master, not through start order: start and stop them together.
                PodManagementPolicy = "Parallel",
                Selector = new LabelSelectorArgs { MatchLabels = Labels(name, component) },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = Labels(name, component) },
                    Spec = new PodSpecArgs
                    {
                        Affinity = Apart(name, component),
                        TopologySpreadConstraints = { AcrossZones(name, component) },
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "sentinel",
                                Image = s.Image,
                                Command = { "sh", "-c", script },
                                Ports = { new ContainerPortArgs { ContainerPortValue = SentinelRedisScripts.SentinelPort, Name = "sentinel" } },
                                ReadinessProbe = new ProbeArgs { Exec = ping, PeriodSeconds = 5 },
                                VolumeMounts = { new VolumeMountArgs { Name = "data", MountPath = SentinelRedisScripts.SentinelDataPath } },
                            },
                        },
                    },
                },
                VolumeClaimTemplates = { Claim(name, component, SentinelStorage) },
            },
        };
    }

    private static PersistentVolumeClaimArgs Claim(string name, string component, string size) => new()
    {
        Metadata = new ObjectMetaArgs { Name = "data", Labels = Labels(name, component) },
        Spec = new PersistentVolumeClaimSpecArgs
        {
            AccessModes = { "ReadWriteOnce" },
            Resources = new VolumeResourceRequirementsArgs { Requests = { { "storage", size } } },
        },
    };
}
