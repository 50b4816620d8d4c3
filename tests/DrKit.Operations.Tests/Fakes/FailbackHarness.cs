using DrKit.Core.Platforms.Aws;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using Moq;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>The pilot-light stack after a failover to us-west-2 (as AWS and the stack's config then are) and a failback program over both.</summary>
internal sealed class FailbackHarness
{
    public static readonly Dictionary<string, string> FailedOver = new(StringComparer.Ordinal)
    {
        ["drkit-ops:promote.context-store"] = "true",
        ["drkit-ops:writerRegion.session-cache"] = PilotLightProgram.Recovery,
        ["drkit-ops:fence.context-store"] = "true",
        ["drkit-ops:traffic.activeRegion"] = PilotLightProgram.Recovery,
        ["drkit-ops:traffic.percent"] = "100",
    };

    /// <summary>The instance failback re-seeds in us-east-1.</summary>
    public static readonly string Seed = AwsNames.FailbackReplica(FakeAws.PrimaryInstance);

    public FailbackHarness(double seedLagSeconds = 1, double redisLagSeconds = 1)
    {
        World = new StackWorld().WithStack("pilot-light", c => PilotLightProgram.Outputs(c, replicaLagSeconds: null, resyncLagSeconds: null), deployed: false);
        World.Config["pilot-light"] = FailedOver.ToDictionary(p => p.Key, p => Gateway.ConfigSetting.Plain(p.Value), StringComparer.Ordinal);
        World.Deployed["pilot-light"] = PilotLightProgram.Outputs(FailedOver, replicaLagSeconds: null, resyncLagSeconds: null);
        // RDS PostgreSQL's ReplicaLag on a fenced, idle source grows (seconds since the last replayed commit): the switch back must not wait on it.
        Aws = new FakeAws { Clock = Clock, SharedLog = World.Calls, FencedSourceLagGrows = true };
        Aws.Members[PilotLightProgram.Primary] = (FakeAws.PrimaryGroup, "SECONDARY");
        Aws.Members[PilotLightProgram.Recovery] = (FakeAws.RecoveryGroup, "PRIMARY");
        // As the failover left RDS: the old primary fenced and rebooted, the replica a writer at the production class.
        Aws.Instances[FakeAws.PrimaryInstance] = Aws.Instances[FakeAws.PrimaryInstance] with { Groups = [FakeAws.FenceGroup], Rebooted = true };
        Aws.Instances[FakeAws.RecoveryInstance] = Aws.Instances[FakeAws.RecoveryInstance] with { Source = null, Class = "db.r6g.large", Promotions = 1 };
        Aws.Controls[PilotLightProgram.Primary] = "Off";
        var now = Clock.GetUtcNow();
        Aws.Datapoints[Seed] = [(now.AddMinutes(-1), seedLagSeconds)];
        foreach (var member in Aws.MemberClusters[FakeAws.PrimaryGroup])
        {
            Aws.Datapoints[member] = [(now.AddMinutes(-1), redisLagSeconds)];
        }
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public StackWorld World { get; }

    public FakeAws Aws { get; }

    public InMemoryFailoverJournal Journal { get; } = new();

    public static FailbackSettings Settings => new()
    {
        OperationId = "failback-test",
        SettleTime = TimeSpan.Zero,
        SeedPollInterval = TimeSpan.FromSeconds(5),
        WriterTimeouts = FailoverSettings.CloudTimeouts with { PollInterval = TimeSpan.FromSeconds(5) },
    };

    public FailbackProgram Program(params double[] errorRates) =>
        new(World.Gateway.Object, Aws.Switch(Clock), Aws.Lag(Clock), new AwsCli(Aws), Journal, ErrorRates(errorRates.Length == 0 ? [0.01, 0.01, 0.01, 0.01] : errorRates), Clock,
            models: Models ? new ModelProviderSwitch(Aws) : null, health: Health is null ? null : new Adapters.RungHealthProbe(Health));

    /// <summary>Whether the program gets the model-provider switch (over <see cref="Aws"/>).</summary>
    public bool Models { get; init; }

    /// <summary>Changes the bundled topology the failback runs on (e.g. a third region); none by default.</summary>
    public Func<OperationTopology, OperationTopology> Topology { get; init; } = t => t;

    /// <summary>What the primary rung's health check reaches; null: no probe.</summary>
    public HttpClient? Health { get; init; }

    /// <summary>Runs a failback, moving the clock while it waits on timers.</summary>
    public async Task<OperationResult> RunAsync(FailbackSettings? settings = null, CancellationToken ct = default, params double[] errorRates)
    {
        var run = Program(errorRates).RunAsync(Topology(BundledStacks.Topology("pilot-light")), settings ?? Settings, ct);
        for (var i = 0; i < 50_000 && !run.IsCompleted; i++)
        {
            await Task.Yield();
            if (!run.IsCompleted)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.That(run.IsCompleted, Is.True, "the failback should finish within the simulated time");
        return await run;
    }

    public IEnumerable<string> TrafficPercents => World.ConfigWrites.Where(w => w.Values.ContainsKey("drkit-ops:traffic.percent")).Select(w => w.Values["drkit-ops:traffic.percent"].Value);

    private static IErrorRateProbe ErrorRates(double[] rates)
    {
        var probe = new Mock<IErrorRateProbe>();
        var sequence = probe.SetupSequence(p => p.GetErrorRateAsync(It.IsAny<CancellationToken>()));
        foreach (var rate in rates)
        {
            sequence = sequence.ReturnsAsync(rate);
        }

        return probe.Object;
    }
}
