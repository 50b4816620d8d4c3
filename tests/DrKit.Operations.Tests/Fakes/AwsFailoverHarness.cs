using DrKit.Operations.Cloud;
using DrKit.Failover;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>A bundled stack (pilot-light by default; active-active has self-managed PostgreSQL), its AWS and a failover
/// program over both, on a manual clock.</summary>
internal sealed class AwsFailoverHarness
{
    public AwsFailoverHarness(double lagSeconds = 2, string stack = "pilot-light", bool gpu = true)
    {
        Stack = stack;
        World = new StackWorld().WithStack(stack, c =>
        {
            var outputs = PilotLightProgram.Outputs(c, replicaLagSeconds: null);
            if (!gpu)
            {
                // A stack without GPU capacity exports the group output empty, as the AWS stack does.
                outputs["recoveryAutoScalingGroup"] = string.Empty;
            }

            return outputs;
        });
        _gpu = gpu;
        Aws = new FakeAws { Clock = Clock }.WithRecoveryLag(Clock.GetUtcNow(), lagSeconds);
        // The reservation holds what the stack's GPU component asks for.
        Aws.ReservationAvailable = Math.Max(Aws.ReservationAvailable, BundledStacks.Topology(stack).DesiredRunning);
    }

    public string Stack { get; }

    private readonly bool _gpu;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public StackWorld World { get; }

    public FakeAws Aws { get; }

    public InMemoryFailoverJournal Journal { get; } = new();

    /// <summary>The model-provider switch the program is given; none by default.</summary>
    public ModelProviderSwitch? Models { get; init; }

    /// <summary>The recovery replica's WAL receiver a switchover reads.</summary>
    public FakeWalReceiver Wal => _wal ??= new FakeWalReceiver(Aws, Clock);

    private FakeWalReceiver? _wal;

    /// <summary>Wraps the stack gateway the program is given (e.g. with state recording); none by default.</summary>
    public Func<Gateway.IStackGateway, Gateway.IStackGateway> Gateways { get; init; } = g => g;

    /// <summary>The HTTP client Verify probes the recovery endpoint with; none by default (no endpoint check).</summary>
    public HttpClient? Http { get; init; }

    public FailoverProgram Program() => new(Gateways(World.Gateway.Object), Aws.Switch(Clock), Aws.Lag(Clock), new AwsCli(Aws), Journal, Clock, models: Models, walReader: Wal, http: Http);

    /// <summary>Runs a failover, moving the clock in small steps while it waits on timers (polls, hanging calls).</summary>
    public Task<OperationResult> RunAsync(FailoverSettings? settings = null) => RunAsync(settings, CancellationToken.None);

    /// <summary>Runs a failover with <paramref name="ct"/> (a simulated crash cancels it).</summary>
    public Task<OperationResult> RunAsync(FailoverSettings? settings, CancellationToken ct)
    {
        var topology = BundledStacks.Topology(Stack);
        if (!_gpu)
        {
            topology = topology with { Components = [.. topology.Components.Where(c => c.Settings is not Core.Planning.GpuSettings)], DesiredRunning = 0 };
        }

        return ClockedRun.DriveAsync(Program().RunAsync(topology, settings ?? new FailoverSettings { OperationId = "failover-test" }, ct), Clock);
    }

    /// <summary>Config keys the failover wrote, last value each.</summary>
    public IReadOnlyDictionary<string, string> Recorded => World.ConfigWrites.SelectMany(w => w.Values)
        .GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value.Value, StringComparer.Ordinal);

    public int Index(string operation) => Aws.Calls.FindIndex(c => c.Count > 1 && c[1] == operation);

    public int LastIndex(string operation) => Aws.Calls.FindLastIndex(c => c.Count > 1 && c[1] == operation);
}
