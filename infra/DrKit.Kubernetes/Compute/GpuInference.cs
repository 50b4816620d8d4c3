using System.Collections.Immutable;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;
using Pulumi;
using Pulumi.Kubernetes.Apps.V1;
using Pulumi.Kubernetes.Core.V1;
using KubeDeployment = Pulumi.Kubernetes.Apps.V1.Deployment;
using Pulumi.Kubernetes.Scheduling.V1;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using PriorityClassArgs = Pulumi.Kubernetes.Types.Inputs.Scheduling.V1.PriorityClassArgs;

namespace DrKit.Kubernetes.Compute;

public sealed class GpuInferenceArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required GpuInferenceSettings Settings { get; init; }

    /// <summary>Region -> inference pods to run (the recovery region's count from operations).</summary>
    public required IReadOnlyDictionary<string, int> Running { get; init; }

    public required ClusterProviders Providers { get; init; }
}

/// <summary>
/// GPU inference per region: a Deployment whose pods request the plan's GPUs and turn ready only once the model is
/// loaded, and, where the plan holds recovery GPUs, placeholder pods at a negative priority that keep GPU nodes
/// occupied and are preempted first when inference scales up (node overprovisioning).
/// https://kubernetes.io/docs/tasks/administer-cluster/node-overprovisioning/
/// https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
/// </summary>
public sealed class GpuInference : ComponentResource
{
    public const string TypeToken = "drkit:kubernetes:GpuInference";

    /// <summary>The extended resource the NVIDIA device plugin advertises.</summary>
    public const string GpuResource = KubernetesAssumptions.GpuResource;

    /// <summary>Pause container: holds the GPUs it requests and does nothing else.</summary>
    public const string PlaceholderImage = "registry.k8s.io/pause:3.10";

    public GpuInference(string name, GpuInferenceArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var ns = s.Placement.Namespace;
        var replicas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var allocation in s.Allocations)
        {
            var region = allocation.Region;
            var opts = args.Providers.For(region, this);
            var running = args.Running.GetValueOrDefault(region, allocation.Running);
            replicas[region] = running;
            _ = new KubeDeployment($"{name}-{region}-inference", Inference(s, $"{args.Plan.Name}-{region}-inference", ns, running), opts);
            _ = new Service($"{name}-{region}-service", InferenceService(s, $"{args.Plan.Name}-{region}-inference", ns), opts);
            if (allocation.Placeholders > 0)
            {
                // PriorityClass is cluster-scoped: named after namespace and component, so stacks sharing a cluster never share one.
                var priority = new PriorityClass($"{name}-{region}-priority", new PriorityClassArgs
                {
                    Metadata = new ObjectMetaArgs { Name = s.PriorityClass },
                    Value = s.PlaceholderPriority,
                    GlobalDefault = false,
                    PreemptionPolicy = "Never",
                    Description = "DrKit GPU placeholders: hold recovery GPUs, preempted first by inference pods",
                }, opts);
                _ = new KubeDeployment($"{name}-{region}-placeholder", Placeholders(s, $"{args.Plan.Name}-{region}-placeholder", ns, allocation.Placeholders, s.PriorityClass),
                    new CustomResourceOptions { Parent = this, Provider = args.Providers.In(region), DependsOn = { priority } });
            }
        }

        Replicas = Output.Create(replicas.ToImmutableDictionary());
        RegisterOutputs(new Dictionary<string, object?> { ["replicas"] = Replicas });
    }

    [Output("replicas")]
    public Output<ImmutableDictionary<string, int>> Replicas { get; private set; }

    private static InputMap<string> Gpus(GpuInferenceSettings s) => new() { { GpuResource, s.GpusPerPod.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    private static InputMap<string> Labels(string app) => new() { { "app.kubernetes.io/name", app }, { "app.kubernetes.io/managed-by", "drkit" } };

    /// <summary>The GPU nodes' taint, tolerated by inference pods and placeholders alike; none when the plan has none.</summary>
    private static InputList<TolerationArgs> Tolerations(GpuInferenceSettings s)
    {
        var list = new InputList<TolerationArgs>();
        if (s.Toleration is { } t)
        {
            var toleration = new TolerationArgs { Key = t.Key, Operator = t.Operator, Effect = t.Effect };
            if (t.Value is { } value)
            {
                toleration.Value = value;
            }

            list.Add(toleration);
        }

        return list;
    }

    /// <summary>
    /// A ClusterIP Service in front of the ready inference pods of one region: what the region's ingress or load
    /// balancer (behind the traffic endpoints DrKit's health checks probe) sends requests to. The ingress itself is
    /// the cluster's own (ALB controller, gateway) and is not declared here.
    /// https://kubernetes.io/docs/concepts/services-networking/service/
    /// </summary>
    internal static ServiceArgs InferenceService(GpuInferenceSettings s, string name, string ns) => new()
    {
        Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name) },
        Spec = new ServiceSpecArgs
        {
            Selector = Labels(name),
            Ports = { new ServicePortArgs { Name = "http", Port = s.Port, TargetPort = "http" } },
        },
    };

    private static InputMap<string> Selector(GpuInferenceSettings s)
    {
        var map = new InputMap<string>();
        foreach (var (k, v) in s.NodeSelector)
        {
            map.Add(k, v);
        }

        return map;
    }

    internal static DeploymentArgs Inference(GpuInferenceSettings s, string name, string ns, int replicas)
    {
        var probe = new HTTPGetActionArgs { Path = s.ReadinessPath, Port = s.Port };
        return new DeploymentArgs
        {
            Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name) },
            Spec = new DeploymentSpecArgs
            {
                Replicas = replicas,
                Selector = new LabelSelectorArgs { MatchLabels = Labels(name) },
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = Labels(name) },
                    Spec = new PodSpecArgs
                    {
                        NodeSelector = Selector(s),
                        Tolerations = Tolerations(s),
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "inference",
                                Image = s.Image,
                                Ports = { new ContainerPortArgs { ContainerPortValue = s.Port, Name = "http" } },
                                Resources = new ResourceRequirementsArgs { Requests = Gpus(s), Limits = Gpus(s) },
                                // Ready only when the server says the model is loaded; the startup probe allows for the load time.
                                ReadinessProbe = new ProbeArgs { HttpGet = probe, PeriodSeconds = 5, FailureThreshold = 3 },
                                StartupProbe = new ProbeArgs { HttpGet = probe, PeriodSeconds = GpuInferenceSettings.StartupProbePeriodSeconds, FailureThreshold = s.StartupFailureThreshold },
                            },
                        },
                    },
                },
            },
        };
    }

    internal static DeploymentArgs Placeholders(GpuInferenceSettings s, string name, string ns, int replicas, string priorityClass) => new()
    {
        Metadata = new ObjectMetaArgs { Name = name, Namespace = ns, Labels = Labels(name) },
        Spec = new DeploymentSpecArgs
        {
            Replicas = replicas,
            Selector = new LabelSelectorArgs { MatchLabels = Labels(name) },
            Template = new PodTemplateSpecArgs
            {
                Metadata = new ObjectMetaArgs { Labels = Labels(name) },
                Spec = new PodSpecArgs
                {
                    PriorityClassName = priorityClass,
                    // Preemption waits for a victim's grace period; a placeholder has nothing to finish.
                    TerminationGracePeriodSeconds = 0,
                    NodeSelector = Selector(s),
                    Tolerations = Tolerations(s),
                    Containers = { new ContainerArgs { Name = "placeholder", Image = PlaceholderImage, Resources = new ResourceRequirementsArgs { Requests = Gpus(s), Limits = Gpus(s) } } },
                },
            },
        },
    };
}
