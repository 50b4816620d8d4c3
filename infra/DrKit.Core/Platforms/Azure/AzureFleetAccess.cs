using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>What the GPU fleet's identity may do on one of the stack's resources.</summary>
/// <param name="Component">The component whose resource is the scope.</param>
/// <param name="Region">The region of the scoped member; null for a resource the stack declares once (the registry).</param>
/// <param name="Role">An Azure built-in role name, or <see cref="AzureFleetAccess.RedisAccessPolicy"/>.</param>
public sealed record AzureFleetGrant(string Component, string? Region, string Role);

/// <summary>
/// The data-plane rights of the GPU fleet's user-assigned identity, one per region, scoped to the stack's own resources
/// and nothing wider. Every service the fleet reads has key-based access off (registry admin user, storage Shared Key,
/// Managed Redis access keys), so the fleet authenticates with Microsoft Entra through this identity:
/// <list type="bullet">
/// <item>AcrPull on the registry, which serves the images from its geo-replica in the fleet's region
/// (https://learn.microsoft.com/azure/container-registry/container-registry-roles).</item>
/// <item>Storage Blob Data Reader on the region's model-artifact and vector-snapshot accounts: read, never write or
/// delete the DR copy (https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory).</item>
/// <item>A Managed Redis access policy assignment on the region's member (Microsoft Entra authentication with access
/// keys off, https://learn.microsoft.com/azure/redis/entra-for-authentication); it is made on the member's default
/// database with the default data access policy.</item>
/// </list>
/// PostgreSQL is reached with the administrator login the stack generates; an Entra principal there is not declared.
/// </summary>
public static class AzureFleetAccess
{
    public const string AcrPull = "AcrPull";

    public const string BlobReader = "Storage Blob Data Reader";

    /// <summary>Not an Azure RBAC role: a Managed Redis data access policy assignment.</summary>
    public const string RedisAccessPolicy = "Managed Redis access policy";

    /// <summary>The grants of the fleet identity in <paramref name="region"/>, in plan order.</summary>
    public static IReadOnlyList<AzureFleetGrant> For(DrPlan plan, string region)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var grants = new List<AzureFleetGrant>();
        foreach (var c in Platform.Components(plan, Platform.Azure))
        {
            switch (c.Settings)
            {
                case AzureRegistrySettings:
                    grants.Add(new AzureFleetGrant(c.Name, null, AcrPull));
                    break;
                case AzureBlobSettings blob when c.Kind == ComponentKind.ModelArtifacts && blob.Accounts.ContainsKey(region):
                    grants.Add(new AzureFleetGrant(c.Name, region, BlobReader));
                    break;
                case AzureVectorIndexSettings vectors when vectors.Store.Accounts.ContainsKey(region):
                    grants.Add(new AzureFleetGrant(c.Name, region, BlobReader));
                    break;
                case AzureRedisSettings redis when redis.Instances.ContainsKey(region):
                    grants.Add(new AzureFleetGrant(c.Name, region, RedisAccessPolicy));
                    break;
            }
        }

        return grants;
    }
}
