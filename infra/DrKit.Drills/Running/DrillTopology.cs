using DrKit.Drills.Adapters;
using DrKit.Drills.Hosting;
using DrKit.Drills.Postgres;
using DrKit.Drills.Redis;
using DrKit.Drills.Workload;
using DrKit.Failover;

namespace DrKit.Drills.Running;

/// <summary>
/// The servers of one drill and everything wired to them: routers, workloads and the engine adapters.
/// Two "regions" exist: <see cref="PrimaryRegion"/> (primaries) and <see cref="RecoveryRegion"/> (standbys).
/// </summary>
internal sealed class DrillTopology
{
    public const string PrimaryRegion = "primary";
    public const string RecoveryRegion = "recovery";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The bound of the one-shot checks the engine makes before and after promoting (readiness of the standby, the new
    /// primary serving). The engine asks once and refuses or fails on a timeout, so this must hold on a loaded machine:
    /// a fresh connection and a query took over 300 ms on a 2-core runner at load 40, and every drill there was refused
    /// with nothing wrong. A server that is down still answers at once (connection refused), so the RTO is unchanged.
    /// </summary>
    private static readonly TimeSpan EngineProbeTimeout = TimeSpan.FromSeconds(2);

    private DrillTopology(LocalPostgresCluster postgres, LocalRedisPair? redis, IReadOnlyList<WriteWorkload> workloads,
        IReadOnlyList<DataTier> tiers, LocalTrafficSwitch trafficSwitch, LocalRecoveryCapacity capacity,
        IReadOnlyList<IHealthProbe> primaryProbes, IReadOnlyList<IHealthProbe> recoveryProbes, IReadOnlyList<IHealthProbe> servingProbes)
    {
        Postgres = postgres;
        Redis = redis;
        Workloads = workloads;
        Tiers = tiers;
        TrafficSwitch = trafficSwitch;
        Capacity = capacity;
        PrimaryProbes = primaryProbes;
        RecoveryProbes = recoveryProbes;
        ServingProbes = servingProbes;
    }

    public LocalPostgresCluster Postgres { get; }

    public LocalRedisPair? Redis { get; }

    public IReadOnlyList<WriteWorkload> Workloads { get; }

    public WriteWorkload PostgresWorkload => Workloads[0];

    public IReadOnlyList<DataTier> Tiers { get; }

    public LocalTrafficSwitch TrafficSwitch { get; }

    public LocalRecoveryCapacity Capacity { get; }

    /// <summary>Probes of the primary region's fixed endpoints: what failure detection polls.</summary>
    public IReadOnlyList<IHealthProbe> PrimaryProbes { get; }

    /// <summary>Probes of the standbys: readiness before the failover.</summary>
    public IReadOnlyList<IHealthProbe> RecoveryProbes { get; }

    /// <summary>Probes of whatever the routers point at, requiring a writable primary: verification after it.</summary>
    public IReadOnlyList<IHealthProbe> ServingProbes { get; }

    public static async Task<DrillTopology> StartAsync(LocalDrillSpec spec, ProcessHarness harness, TimeProvider time, CancellationToken ct)
    {
        // PostgreSQL and Redis start concurrently: start-up dominates short drills.
        var pgTask = LocalPostgresCluster.StartAsync(harness, new PostgresClusterOptions(spec.PostgresMode, spec.ArchiveTimeout), ct);
        var redisTask = spec.Redis
            ? LocalRedisPair.StartAsync(harness, new RedisPairOptions(spec.Sentinel), ct)
            : Task.FromResult<LocalRedisPair?>(null)!;
        await Task.WhenAll(pgTask, redisTask).ConfigureAwait(false);
        var pg = await pgTask.ConfigureAwait(false);
        var redis = await redisTask.ConfigureAwait(false);

        var switchTiers = new Dictionary<string, (TrafficRouter, IReadOnlyDictionary<string, RouteTarget>)>(StringComparer.Ordinal);
        var workloads = new List<WriteWorkload>();
        var tiers = new List<DataTier>();
        var recoveryServers = new List<(string, Func<bool>)>();
        List<IHealthProbe> primaryProbes = [], recoveryProbes = [], servingProbes = [];

        var pgTargets = Targets(pg.Primary.Port, pg.Standby.Port);
        var pgRouter = new TrafficRouter(pgTargets[PrimaryRegion], time);
        switchTiers["postgres"] = (pgRouter, pgTargets);
        workloads.Add(new WriteWorkload(new PostgresWriteTarget(), pgRouter, time, spec.WritesPerSecond));
        tiers.Add(new DataTier(new PostgresPromoter(pg), spec.PostgresTargets.Rpo));
        recoveryServers.Add((pg.Standby.Name, () => pg.Standby.IsRunning));
        primaryProbes.Add(new PostgresProbe("postgres-primary", () => pgTargets[PrimaryRegion], ProbeTimeout, requirePrimary: true));
        recoveryProbes.Add(new PostgresProbe("postgres-standby", () => pgTargets[RecoveryRegion], EngineProbeTimeout, requirePrimary: false));
        servingProbes.Add(new PostgresProbe("postgres-serving", () => pgRouter.Current, EngineProbeTimeout, requirePrimary: true));

        if (redis is not null)
        {
            var redisTargets = Targets(redis.Primary.Port, redis.Replica.Port);
            var redisRouter = new TrafficRouter(redisTargets[PrimaryRegion], time);
            switchTiers["redis"] = (redisRouter, redisTargets);
            workloads.Add(new WriteWorkload(new RedisWriteTarget(), redisRouter, time, spec.WritesPerSecond));
            tiers.Add(new DataTier(new RedisPromoter(redis, time), spec.RedisTargets.Rpo));
            recoveryServers.Add((redis.Replica.Name, () => redis.Replica.IsRunning));
            primaryProbes.Add(new RedisProbe("redis-primary", () => redisTargets[PrimaryRegion], ProbeTimeout, requirePrimary: true));
            recoveryProbes.Add(new RedisProbe("redis-replica", () => redisTargets[RecoveryRegion], EngineProbeTimeout, requirePrimary: false));
            servingProbes.Add(new RedisProbe("redis-serving", () => redisRouter.Current, EngineProbeTimeout, requirePrimary: true));
        }

        return new DrillTopology(pg, redis, workloads, tiers, new LocalTrafficSwitch(switchTiers, time),
            new LocalRecoveryCapacity(recoveryServers), primaryProbes, recoveryProbes, servingProbes);
    }

    /// <summary>Kills the primary region: both primaries at once, as a host or zone loss would.</summary>
    public async Task KillPrimaryRegionAsync(CancellationToken ct)
    {
        var kills = new List<Task> { Postgres.Primary.KillAsync(ct) };
        if (Redis is not null)
        {
            kills.Add(Redis.Primary.KillAsync(ct));
        }

        await Task.WhenAll(kills).ConfigureAwait(false);
    }

    /// <summary>Samples every promoter once; Redis can only report lag while its primary still answers.</summary>
    public async Task SampleReplicationAsync(CancellationToken ct)
    {
        foreach (var tier in Tiers)
        {
            await tier.Promoter.GetStatusAsync(ct).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, RouteTarget> Targets(int primaryPort, int recoveryPort) => new(StringComparer.Ordinal)
    {
        [PrimaryRegion] = new RouteTarget(PrimaryRegion, "127.0.0.1", primaryPort),
        [RecoveryRegion] = new RouteTarget(RecoveryRegion, "127.0.0.1", recoveryPort),
    };
}
