using DrKit.Operations.Drills;

namespace DrKit.Operations.Programs;

/// <summary>How a drill recovers its data into the drill stack.</summary>
public enum DrillMode
{
    /// <summary>From backups and snapshots (the only way for stacks without cross-region replicas).</summary>
    Restore,

    /// <summary>From a cross-region replica of the source, promoted in the drill stack.</summary>
    Promote,
}

/// <summary>Drill knobs: naming, lifetime, recovery mode, limits and where results go.</summary>
public sealed record DrillSettings
{
    /// <summary>Name of the ephemeral stack; <see cref="DrillProgram.NewStackName"/> when null.</summary>
    public string? DrillStack { get; init; }

    /// <summary>Null: promote when the stack has replicas to promote, restore otherwise.</summary>
    public DrillMode? Mode { get; init; }

    /// <summary>How long the drill stack may live; recorded in the <c>drkit:ttl</c> tag for cleanup jobs.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(4);

    /// <summary>How long probes may take to pass after the deployment before the drill counts as failed.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMinutes(20);

    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time the deletions of destroy plus remove may take; runs on a fresh token even when the drill was cancelled.
    /// The drill adds the longest create timeout of its restored copies (<see cref="DrKit.Core.Platforms.Aws.DrillRestore.TeardownBound"/>):
    /// a copy still being restored cannot be deleted before it is created.</summary>
    public TimeSpan TeardownTimeout { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>
    /// How long a cancelled drill waits for the deployment in flight to end (so its restores are in the state and destroyed)
    /// before it cuts it; null: the restores' own bound (<see cref="DrKit.Core.Platforms.Aws.DrillRestore.RestoreBound"/>).
    /// A cut deployment keeps the drill stack when anything tagged with it is left.
    /// </summary>
    public TimeSpan? CancelWait { get; init; }

    /// <summary>The source stack file's config, copied into the drill stack so it deploys the same topology.</summary>
    public StackFileConfig SourceConfig { get; init; } = StackFileConfig.Empty;

    /// <summary>JSON-lines drill history to append to; none when null.</summary>
    public string? HistoryPath { get; init; }

    /// <summary>Directory for the Markdown report; none when null.</summary>
    public string? ReportDirectory { get; init; }
}
