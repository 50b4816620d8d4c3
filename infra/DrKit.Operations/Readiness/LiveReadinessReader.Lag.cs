using DrKit.Core.Readiness;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Programs;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary>How the role of a tier's recovery member is read before its lag (dry runs).</summary>
    private static string RoleCheck(DataTierSpec tier, string recovery) => tier.Kind == PromotionKind.ReadReplica
        ? $"{RdsCommands.Describe($"<{OperationsOutputNames.PostgresInstanceIdentifiers}[{tier.Component}][{recovery}]>", recovery)} (a writer has no ReadReplicaSourceDBInstanceIdentifier: no lag)"
        : $"{GlobalDatastoreSwitch.Describe(tier.Component, recovery)} (PRIMARY in {recovery}: the lag is read from the old primary's region instead)";

    /// <summary>
    /// The lag of the tier's replica as it is now: the recovery member's while it replicates; after a failover an RDS
    /// replica is a standalone writer with no lag (null: nothing to read), and a Global Datastore's secondary is the old
    /// primary, whose lag CloudWatch publishes in its own region. A failed read is an unknown lag with its error.
    /// </summary>
    private async Task<LagObservation?> LagAsync(Core.Planning.DrPlan plan, StackOutputs outputs, DataTierSpec tier, string recovery, CancellationToken ct)
    {
        try
        {
            var region = recovery;
            if (tier.Kind == PromotionKind.ReadReplica
                && OutputMap.Entry(outputs, plan.Stack, OperationsOutputNames.PostgresInstanceIdentifiers, tier.Component, recovery) is { } replica)
            {
                using var json = await cloud.RunJsonAsync(RdsCommands.Describe(replica, recovery).Arguments, "The replica's role", "rds:DescribeDBInstances", ct).ConfigureAwait(false);
                if (RdsInstanceState.Parse(json.RootElement, replica).IsWriter)
                {
                    return null;
                }
            }
            else if (tier.Kind == PromotionKind.GlobalDatastore && Roles is { } roles && HasMember(outputs, plan.Stack, tier.Component, recovery)
                     && await roles.RoleAsync(GlobalDatastoreMember.From(outputs, plan.Stack, tier.Component, recovery), ct).ConfigureAwait(false) == "PRIMARY")
            {
                region = plan.PrimaryRegion;
            }

            var reading = await cloud.ReadAsync(outputs, plan.Stack, tier.Component, tier.Kind, region, ct).ConfigureAwait(false);
            return new LagObservation(tier.Component, region, reading.Lag, tier.RpoTarget, reading.Source);
        }
        catch (CloudCommandFailedException e)
        {
            return new LagObservation(tier.Component, recovery, null, tier.RpoTarget, e.Message);
        }
    }

    private static bool HasMember(StackOutputs outputs, string stack, string component, string region) =>
        OutputMap.Entry(outputs, stack, OperationsOutputNames.RedisGlobalDatastoreIds, component, null) is not null
        && OutputMap.Entry(outputs, stack, OperationsOutputNames.RedisReplicationGroupIds, component, region) is not null;
}
