using System.Globalization;
using DrKit.Core.Operations;
using DrKit.Core.Platforms.Kubernetes;
using Pulumi;
using Pulumi.Kubernetes.Apps.V1;
using KubeDeployment = Pulumi.Kubernetes.Apps.V1.Deployment;
using Pulumi.Kubernetes.Core.V1;
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
/// Redis per cluster: a StatefulSet whose pod 0 is the writer and whose other pods replicate from it, and Sentinels
/// (2 x quorum - 1, so the quorum survives losing the rest) that fail over inside the cluster. In the recovery
/// cluster pod 0 replicates from the primary region and no Sentinel runs until operations promote it: a Sentinel
/// there would promote the local copy on its own. Once the writer has moved, the old region's Redis is scaled to
/// zero so two writers never run. https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/
/// </summary>
public sealed class SentinelRedis : ComponentResource
{
    public const string TypeToken = "drkit:kubernetes:SentinelRedis";
    public const int Port = 6379;

    public SentinelRedis(string name, SentinelRedisArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var ns = s.Placement.Namespace;
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in s.Regions)
        {
            var opts = args.Providers.For(region, this);
            var baseName = $"{args.Tier.Component}-{region}";
            var writer = region == args.Tier.WriterRegion;
            var retired = !writer && region == args.Tier.PrimaryRegion;
            var upstream = writer ? null : s.ReplicaOf;
            _ = new Service($"{name}-{region}-service", Headless(args.Tier.Component, baseName, ns), opts);
            _ = new StatefulSet($"{name}-{region}-redis", Redis(s, args.Tier.Component, baseName, ns, retired ? 0 : 1 + s.Replicas, upstream), opts);
            _ = new KubeDeployment($"{name}-{region}-sentinel", Sentinel(s, args.Tier.Component, baseName, ns, writer ? s.Sentinels : 0), opts);
            endpoints[region] = $"{baseName}-redis-0.{baseName}-redis.{ns}.svc:{Port}";
        }

        PrimaryEndpoint = Output.Create(endpoints[args.Tier.PrimaryRegion]);
        RecoveryEndpoint = Output.Create(args.Tier.RecoveryRegion is { } r ? endpoints.GetValueOrDefault(r, string.Empty) : string.Empty);
        RegisterOutputs();
    }

    public Output<string> PrimaryEndpoint { get; }

    public Output<string> RecoveryEndpoint { get; }

    /// <summary>Pod labels; <c>drkit.io/component</c> is what a Velero Schedule of the component selects.</summary>
    private static InputMap<string> Labels(string app, string component) => new()
    {
        { "app.kubernetes.io/name", app },
        { "app.kubernetes.io/managed-by", "drkit" },
        { "drkit.io/component", component },
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static ServiceArgs Headless(string component, string baseName, string ns) => new()
    {
        Metadata = new ObjectMetaArgs { Name = $"{baseName}-redis", Namespace = ns, Labels = Labels($"{baseName}-redis", component) },
        Spec = new ServiceSpecArgs
        {
            ClusterIP = "None",
            // Replicas and Sentinels resolve pod 0 by name before it is ready.
            PublishNotReadyAddresses = true,
            Selector = Labels($"{baseName}-redis", component),
            Ports = { new ServicePortArgs { Name = "redis", Port = Port } },
        },
    };

    /// <summary>Pod 0 is the writer, or a replica of <paramref name="upstream"/>; the others replicate from pod 0.</summary>
    internal static StatefulSetArgs Redis(SentinelRedisSettings s, string component, string baseName, string ns, int replicas, string? upstream)
    {
        var name = $"{baseName}-redis";
        var first = upstream is null ? "exec redis-server --appendonly yes" : $"exec redis-server --appendonly yes --replicaof {upstream.Replace(':', ' ')}";
        var script = $"if [ \"${{HOSTNAME##*-}}\" = 0 ]; then {first}; else exec redis-server --appendonly yes --replicaof {name}-0.{name}.{ns}.svc {Text(Port)}; fi";
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
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "redis",
                                Image = s.Image,
                                Command = { "sh", "-c", script },
                                Ports = { new ContainerPortArgs { ContainerPortValue = Port, Name = "redis" } },
                                ReadinessProbe = new ProbeArgs { Exec = new ExecActionArgs { Command = { "redis-cli", "PING" } }, PeriodSeconds = 5 },
                                VolumeMounts = { new VolumeMountArgs { Name = "data", MountPath = "/data" } },
                            },
                        },
                    },
                },
                VolumeClaimTemplates =
                {
                    new PersistentVolumeClaimArgs
                    {
                        Metadata = new ObjectMetaArgs { Name = "data", Labels = Labels(name, component) },
                        Spec = new PersistentVolumeClaimSpecArgs
                        {
                            AccessModes = { "ReadWriteOnce" },
                            Resources = new VolumeResourceRequirementsArgs { Requests = { { "storage", $"{Text(s.StorageGb)}Gi" } } },
                        },
                    },
                },
            },
        };
    }

    internal static DeploymentArgs Sentinel(SentinelRedisSettings s, string component, string baseName, string ns, int replicas)
    {
        var name = $"{baseName}-sentinel";
        var master = $"{baseName}-redis-0.{baseName}-redis.{ns}.svc";
        // Sentinel rewrites its config file, so it is generated into a writable path at start.
        var conf = string.Join("\\n",
            "port 26379",
            "sentinel resolve-hostnames yes",
            "sentinel announce-hostnames yes",
            $"sentinel monitor {baseName} {master} {Text(Port)} {Text(s.SentinelQuorum)}",
            $"sentinel down-after-milliseconds {baseName} 5000",
            $"sentinel failover-timeout {baseName} 60000");
        return new DeploymentArgs
        {
            Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name, component) },
            Spec = new DeploymentSpecArgs
            {
                Replicas = replicas,
                Selector = new LabelSelectorArgs { MatchLabels = Labels(name, component) },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = Labels(name, component) },
                    Spec = new PodSpecArgs
                    {
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "sentinel",
                                Image = s.Image,
                                Command = { "sh", "-c", $"printf '{conf}\\n' > /tmp/sentinel.conf && exec redis-server /tmp/sentinel.conf --sentinel" },
                                Ports = { new ContainerPortArgs { ContainerPortValue = 26379, Name = "sentinel" } },
                            },
                        },
                    },
                },
            },
        };
    }
}
