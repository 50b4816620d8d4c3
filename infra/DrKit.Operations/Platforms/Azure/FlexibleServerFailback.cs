using System.Globalization;
using System.Text.Json;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>Where a PostgreSQL tier stands on its way back, read from Azure (<c>az postgres flexible-server show</c> on both servers).</summary>
public enum FlexibleServerReturn
{
    /// <summary>The primary region does not answer: nothing can be re-seeded there.</summary>
    PrimaryRegionDown,

    /// <summary>The recovery server is not the writer: the tier is not failed over (or its promotion is unknown).</summary>
    NotFailedOver,

    /// <summary>No server of the primary's name in the primary region: a replica of the writer is created under it.</summary>
    Absent,

    /// <summary>The old primary came back still a writer (a forced promotion leaves it so) beside the promoted one. When the
    /// stack records the promotion (<c>promote.&lt;c&gt;=true</c>) the old one is stale and is deleted first; otherwise
    /// failback refuses, since nothing says which one took the writes.</summary>
    StaleWriter,

    /// <summary>The primary-region server replicates from the writer (after a planned switchover, or a re-seed).</summary>
    Replica,

    /// <summary>The primary-region server is the writer and the recovery server its replica: already switched back.</summary>
    Returned,
}

/// <summary>
/// Returns one Flexible Server tier to the primary region: a read replica of the promoted writer created under the
/// primary's decided name in the primary region's group, its lag read from Azure Monitor until it is 0, then a planned
/// switchover run on it (the service applies all pending WAL, swaps roles so the recovery server becomes its replica, and
/// the writer virtual endpoint follows). A server name cannot be changed, so an old primary that came back as a
/// standalone writer (a forced promotion leaves it so) is deleted first; its writes after the promotion are on a timeline
/// the writer never had, and its backups stay restorable as a dropped server.
/// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas,
/// https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-read-replicas-cli,
/// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote
/// </summary>
public sealed class FlexibleServerFailback(AzCli az, FlexibleServerPair pair, StackStateRecord state, TimeProvider time)
{
    /// <summary>Pause between reads while the replica is created or catches up.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the new replica may take to reach lag 0 (seeding copies the whole database).</summary>
    public TimeSpan CatchUpWait { get; init; } = TimeSpan.FromHours(2);

    public FlexibleServerPair Pair => pair;

    /// <summary>Reads both servers' roles: the recovery server in its region, the primary-region server in its own (bounded).</summary>
    public async Task<FlexibleServerReturn> ReadAsync(CancellationToken ct)
    {
        JsonElement? primary;
        try
        {
            primary = await az.ReadAsync(AzureCalls.ServerShow(pair.PrimaryGroup, pair.PrimaryRegion, pair.Server), ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e) when (NotFound(e))
        {
            primary = null;
        }
        catch (CloudCommandFailedException)
        {
            return FlexibleServerReturn.PrimaryRegionDown;
        }

        var recovery = await az.ReadAsync(AzureCalls.ServerShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica), ct).ConfigureAwait(false);
        var recoveryWrites = FlexibleServerPromoter.IsWriter(recovery);
        var primaryWrites = primary is { } p && FlexibleServerPromoter.IsWriter(p);
        return (primaryWrites, recoveryWrites, primary) switch
        {
            (true, true, _) => FlexibleServerReturn.StaleWriter,
            (true, false, _) => FlexibleServerReturn.Returned,
            (false, false, _) => FlexibleServerReturn.NotFailedOver,
            (_, true, null) => FlexibleServerReturn.Absent,
            (_, true, { } server) when FlexibleServerPromoter.Role(server) is { } role && role.EndsWith("Replica", StringComparison.OrdinalIgnoreCase) => FlexibleServerReturn.Replica,
            _ => FlexibleServerReturn.StaleWriter,
        };
    }

    /// <summary>Deletes a stale old primary (only when it is one) and creates the replica of the writer under its name.</summary>
    public async Task<string> ReseedAsync(FlexibleServerReturn state, CancellationToken ct)
    {
        if (state is FlexibleServerReturn.Replica or FlexibleServerReturn.Returned)
        {
            return $"{pair.Server} already replicates from {pair.Replica}";
        }

        var deleted = string.Empty;
        if (state == FlexibleServerReturn.StaleWriter)
        {
            await az.RunAsync(AzureCalls.ServerDelete(pair.PrimaryGroup, pair.PrimaryRegion, pair.Server), ct).ConfigureAwait(false);
            deleted = $"stale {pair.Server} deleted (restorable as a dropped server); ";
        }

        var writer = await az.ReadAsync(AzureCalls.ServerShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.Replica), ct).ConfigureAwait(false);
        var id = AwsCli.Text(writer, "id") ?? throw new CloudCommandFailedException($"{pair.Replica} has no resource id in its show reply");
        await az.RunAsync(AzureCalls.ReplicaCreate(pair.PrimaryGroup, pair.PrimaryRegion, pair.Server, id), ct).ConfigureAwait(false);
        return $"{deleted}{pair.Server} created in {pair.PrimaryRegion} as a replica of {pair.Replica}";
    }

    /// <summary>Waits until the replica is Ready and Azure Monitor's newest lag datapoint is 0; returns the reading, or throws on the bound.</summary>
    public async Task<string> CatchUpAsync(CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + CatchUpWait;
        var reader = new FlexibleServerPromoter(az, pair with { RecoveryGroup = pair.PrimaryGroup, RecoveryRegion = pair.PrimaryRegion, Replica = pair.Server }, state, time);
        while (true)
        {
            var status = await reader.GetStatusAsync(ct).ConfigureAwait(false);
            if (status.ReplicaReachable && !status.ReplicaIsPrimary && status.Lag == TimeSpan.Zero)
            {
                return $"{pair.Server} Ready, lag 0 ({reader.LastLag?.Source})";
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new CloudCommandFailedException($"{pair.Server} did not reach lag 0 within {Core.Objectives.DurationText.Format(CatchUpWait)}: " +
                    $"{(status.ReplicaReachable ? "Ready" : "not Ready")}, lag {(status.Lag is { } l ? l.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s" : "unknown")} ({reader.LastLag?.Source})");
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The planned switchover on the primary-region replica, then both roles read back: exactly one writer, in the primary region.</summary>
    public async Task<string> SwitchBackAsync(CancellationToken ct)
    {
        if (await ReadAsync(ct).ConfigureAwait(false) != FlexibleServerReturn.Returned)
        {
            await az.RunAsync(AzureCalls.Promote(pair.PrimaryGroup, pair.PrimaryRegion, pair.Server, switchover: true, planned: true), ct).ConfigureAwait(false);
        }

        var after = await ReadAsync(ct).ConfigureAwait(false);
        return after == FlexibleServerReturn.Returned
            ? $"{pair.Server} is the writer in {pair.PrimaryRegion}, {pair.Replica} its replica"
            : throw new CloudCommandFailedException($"after the switchover Azure reports {after} for {pair.Server}/{pair.Replica}, not the writer in {pair.PrimaryRegion}");
    }

    private static bool NotFound(CloudCommandFailedException e) =>
        e.Message.Contains("ResourceNotFound", StringComparison.Ordinal) || e.Message.Contains("was not found", StringComparison.OrdinalIgnoreCase);
}
