using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Fails a Redis Global Datastore over with calls to the recovery region only: the member's role from
/// <c>describe-global-replication-groups</c>, lag from CloudWatch, and <c>failover-global-replication-group</c>
/// (<see cref="GlobalDatastoreSwitch"/>). A Global Datastore has no fence of its own: the failover demotes the old
/// primary to a read-only secondary when its region answers, and nothing can reach it when it does not, so the fence
/// is always reported unconfirmed and the tier's RPO decides. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Console.html
/// </summary>
public sealed class GlobalDatastorePromoter(
    GlobalDatastoreSwitch redis, GlobalDatastoreMember recovery, ReplicaLagReader lag, StackOutputs outputs, StackStateRecord state) : IDataPromoter
{
    public string Name => recovery.Component;

    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        string? role, oldRole;
        try
        {
            // The old primary's role comes with it, as the Global Datastore reports it in the recovery region: a
            // rollback of a tier nothing fenced reads it instead of calling an unreachable primary "no primary".
            (role, oldRole) = await redis.RolesAsync(recovery, ct).ConfigureAwait(false);
        }
        catch (CloudCommandFailedException e)
        {
            LastLag = new LagReading(null, $"Global Datastore not readable: {e.Message}");
            return new ReplicationStatus(false, false, null, false);
        }

        var primary = IsPrimary(role);
        LastLag = primary
            ? new LagReading(null, "not read: the recovery member is already primary")
            : await lag.ReadAsync(outputs, state.Stack, recovery.Component, PromotionKind.GlobalDatastore, recovery.Region, ct).ConfigureAwait(false);
        return new ReplicationStatus(false, role is not null, LastLag.Lag, primary, oldRole);
    }

    public Task FenceAsync(CancellationToken ct) => throw new NotSupportedException(
        "a Global Datastore has no separate fence; failover-global-replication-group demotes the old primary if its region answers");

    public Task UnfenceAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task PromoteAsync(CancellationToken ct)
    {
        await redis.MakePrimaryAsync(recovery, ct).ConfigureAwait(false);
        await state.SetAsync(OpsConfig.WriterRegion(recovery.Component), recovery.Region, ct).ConfigureAwait(false);
    }

    public async Task<bool> IsPromotedAsync(CancellationToken ct) => IsPrimary(await redis.RoleAsync(recovery, ct).ConfigureAwait(false));

    private static bool IsPrimary(string? role) => string.Equals(role, "PRIMARY", StringComparison.OrdinalIgnoreCase);
}
