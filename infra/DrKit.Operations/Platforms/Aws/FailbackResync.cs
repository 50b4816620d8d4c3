using System.Globalization;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Whether each data tier's primary-region member holds a caught-up copy, read from the cloud (never from an output the
/// stack repeats): RDS through its re-seed (<see cref="RdsFailback"/>); a Redis Global Datastore through the role of the
/// primary region's member (<c>describe-global-replication-groups --show-member-info</c>) and its
/// <c>GlobalDatastoreReplicationLag</c>, which CloudWatch publishes in the secondary's region, now the primary region.
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-CLI.html
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html
/// </summary>
public sealed class FailbackResync(GlobalDatastoreSwitch redis, ReplicaLagReader lag, StackOutputs outputs, string stack, TimeProvider time)
{
    /// <summary>How long resync waits for an RDS re-seed to become available; a re-run picks the replica up where it is.</summary>
    public TimeSpan SeedWait { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Why <paramref name="tier"/> cannot fail back yet, or null when its primary-region copy is caught up within the RPO.</summary>
    public async Task<string?> BlockerAsync(OperationTopology topology, DataTierSpec tier, RdsFailback? rds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(tier);
        var primary = topology.PrimaryRegion;
        switch (tier.Kind)
        {
            case PromotionKind.ReadReplica when rds is not null:
                using (var bound = new CancellationTokenSource(SeedWait, time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token))
                {
                    try
                    {
                        return await rds.ResyncAsync(tier.RpoTarget, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (bound.IsCancellationRequested && !ct.IsCancellationRequested)
                    {
                        return $"{tier.Component}: the re-seeded replica {rds.Replica} in {primary} is not available after {Core.Objectives.DurationText.Format(SeedWait)}; " +
                               "RDS is still creating it: re-run drkit failback, which finds it and goes on";
                    }
                }

            case PromotionKind.ReadReplica:
                return $"{tier.Component}: stack {stack} does not export both {RdsFailbackTargets.Required(tier.Component, primary, topology.RecoveryRegion!)}: " +
                       "the fence of the recovery writer a controlled switch back needs and the unfenced writer parameter group the re-seed gets; deploy the stack with this DrKit version first";
            case PromotionKind.GlobalDatastore:
                var member = GlobalDatastoreMember.From(outputs, stack, tier.Component, primary);
                var role = await redis.RoleAsync(member, ct).ConfigureAwait(false);
                if (string.Equals(role, "PRIMARY", StringComparison.OrdinalIgnoreCase))
                {
                    // A re-run after the writer switch: the primary region's member already holds the writer.
                    return null;
                }

                if (!string.Equals(role, "SECONDARY", StringComparison.OrdinalIgnoreCase))
                {
                    return $"{tier.Component}: the {primary} member {member.ReplicationGroupId} is {role ?? "not a member"} of the Global Datastore, not a SECONDARY replicating from {topology.RecoveryRegion}";
                }

                var reading = await lag.ReadAsync(outputs, stack, tier.Component, PromotionKind.GlobalDatastore, primary, ct).ConfigureAwait(false);
                return reading.Lag is { } l && l <= tier.RpoTarget
                    ? null
                    : $"{tier.Component}: the {primary} member is not caught up within the RPO {tier.RpoTarget.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s ({reading.Source})";
            default:
                return $"{tier.Component}: drkit failback does not return a self-managed server; re-seed the {primary} server as a standby of the writer in " +
                       $"{topology.RecoveryRegion} (pg_rewind or a new base backup) and switch it over by hand (docs/operations.md, Failback of self-managed PostgreSQL)";
        }
    }
}
