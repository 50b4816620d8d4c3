using System.Text.Json;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>The Managed Redis instances of one active geo-replication group: the primary region's and the survivor's.</summary>
public sealed record ManagedRedisPair(
    string Component, string PrimaryGroup, string PrimaryRegion, string PrimaryInstance, string RecoveryGroup, string RecoveryRegion, string RecoveryInstance);

/// <summary>
/// Moves the application's writes to the recovery member of an Azure Managed Redis active geo-replication group
/// (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication). Every member already takes writes, so
/// there is nothing to promote in the service: the writer is the member the application is told to use
/// (<c>drkit-ops:writerRegion.&lt;c&gt;</c>). When the primary member answers (the fence, bounded), the link stays and
/// the members converge; when it does not, the lost member is force-unlinked from the survivor, run against the survivor
/// in the recovery region, so the survivor stops keeping changes for a peer that is gone. Its id is read from the
/// survivor's own links, never from the failed region. The service publishes no sync lag ("no SLA on sync time"): a
/// link whose Geo Replication Healthy metric reads healthy is read as the typical delay DrKit assumes; unhealthy or no
/// data is unknown, which the RPO check refuses unless forced.
/// </summary>
public sealed class ManagedRedisPromoter(AzCli az, ManagedRedisPair pair, StackStateRecord state, IStackGateway gateway, TimeProvider time) : IDataPromoter, IFenceAwarePromoter, ISwitchoverCatchUp
{
    /// <summary>Whether this process's fence read found the primary answering: reported as reachability (rollback uses it),
    /// never used to choose the promotion, which takes the engine's journaled outcome.</summary>
    private bool _primaryAnswered;

    public string Name => pair.Component;

    /// <summary>Where the last lag figure came from.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        JsonElement survivor;
        try
        {
            survivor = await Survivor(ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException)
        {
            return new ReplicationStatus(_primaryAnswered, false, null, false);
        }

        var link = Link(survivor);
        TimeSpan? lag = null;
        if (link is null)
        {
            LastLag = new LagReading(null, $"{pair.RecoveryInstance} has no link to {pair.PrimaryInstance} (unlinked)");
        }
        else
        {
            var (healthy, detail) = await GeoHealthAsync(ct).ConfigureAwait(false);
            lag = healthy == true ? Core.Platforms.Azure.AzureAssumptions.RedisGeoLag : null;
            LastLag = new LagReading(lag, healthy == true
                ? $"{detail} (the service publishes no sync lag; healthy counts as the assumed {Core.Objectives.DurationText.Format(Core.Platforms.Azure.AzureAssumptions.RedisGeoLag)})"
                : $"{detail}: lag unknown");
        }

        var promoted = await IsPromotedAsync(survivor, ct).ConfigureAwait(false);
        return new ReplicationStatus(_primaryAnswered, Running(survivor), promoted ? TimeSpan.Zero : lag, promoted);
    }

    /// <summary>Bounded by the engine: the primary member's database answers Running in its region.</summary>
    public async Task FenceAsync(CancellationToken ct)
    {
        var primary = await az.ReadAsync(AzureCalls.RedisDatabaseShow(pair.PrimaryGroup, pair.PrimaryRegion, pair.PrimaryInstance), ct).ConfigureAwait(false);
        if (!Running(primary))
        {
            throw new InvalidOperationException($"{pair.PrimaryInstance} in {pair.PrimaryRegion} answers but is not Running; its link is force-unlinked");
        }

        _primaryAnswered = true;
    }

    /// <summary>Nothing was changed on the primary member.</summary>
    public Task UnfenceAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The engine always passes the fence outcome (<see cref="IFenceAwarePromoter"/>); without it a force-unlink
    /// of a member that may be healthy would be a guess, so this refuses.</summary>
    Task IDataPromoter.PromoteAsync(CancellationToken ct) =>
        throw new InvalidOperationException($"{pair.Component}: moving the Managed Redis writer needs the fence outcome (keep or force-unlink the link); the failover engine passes it");

