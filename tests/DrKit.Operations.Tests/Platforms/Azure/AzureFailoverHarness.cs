using DrKit.Core.Platforms.Azure;
using DrKit.Failover;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Azure;

/// <summary>The azure-pilot-light stack (eastus2 -> centralus), a fake Azure CLI and a failover program over them on a manual clock.</summary>
internal sealed class AzureFailoverHarness
{
    public const string Stack = "azure-pilot-light";
    public const string Primary = "eastus2";
    public const string Recovery = "centralus";

    public AzureFailoverHarness()
    {
        Topology = OperationTopology.From(Core.Planning.Planner.PlanFile(BundledStacks.Path(Stack)));
        var postgres = (AzurePostgresSettings)Topology.Components.First(c => c.Name == "context-store").Settings;
        var redis = (AzureRedisSettings)Topology.Components.First(c => c.Name == "session-cache").Settings;
        PrimaryGroup = postgres.ResourceGroups[Primary];
        RecoveryGroup = postgres.ResourceGroups[Recovery];
        World = new StackWorld().WithStack(Stack, _ => []);
        Az = new FakeAz
        {
            Clock = Clock,
            PrimaryGroup = PrimaryGroup,
            Server = postgres.Server,
            Replica = postgres.ReplicaServer!,
            PrimaryRedis = redis.Instances[Primary],
            RecoveryRedis = redis.Instances[Recovery],
        };
        Az.Roles[postgres.Server] = "Primary";
        Az.Roles[postgres.ReplicaServer!] = "GeoAsyncReplica";
        Az.Endpoints[Primary] = (true, 1000);
        Az.Endpoints[Recovery] = (false, 1);
    }

    public OperationTopology Topology { get; }

    public string PrimaryGroup { get; }

    public string RecoveryGroup { get; }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public StackWorld World { get; }

    public FakeAz Az { get; }

    public InMemoryFailoverJournal Journal { get; } = new();

    /// <summary>A failover program whose only cloud is the fake Azure CLI (the AWS adapters would fail the test if called).</summary>
    public FailoverProgram Program()
    {
        // The AWS adapters get the fake Azure CLI too: any AWS call fails the test (it accepts 'az' only).
        return new FailoverProgram(World.Gateway.Object, new Cloud.GlobalDatastoreSwitch(Az, Clock), new Cloud.ReplicaLagReader(Az, Clock), new AwsCli(Az), Journal, Clock, az: new AzCli(Az), dns: Az);
    }

    public Task<OperationResult> RunAsync(FailoverSettings? settings = null) =>
        ClockedRun.DriveAsync(Program().RunAsync(Topology, settings ?? new FailoverSettings { OperationId = "azure-failover" }, CancellationToken.None), Clock);

    /// <summary>A failback program over the same fake Azure CLI; error rates are read in order (the last repeats).</summary>
    public FailbackProgram Failback(params double[] errorRates)
    {
        var probe = new Moq.Mock<IErrorRateProbe>();
        var rates = errorRates.Length == 0 ? [0.01] : errorRates;
        var next = 0;
        probe.Setup(p => p.GetErrorRateAsync(Moq.It.IsAny<CancellationToken>())).Returns(() => Task.FromResult(rates[Math.Min(next++, rates.Length - 1)]));
        return new FailbackProgram(World.Gateway.Object, new Cloud.GlobalDatastoreSwitch(Az, Clock), new Cloud.ReplicaLagReader(Az, Clock), new AwsCli(Az), Journal, probe.Object, Clock,
            az: new AzCli(Az));
    }

    public Task<OperationResult> FailbackAsync(string operationId = "azure-failback", params double[] errorRates) =>
        ClockedRun.DriveAsync(Failback(errorRates).RunAsync(Topology, new FailbackSettings { OperationId = operationId }, CancellationToken.None), Clock);

    /// <summary>Config keys the failover wrote, last value each.</summary>
    public IReadOnlyDictionary<string, string> Recorded => World.ConfigWrites.SelectMany(w => w.Values)
        .GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value.Value, StringComparer.Ordinal);

    /// <summary>Calls whose resource group is the primary region's.</summary>
    public IReadOnlyList<string> PrimaryCalls => [.. Az.Calls.Where(c => Option(c, "--resource-group") == PrimaryGroup).Select(c => string.Join(' ', c))];

    private static string? Option(IReadOnlyList<string> arguments, string option)
    {
        var i = arguments.ToList().IndexOf(option);
        return i >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : null;
    }
}
