using DrKit.Drills.Postgres;

namespace DrKit.Drills;

/// <summary>What goes wrong during a drill.</summary>
public enum DrillFailureMode
{
    /// <summary>kill -9 of the primary region's servers (PostgreSQL primary and Redis primary).</summary>
    KillPrimary,

    /// <summary>The WAL archive destination disappears: archiving fails, archive RPO exposure grows, then it recovers.</summary>
    StopArchive,

    /// <summary>Standby replay is paused until lag exceeds the RPO, then the primary is killed: the engine must refuse unless forced.</summary>
    PausedReplica,
}

/// <summary>Recovery objectives of one data tier.</summary>
/// <param name="Rpo">Most data (as time of writes) the tier may lose.</param>
/// <param name="Rto">Longest the tier may be unable to take writes.</param>
public sealed record TierTargets(TimeSpan Rpo, TimeSpan Rto);

/// <summary>One local drill: topology, objectives, workload and the failure to inject.</summary>
public sealed record LocalDrillSpec
{
    public required string StackName { get; init; }

    public ReplicationMode PostgresMode { get; init; } = ReplicationMode.Async;

    /// <summary>PostgreSQL archive_timeout: bounds how old the newest archived WAL may be.</summary>
    public TimeSpan ArchiveTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public bool Redis { get; init; } = true;

    /// <summary>Let three Sentinels fail Redis over instead of the engine's REPLICAOF NO ONE.</summary>
    public bool Sentinel { get; init; }

    public TierTargets PostgresTargets { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    public TierTargets RedisTargets { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    public int WritesPerSecond { get; init; } = 200;

    /// <summary>Workload time before the failure, so replication and archiving are in steady state.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    public DrillFailureMode FailureMode { get; init; } = DrillFailureMode.KillPrimary;

    /// <summary>Override the engine's RPO refusal; needs <see cref="ForceReason"/>.</summary>
    public bool Force { get; init; }

    public string? ForceReason { get; init; }

    /// <summary>After the failover, restore a fresh instance from base backup + WAL archive and verify it.</summary>
    public bool Restore { get; init; }

    /// <summary>How often health probes poll; detection time is part of the measured RTO.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest archive outage a drill injects.</summary>
    public static readonly TimeSpan MinArchiveOutage = TimeSpan.FromSeconds(3);

    /// <summary>How long the archive destination stays away in <see cref="DrillFailureMode.StopArchive"/>; it must outlast
    /// one <see cref="ArchiveTimeout"/> for the archiver to try (and fail) at all.</summary>
    public TimeSpan ArchiveOutage { get; init; } = MinArchiveOutage;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(StackName);
        ArgumentOutOfRangeException.ThrowIfLessThan(WritesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WarmUp, TimeSpan.FromMilliseconds(200), nameof(WarmUp));
        ArgumentOutOfRangeException.ThrowIfLessThan(ProbeInterval, TimeSpan.FromMilliseconds(10), nameof(ProbeInterval));
        if (Sentinel && !Redis)
        {
            throw new ArgumentException("Sentinel needs Redis enabled.", nameof(Sentinel));
        }

        if (Force && string.IsNullOrWhiteSpace(ForceReason))
        {
            throw new ArgumentException("A forced drill must say why (ForceReason).", nameof(ForceReason));
        }
    }
}
