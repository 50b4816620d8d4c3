using System.Globalization;
using System.Text.Json;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>The two servers of a replicated PostgreSQL Flexible Server tier, by their decided names and groups, and the
/// writer virtual endpoint's name (<paramref name="WriterEndpoint"/>) when one is declared.</summary>
public sealed record FlexibleServerPair(
    string Component, string PrimaryGroup, string PrimaryRegion, string Server, string RecoveryGroup, string RecoveryRegion, string Replica, bool VirtualEndpoint,
    string? WriterEndpoint = null);

/// <summary>
/// Promotes a PostgreSQL Flexible Server read replica in the recovery region
/// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote). The fence is a bounded
/// read of the primary in its own region: when it answers Ready as the primary, the promotion is "planned" (the service
/// applies every pending WAL record before the replica accepts writes, no loss) and, with a virtual endpoint,
/// "switchover" (the roles swap, so the old primary becomes a replica and never a second writer, and the writer endpoint
/// follows). When it does not answer, the promotion is "forced", meant for regional outages: the replica opens at its
/// nearest consistent point and the lag at that moment is what is lost. Every other call goes to the recovery group.
/// </summary>
public sealed class FlexibleServerPromoter(AzCli az, FlexibleServerPair pair, StackStateRecord state, TimeProvider time) : IDataPromoter, IFenceAwarePromoter, ISwitchoverCatchUp
{
    /// <summary>A lag datapoint older than this says nothing about now (Azure Monitor publishes one a minute).</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    /// <summary>Whether this process's fence read found the primary answering: reported as reachability (rollback uses it),
    /// never used to choose the promotion, which takes the engine's journaled outcome.</summary>
    private bool _primaryAnswered;

    public string Name => pair.Component;

    /// <summary>Where the last lag figure came from, for the run's readiness record.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        JsonElement replica;
        try
        {
            replica = await az.ReadAsync(AzureCalls.ServerShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica), ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException)
        {
            return new ReplicationStatus(_primaryAnswered, false, null, false);
        }

        if (IsWriter(replica))
        {
            return new ReplicationStatus(_primaryAnswered, true, TimeSpan.Zero, true);
        }

