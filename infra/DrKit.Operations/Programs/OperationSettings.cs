using DrKit.Failover;

namespace DrKit.Operations.Programs;

/// <summary>Failover knobs: which operation, whether the RPO check is overridden, and per-step bounds.</summary>
public sealed record FailoverSettings
{
    /// <summary>Timeouts sized for stack updates: every fence, promotion and shift is a full <c>up</c> (<see cref="StepTimeouts.Cloud"/>,
    /// the bounds the plan's RTO estimate holds each step to).</summary>
    public static StepTimeouts CloudTimeouts => StepTimeouts.Cloud;

    public required string OperationId { get; init; }

    public bool Force { get; init; }

    public string? ForceReason { get; init; }

    /// <summary>Model-provider rungs the operator knows are down (e.g. the hosted API whose outage started this); the switch skips them.</summary>
    public IReadOnlyList<string> ProvidersDown { get; init; } = [];

    public StepTimeouts Timeouts { get; init; } = CloudTimeouts;
}

/// <summary>Failback knobs: the gradual shift's stages and thresholds.</summary>
public sealed record FailbackSettings
{
    public required string OperationId { get; init; }

    public IReadOnlyList<int> Stages { get; init; } = [10, 50, 100];

    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMinutes(2);

    public double? MaxErrorRate { get; init; } = 0.05;

    public double? MaxErrorRateRise { get; init; } = 0.02;

    /// <summary>Bound on each stage's stack update, on top of the settle time.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long Resync waits for RDS to create a re-seeded replica; creating one copies the whole database, so a
    /// large one may take longer, and a re-run finds it and goes on.</summary>
    public TimeSpan SeedWait { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Pause between describe calls while RDS creates the re-seeded replica.</summary>
    public TimeSpan SeedPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long Resync waits for the re-seed's writer parameter group to be in sync, a reboot included; a re-run goes on.</summary>
    public TimeSpan ParameterWait { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Step bounds of the writer switch back (the failover engine run from the recovery region to the primary).</summary>
    public StepTimeouts WriterTimeouts { get; init; } = FailoverSettings.CloudTimeouts;
}