    /// <summary>The lost member is force-unlinked only when the fence was not confirmed, in this run or the journaled
    /// run it resumes: a resumed <c>--force</c> run whose fence answered keeps the link.</summary>
    public async Task PromoteAsync(bool fenceConfirmed, CancellationToken ct)
    {
        var survivor = await Survivor(ct).ConfigureAwait(false);
        if (!fenceConfirmed && Link(survivor) is { } link && AwsCli.Text(link, "id") is { } id)
        {
            await az.RunAsync(AzureCalls.RedisForceUnlink(pair.RecoveryGroup, pair.RecoveryRegion, pair.RecoveryInstance, id), ct).ConfigureAwait(false);
        }

        // Last: a crash before it leaves the tier unpromoted, and the next run finds the link already gone.
        await state.SetAsync(OpsConfig.WriterRegion(pair.Component), pair.RecoveryRegion, ct).ConfigureAwait(false);
    }

    /// <summary>The survivor answers Running in its region and the stack tells the application to write there.</summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct) => await IsPromotedAsync(await Survivor(ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>With the link Linked, every write the primary member took reaches the survivor; the writer moves without loss.</summary>
    public async Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct)
    {
        if (Link(await Survivor(ct).ConfigureAwait(false)) is null)
        {
            return new CatchUpStatus(false, $"{pair.RecoveryInstance} has no link to {pair.PrimaryInstance}");
        }

        var (healthy, detail) = await GeoHealthAsync(ct).ConfigureAwait(false);
        return new CatchUpStatus(healthy == true, healthy == true ? $"{detail}: the members converge" : detail);
    }

    /// <summary>
    /// Sync health from Azure Monitor's Geo Replication Healthy metric on the survivor, read in its region: true when every
    /// one-minute point of the last <see cref="FlexibleServerPromoter.Freshness"/> is 1, false when one is 0, null (unknown)
    /// without a fresh point. The link's Linked state is configuration, not sync.
    /// https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cache-redisenterprise-metrics
    /// </summary>
    private async Task<(bool? Healthy, string Detail)> GeoHealthAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now - FlexibleServerPromoter.Freshness;
        try
        {
            var reply = await az.ReadAsync(AzureCalls.RedisGeoHealth(pair.RecoveryGroup, pair.RecoveryRegion, pair.RecoveryInstance,
                FlexibleServerPromoter.Iso(since), FlexibleServerPromoter.Iso(now)), ct).ConfigureAwait(false);
            var points = AzureMetrics.Maxima(reply).Where(p => p.At >= since).ToList();
            var metric = $"Azure Monitor {AzureCalls.RedisGeoHealthMetric} of {pair.RecoveryInstance}";
            return points.Count == 0 ? (null, $"{metric}: no datapoint in the last {Core.Objectives.DurationText.Format(FlexibleServerPromoter.Freshness)}")
                : points.All(p => p.Maximum >= 1) ? (true, $"{metric}: healthy since {points[0].At:u}")
                : (false, $"{metric}: unhealthy at {points.Last(p => p.Maximum < 1).At:u}");
        }
        catch (Exception e) when (e is CloudCommandFailedException or FormatException)
        {
            return (null, $"Azure Monitor {AzureCalls.RedisGeoHealthMetric} unreadable: {e.Message}");
        }
    }

    private async Task<bool> IsPromotedAsync(JsonElement survivor, CancellationToken ct)
    {
        // writerRegion is not an echo of the cloud but the decision itself: active members all accept writes, and the
        // application writes where this key says.
        var config = await gateway.GetConfigAsync(state.Stack, ct).ConfigureAwait(false);
        return Running(survivor) && config.GetValueOrDefault(OpsConfig.WriterRegion(pair.Component))?.Value == pair.RecoveryRegion;
    }

    private Task<JsonElement> Survivor(CancellationToken ct) => az.ReadAsync(AzureCalls.RedisDatabaseShow(pair.RecoveryGroup, pair.RecoveryRegion, pair.RecoveryInstance), ct);

    /// <summary>The survivor's link to the primary member (matched by the instance name in its resource id), or null.</summary>
    internal JsonElement? Link(JsonElement database) => ManagedRedisReturn.Link(database, pair.PrimaryInstance);

    internal static bool Running(JsonElement database) =>
        AwsCli.Text(database, "resourceState") is null or "Running" && AwsCli.Text(database, "provisioningState") is null or "Succeeded";
}