        // Read Replica Lag is "the time since the last replayed transaction on a replica" and, with no transactions on
        // the primary, grows anyway (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-read-replicas-portal#read-replica-lag-metric);
        // through an outage it grows by the outage's length. So the engine judges it only after the fence, and only when
        // the fence is not confirmed, as an upper bound: a confirmed fence runs the planned switchover, which applies
        // every pending WAL record before the replica accepts writes
        // (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote, "Planned").
        var lag = await ReadLagAsync(ct).ConfigureAwait(false);
        return new ReplicationStatus(_primaryAnswered, State(replica) == "Ready", lag, false, LagIsTimeSinceReplay: true);
    }

    /// <summary>Bounded by the engine: reads the primary in its region. Answering Ready as the primary confirms a
    /// planned switchover can run (the service itself stops the old primary and swaps roles); no answer is an outage.</summary>
    public async Task FenceAsync(CancellationToken ct)
    {
        var primary = await az.ReadAsync(AzureCalls.ServerShow(pair.PrimaryGroup, pair.PrimaryRegion, pair.Server), ct).ConfigureAwait(false);
        if (State(primary) != "Ready" || IsReplica(primary))
        {
            throw new InvalidOperationException(
                $"{pair.Server} in {pair.PrimaryRegion} answers but is {State(primary) ?? "in no state"} as {Role(primary) ?? "no role"}: a planned promotion needs both servers Available, so this one is forced");
        }

        _primaryAnswered = true;
    }

    /// <summary>The fence changed nothing on the primary (the switchover itself demotes it), so there is nothing to undo.</summary>
    public Task UnfenceAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The engine always passes the fence outcome (<see cref="IFenceAwarePromoter"/>); without it the choice
    /// between planned and forced would be a guess, so this refuses.</summary>
    Task IDataPromoter.PromoteAsync(CancellationToken ct) =>
        throw new InvalidOperationException($"{pair.Component}: a Flexible Server promotion needs the fence outcome (planned or forced); the failover engine passes it");

    /// <summary>Planned when the fence was confirmed, in this run or the journaled run it resumes, forced otherwise:
    /// never from <c>--force</c>, which overrides checks, not what the primary answered.</summary>
    public async Task PromoteAsync(bool fenceConfirmed, CancellationToken ct)
    {
        // Recorded first: after a crash from here on, the stack must declare the promoted server as the writer.
        await state.SetAsync(OpsConfig.Promote(pair.Component), "true", ct).ConfigureAwait(false);
        await az.RunAsync(AzureCalls.Promote(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica, pair.VirtualEndpoint, fenceConfirmed), ct).ConfigureAwait(false);
    }

    /// <summary>The replica's own role, read in its region: Primary, or a promotion under way (the server is being reconfigured).</summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct) =>
        IsWriter(await az.ReadAsync(AzureCalls.ServerShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica), ct).ConfigureAwait(false));

    /// <summary>
    /// A planned promotion applies all pending WAL before it accepts writes, so the service is the catch-up. Nothing is
    /// decided here: the engine passes the fence outcome to <see cref="PromoteAsync(bool, CancellationToken)"/>.
    /// </summary>
    public Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct)
    {
        return Task.FromResult(new CatchUpStatus(true, "the planned promotion applies every pending WAL record before the replica accepts writes (Azure, promote-option planned)"));
    }

    /// <summary>
    /// For Verify: the promoted server is Primary and Ready. A promotion still Reconfiguring counts as begun for
    /// <see cref="IsPromotedAsync"/> (it can no longer be undone, so rollback must not unfence) but does not serve yet.
    /// </summary>
    public async Task<(bool Serving, string Detail)> ServingAsync(CancellationToken ct)
    {
        var replica = await az.ReadAsync(AzureCalls.ServerShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica), ct).ConfigureAwait(false);
        return (Role(replica) is "Primary" or "None" && State(replica) == "Ready",
            $"{pair.Replica}: {Role(replica) ?? "no role"}, {State(replica) ?? "no state"}, replication {AzCli.Path(replica, "replica", "replicationState") ?? "none"}");
    }

    internal static string? State(JsonElement server) => AzCli.Path(server, "state");

    internal static string? Role(JsonElement server) => AzCli.Path(server, "replica", "role") ?? AzCli.Path(server, "replicationRole");

    private static bool IsReplica(JsonElement server) => Role(server) is { } role && role.EndsWith("Replica", StringComparison.OrdinalIgnoreCase);

    /// <summary>Primary (or no replication left), or a promotion that has begun and can no longer be undone.</summary>
    internal static bool IsWriter(JsonElement server) =>
        Role(server) is "Primary" or "None" || AzCli.Path(server, "replica", "replicationState") is "Reconfiguring";

    private async Task<TimeSpan?> ReadLagAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var reply = await az.ReadAsync(AzureCalls.ReplicaLag(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica, Iso(now - Freshness - Freshness), Iso(now)), ct).ConfigureAwait(false);
            var (at, seconds) = AzureMetrics.Maxima(reply).LastOrDefault();
            var latest = (At: at, Seconds: seconds);
            if (latest.At == default || now - latest.At > Freshness)
            {
                LastLag = new LagReading(null, $"Azure Monitor {AzureCalls.ReplicaLagMetric}: no datapoint in the last {Core.Objectives.DurationText.Format(Freshness)}");
                return null;
            }

            var lag = TimeSpan.FromSeconds(latest.Seconds);
            LastLag = new LagReading(lag, $"Azure Monitor {AzureCalls.ReplicaLagMetric} at {latest.At:u}: time since the last replayed transaction, an upper bound on the loss " +
                "(idle time included), judged only when the fence is not confirmed");
            return lag;
        }
        catch (Exception e) when (e is CloudCommandFailedException or FormatException)
        {
            LastLag = new LagReading(null, $"Azure Monitor {AzureCalls.ReplicaLagMetric} unreadable: {e.Message}");
            return null;
        }
    }

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
