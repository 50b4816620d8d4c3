using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Fails an RDS PostgreSQL cross-region read replica over with calls to the recovery region only, except the fence.
/// State is read from <c>describe-db-instances</c> (a writer has no replication source), lag from CloudWatch in the
/// recovery region. The fence is hard and best effort: the primary's security groups are swapped for one without
/// ingress (no new sessions) and the instance is rebooted (every session and open transaction ends); it counts as
/// confirmed only when describe shows the fence group alone and active and the instance available again. Promotion
/// is <c>promote-read-replica</c> in the recovery region with backups on, then a resize to the production class with
/// apply-immediately (pilot light runs a smaller replica), waited for before traffic moves. Once it is a writer, its
/// address is published in every serving region's writer parameter (<see cref="WriterAddressPublisher"/>). Each effect
/// is recorded in the stack's config.
/// </summary>
public sealed class RdsReplicaPromoter(
    AwsCli aws, RdsTier tier, ReplicaLagReader lag, StackStateRecord state, TimeProvider time) : IDataPromoter
{
    private IReadOnlyList<string>? _groupsBeforeFence;
    private DateTimeOffset? _fencedAt;
    private bool _primaryUnanswered;
    private bool _promotionRequested;

    public string Name => tier.Component;

    /// <summary>What the stack's config records of a fence and a promotion; failback (writer back in the primary region) records differently.</summary>
    public RdsRecords Records { get; init; } = RdsRecords.Failover(tier.Component);

    /// <summary>Pause between describe calls while waiting for RDS to finish a change.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether every serving region answers, so each region's writer parameter is written: a failback (both regions are up).
    /// A failover writes regions other than the new writer's only once this run confirmed the old primary's fence.
    /// </summary>
    public bool EveryRegionUp { get; init; }

    /// <summary>Where the promotion published the new writer's address; null until a promotion was confirmed.</summary>
    public WriterPublication? Publication { get; private set; }

    /// <summary>The lag the last status read found and its source.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        RdsInstanceState replica;
        try
        {
            replica = await DescribeAsync(tier.ReplicaInstance, tier.RecoveryRegion, ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            LastLag = new LagReading(null, $"replica not readable: {e.Message}");
            return new ReplicationStatus(!_primaryUnanswered, false, null, false);
        }

        LastLag = replica.IsWriter
            ? new LagReading(null, "not read: the recovery instance is already a writer")
            : await lag.ReadRdsAsync(tier.ReplicaInstance, tier.RecoveryRegion, ct, _fencedAt).ConfigureAwait(false);
        // The primary is never asked here: its reachability is what the last fence or unfence learnt.
        return new ReplicationStatus(!_primaryUnanswered, true, LastLag.Lag, replica.IsWriter);
    }

    public async Task FenceAsync(CancellationToken ct)
    {
        _primaryUnanswered = true;
        // Recorded as intent before the first call: if the fence cannot be confirmed (the region is down) the next up
        // must still declare the old primary fenced, or it would reopen a second writer when its region returns.
        await RecordFenceAsync(true, ct).ConfigureAwait(false);
        var before = await DescribeAsync(tier.PrimaryInstance, tier.PrimaryRegion, ct).ConfigureAwait(false);
        // It answered: from here on a rollback can reach it and undo a fence cut short by the bound.
        _primaryUnanswered = false;
        if (!before.FencedBy(tier.FenceSecurityGroup))
        {
            _groupsBeforeFence ??= [.. before.SecurityGroups.Keys.Where(g => g != tier.FenceSecurityGroup)];
            await aws.RunAsync(RdsCommands.SetSecurityGroups(tier.PrimaryInstance, [tier.FenceSecurityGroup], tier.PrimaryRegion), ct).ConfigureAwait(false);
            // RDS refuses a reboot while the instance is 'modifying'; wait for the group change to settle first.
            before = await WaitAsync(tier.PrimaryInstance, tier.PrimaryRegion, s => s.FencedBy(tier.FenceSecurityGroup) && s.Status == RdsInstanceState.Available, ct)
                .ConfigureAwait(false);
        }

        // A security group change leaves established connections open; the reboot ends them. Also when the fence group was
        // already in place (a resumed run): whether the earlier run got to its reboot is not known. A reboot under way is enough.
        if (before.Status != "rebooting")
        {
            await aws.RunAsync(RdsCommands.Reboot(tier.PrimaryInstance, tier.PrimaryRegion), ct).ConfigureAwait(false);
        }

        await WaitAsync(tier.PrimaryInstance, tier.PrimaryRegion, s => s.FencedBy(tier.FenceSecurityGroup) && s.Status == RdsInstanceState.Available, ct)
            .ConfigureAwait(false);
        _fencedAt = time.GetUtcNow();
        await RecordFenceAsync(true, ct).ConfigureAwait(false);
    }

    public async Task UnfenceAsync(CancellationToken ct)
    {
        var groups = _groupsBeforeFence is { Count: > 0 } seen ? seen : tier.ClientSecurityGroups;
        if (groups.Count == 0)
        {
            throw new CloudCommandFailedException(
                $"{tier.Component}: no client security groups are known for {tier.PrimaryInstance}; restore them by hand with " +
                $"'{RdsCommands.SetSecurityGroups(tier.PrimaryInstance, ["<group ids>"], tier.PrimaryRegion)}'.");
        }

        await aws.RunAsync(RdsCommands.SetSecurityGroups(tier.PrimaryInstance, groups, tier.PrimaryRegion), ct).ConfigureAwait(false);
        _primaryUnanswered = false;
        _fencedAt = null;
        await RecordFenceAsync(false, ct).ConfigureAwait(false);
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        var replica = await DescribeAsync(tier.ReplicaInstance, tier.RecoveryRegion, ct).ConfigureAwait(false);
        if (!replica.IsWriter)
        {
            _promotionRequested = true;
            try
            {
                await aws.RunAsync(RdsCommands.Promote(tier.ReplicaInstance, tier.BackupRetentionDays, tier.RecoveryRegion), ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e) when (RdsCommands.DefinitelyRefused(e.Message))
            {
                throw new PromotionRefusedException(e.Message, e);
            }

            replica = await WaitAsync(tier.ReplicaInstance, tier.RecoveryRegion, s => s.IsWriter && s.Status == RdsInstanceState.Available, ct).ConfigureAwait(false);
        }

        await state.SetAsync(Records.Promoted, ct).ConfigureAwait(false);
        // Confirmed a writer: applications reading the writer parameter in their region move now, not at the next up
        // (which cannot run while the failed region is down). The address is what RDS reports for it, read above. The old
        // primary's region is written only when this run's fence proved it answers: a failover calls no failed region.
        Publication = await new WriterAddressPublisher(aws).PublishAsync(tier, replica.Address, EveryRegionUp || _fencedAt is not null, ct).ConfigureAwait(false);
        if (!string.Equals(replica.InstanceClass, tier.ProductionClass, StringComparison.Ordinal))
        {
            // A class change takes the instance down while it runs ("DB instance class: downtime occurs during this
            // change", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Modifying.html), so
            // it is waited for here, before traffic moves, not left for users to meet.
            await aws.RunAsync(RdsCommands.Resize(tier.ReplicaInstance, tier.ProductionClass, tier.RecoveryRegion), ct).ConfigureAwait(false);
            await WaitAsync(tier.ReplicaInstance, tier.RecoveryRegion,
                s => s.Status == RdsInstanceState.Available && string.Equals(s.InstanceClass, tier.ProductionClass, StringComparison.Ordinal), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After the run's steps: reads the new writer region's parameter back and writes it again when it does not hold the
    /// writer's Endpoint.Address. A resumed run, whose Promote an earlier run completed, publishes nothing itself; without
    /// this it would report success over a required write that failed. A write that failed in this run stands as failed;
    /// so does a writer that cannot be described now.
    /// </summary>
    public async Task ReconcilePublicationAsync(CancellationToken ct)
    {
        if (Publication is { RequiredWritten: false })
        {
            return;
        }

        if (tier.WriterParameter is not { } parameter)
        {
            return;
        }

        RdsInstanceState writer;
        try
        {
            writer = await DescribeAsync(tier.ReplicaInstance, tier.RecoveryRegion, ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            // Unchecked counts as unpublished: the run's summary then names the write to make by hand.
            Publication = new WriterPublication(Name, parameter, null, [new RegionWrite(tier.RecoveryRegion, true, $"NOT CHECKED (required): {e.Message}")]);
            return;
        }

        if (writer.IsWriter && await new WriterAddressPublisher(aws).ReconcileAsync(tier, writer.Address, ct).ConfigureAwait(false) is { } read)
        {
            // This run's own writes stay in the report, the required one followed by what the read-back found.
            var back = read.Writes.Single(w => w.Required);
            Publication = Publication is null ? read : read with
            {
                Writes = [.. Publication.Writes.Select(w => w.Required ? back with { Result = $"{w.Result}, {back.Result}" } : w)],
            };
        }
    }

    /// <summary>A writer, or a replica this run asked to promote that RDS is still changing: either may take writes soon.</summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct)
    {
        var replica = await DescribeAsync(tier.ReplicaInstance, tier.RecoveryRegion, ct).ConfigureAwait(false);
        return replica.IsWriter || (_promotionRequested && replica.Status != RdsInstanceState.Available);
    }

    private Task RecordFenceAsync(bool fenced, CancellationToken ct) =>
        Records.FenceKey is { } key ? state.SetAsync(key, OpsConfig.Text(fenced), ct) : Task.CompletedTask;

    private async Task<RdsInstanceState> DescribeAsync(string instance, string region, CancellationToken ct) =>
        RdsInstanceState.Parse(await aws.RunAsync(RdsCommands.Describe(instance, region), ct).ConfigureAwait(false), instance);

    /// <summary>Polls until <paramref name="done"/> holds; the engine's step or fence bound ends the wait.</summary>
    private async Task<RdsInstanceState> WaitAsync(string instance, string region, Func<RdsInstanceState, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var now = await DescribeAsync(instance, region, ct).ConfigureAwait(false);
            if (done(now))
            {
                return now;
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }
}
