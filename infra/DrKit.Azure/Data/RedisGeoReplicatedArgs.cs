using DrKit.Azure.Models;
using Pulumi;

namespace DrKit.Azure.Data;

/// <summary>How the caches replicate across regions.</summary>
public enum RedisGeoMechanism
{
    /// <summary>Azure Cache for Redis Premium, one primary linked to one read-only secondary (passive geo-replication).</summary>
    PassiveLinkedCache,

    /// <summary>Azure Managed Redis instances in one active geo-replication group, every member writable (CRDTs).</summary>
    ActiveManagedRedis,
}

/// <summary>One cache's place and name (globally unique, 1-63 characters).</summary>
/// <param name="Zones">Availability zones of a Premium cache, or empty for Azure's placement; fixed at creation. Managed Redis places its own.</param>
public sealed record RedisCacheSpec(string Location, string ResourceGroupName, string Name, IReadOnlyList<string> Zones);

/// <summary>What the plan decided for a geo-replicated Redis; see <see cref="RedisGeoReplicated"/>.</summary>
public sealed class RedisGeoReplicatedArgs : ResourceArgs
{
    public required RedisGeoMechanism Mechanism { get; init; }

    /// <summary>The cache the application writes to.</summary>
    public required RedisCacheSpec Primary { get; init; }

    /// <summary>Caches in the recovery regions: exactly one for passive geo-replication, up to four for an active group.</summary>
    public required IReadOnlyList<RedisCacheSpec> Secondaries { get; init; }

    /// <summary>Premium size P1..P5 (<see cref="RedisGeoMechanism.PassiveLinkedCache"/>): both caches of a link must be the same size.</summary>
    public int? PremiumCapacity { get; init; }

    /// <summary>Managed Redis SKU, e.g. <c>Balanced_B5</c> (<see cref="RedisGeoMechanism.ActiveManagedRedis"/>); B0 and B1 have no geo-replication.</summary>
    public string? ManagedSkuName { get; init; }

    /// <summary>The active geo-replication group every member names (<see cref="RedisGeoMechanism.ActiveManagedRedis"/>).</summary>
    public string? GeoReplicationGroupName { get; init; }

    /// <summary>Managed Redis eviction policy (e.g. <c>NoEviction</c>), or null for the service's default.</summary>
    public string? EvictionPolicy { get; init; }

    /// <summary>Managed Redis high availability (a replica within the region); fixed at creation. Premium caches always have one.</summary>
    public required bool HighAvailability { get; init; }

    /// <summary>Whether clients may authenticate with access keys; otherwise Microsoft Entra only.</summary>
    public required bool AccessKeysAuthentication { get; init; }

    public required bool PublicNetworkAccess { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
