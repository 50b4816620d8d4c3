using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// The k8s-pilot-light stack, its two clusters (kubectl) and its ARC routing controls (AWS CLI), and a failover
/// program over them on a manual clock.
/// </summary>
internal sealed class KubernetesFailoverHarness
{
    public const string Stack = "k8s-pilot-light";

    public KubernetesFailoverHarness()
    {
        World = new StackWorld().WithStack(Stack, Outputs);
        Kube = new FakeKube { Clock = Clock };
        Aws = new FakeAws { Clock = Clock };
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public StackWorld World { get; }

    public FakeKube Kube { get; }

    public FakeAws Aws { get; }

    public InMemoryFailoverJournal Journal { get; } = new();

    public OperationTopology Topology => BundledStacks.Topology(Stack);

    public FailoverProgram Program(IFailoverJournal? journal = null)
    {
        var cli = new Dispatch(Kube, Aws);
        return new FailoverProgram(World.Gateway.Object, Aws.Switch(Clock), Aws.Lag(Clock), new AwsCli(cli), journal ?? Journal, Clock, kubectl: new Kubectl(cli));
    }

    /// <summary>Runs a failover, moving the clock in small steps while it waits on timers (polls, hanging calls).</summary>
    public Task<OperationResult> RunAsync(FailoverSettings? settings = null, IFailoverJournal? journal = null, OperationTopology? topology = null) =>
        ClockedRun.DriveAsync(Program(journal).RunAsync(topology ?? Topology, settings ?? new FailoverSettings { OperationId = "k8s-failover" }, CancellationToken.None), Clock);

    /// <summary>A failback program over the same clusters; the error-rate probe is strict: Kubernetes failback does not use it.</summary>
    public Task<OperationResult> FailbackAsync(OperationTopology? topology = null)
    {
        var cli = new Dispatch(Kube, Aws);
        var program = new FailbackProgram(World.Gateway.Object, Aws.Switch(Clock), Aws.Lag(Clock), new AwsCli(cli), Journal, new Moq.Mock<IErrorRateProbe>(Moq.MockBehavior.Strict).Object, Clock,
            kubectl: new Kubectl(cli));
        return ClockedRun.DriveAsync(program.RunAsync(topology ?? Topology, new FailbackSettings { OperationId = "k8s-failback" }, CancellationToken.None), Clock);
    }

    /// <summary>k8s-pilot-light without its Redis tier, which Kubernetes failback refuses.</summary>
    public OperationTopology WithoutRedis => Topology with { DataTiers = [.. Topology.DataTiers.Where(t => t.Component != "session-cache")] };

    /// <summary>Config keys the failover wrote, last value each.</summary>
    public IReadOnlyDictionary<string, string> Recorded => World.ConfigWrites.SelectMany(w => w.Values)
        .GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value.Value, StringComparer.Ordinal);

    /// <summary>What the stack reports: traffic and ARC ids and the endpoints; data state is read from the clusters.</summary>
    private static Dictionary<string, string> Outputs(IReadOnlyDictionary<string, string> config)
    {
        const string primary = PilotLightProgram.Primary, recovery = PilotLightProgram.Recovery;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["routingControlArns"] = "{" + string.Join(",", new[] { primary, recovery }.Select(r => $"\"{r}\":\"{FakeAws.ControlArn(r)}\"")) + "}",
            ["routingControlEndpoints"] = "{" + string.Join(",", FakeAws.ClusterEndpoints.Select(e => $"\"{e.Key}\":\"{e.Value}\"")) + "}",
            ["recoveryAutoScalingGroup"] = string.Empty,
            [$"endpoint.{primary}"] = "https://api.use1.assistant.example.com/healthz",
            [$"endpoint.{recovery}"] = "https://api.usw2.assistant.example.com/healthz",
            ["traffic.activeRegion"] = config.GetValueOrDefault("drkit-ops:traffic.activeRegion") ?? primary,
            ["traffic.percent"] = config.GetValueOrDefault("drkit-ops:traffic.percent") ?? "100",
            ["context-store.primaryEndpoint"] = "context-store-us-east-1-rw.rag-assistant.svc:5432",
            ["context-store.recoveryEndpoint"] = "context-store-us-west-2-rw.rag-assistant.svc:5432",
        };
    }

    /// <summary>kubectl to the clusters, everything else to AWS.</summary>
    internal sealed class Dispatch(FakeKube kube, FakeAws aws) : ICloudCommand
    {
        public Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct) =>
            program == Kubectl.Program ? kube.RunAsync(program, arguments, timeout, ct) : aws.RunAsync(program, arguments, timeout, ct);
    }
}
