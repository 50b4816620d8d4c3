using DrKit.Core.Operations;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// What the Azure shell declares differently because of DR operations, decided from the plan and the operations state.
/// The rule behind every answer: after a failover the declaration of every resource in the primary region stays exactly
/// as it was, so an <c>up</c> during the outage has nothing to change there and makes no call to the failed region
/// (Pulumi only calls a provider for a resource whose inputs changed, or on <c>--refresh</c>). What moves is declared in
/// the recovery region: the Traffic Manager endpoints (the profile is in the recovery resource group), the recovery scale set's
/// instances, and the promoted server's ignore list.
/// </summary>
public static class AzureDeclared
{
    /// <summary>True once traffic or any writer has left the primary region, until a failback brings both back.</summary>
    public static bool FailedOver(StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return operations.Traffic.ActiveRegion != operations.Plan.PrimaryRegion
            || operations.Tiers.Values.Any(t => t.WriterRegion != t.PrimaryRegion);
    }

    /// <summary>
    /// Whether the object-replication policy from the primary account to the recovery account is declared. Not after a
    /// failover: the destination containers of a policy refuse writes ("write operations to the destination container are
    /// not permitted", https://learn.microsoft.com/azure/storage/blobs/object-replication-overview), a failover removes the
    /// destination policy to unlock them, and the provider's create writes the destination policy first, so declaring it
    /// again would re-lock the recovery containers and then fail on the source in the failed region. The shell declares the
    /// policy with retain-on-delete, so dropping it only forgets it: no call reaches either account. Failback declares it
    /// again once operations have removed the stale source policy in the primary account.
    /// </summary>
    public static bool ObjectReplication(StackOperations operations) => !FailedOver(operations);

    /// <summary>The routing method and endpoints to declare: always <see cref="AzureTrafficShape.RoutingMethod"/>, with the
    /// endpoint status and weights <see cref="AzureTrafficShape.Endpoints"/> decides for the operations state, so the profile
    /// never changes and only endpoints move.</summary>
    public static (string RoutingMethod, IReadOnlyList<TrafficManagerEndpoint> Endpoints) Traffic(AzureTrafficSettings settings, StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(operations);
        var active = operations.State.TrafficActiveRegion;
        return (AzureTrafficShape.RoutingMethod,
            AzureTrafficShape.Endpoints(settings, operations.Plan.PrimaryRegion, active, operations.State.TrafficPercent ?? 100));
    }

    /// <summary>GPU instances to run in <paramref name="allocation"/>'s region: the recovery count operations decided in
    /// the recovery region, the plan's elsewhere.</summary>
    public static int GpuRunning(string component, AzureGpuAllocation allocation, StackOperations operations)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(operations);
        var recovery = operations.Recovery;
        return recovery.GpuComponent == component && recovery.Region == allocation.Region ? recovery.Running : allocation.Running;
    }

    /// <summary>
    /// Region -> resource group of every place the stack declares something on Azure: each component's regions, and the
    /// primary's paired region when a geo-redundant backup's customer key must live there although no component runs
    /// there ("the geo-redundant backup encryption key needs to be created in a Key Vault instance that must exist in the
    /// region where the geo-redundant backup is stored",
    /// https://learn.microsoft.com/azure/postgresql/flexible-server/security-data-encryption).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ResourceGroups(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var groups = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var settings in Platform.Components(plan, Platform.Azure).Select(c => (AzureSettings)c.Settings))
        {
            foreach (var (region, group) in settings.ResourceGroups)
            {
                groups[region] = group;
            }

            if (settings is AzurePostgresSettings pg)
            {
                foreach (var key in pg.Keys)
                {
                    groups.TryAdd(key.Region, AzureNames.ResourceGroup(plan.Service, plan.Stack, key.Region));
                }
            }
        }

        return groups;
    }
}
