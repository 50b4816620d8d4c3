using DrKit.Azure.Models;
using Pulumi;

namespace DrKit.Azure.Drills;

/// <summary>The key and identity a restored server is encrypted with: the source's, in the drill region.</summary>
/// <param name="KeyVaultKeyId">The versionless id of the Key Vault key.</param>
/// <param name="IdentityId">The user-assigned identity that may read it.</param>
public sealed record RestoredServerKey(string KeyVaultKeyId, string IdentityId);

/// <summary>What a drill restores one Flexible Server from, and where; every value decided in the core
/// (<c>AzureDrillRestore</c>) or read from the cloud by the drill before it deploys.</summary>
public sealed class RestoredFlexibleServerArgs : ResourceArgs
{
    /// <summary>The restored server's name, hashed with the drill stack (a global DNS name).</summary>
    public required string Name { get; init; }

    /// <summary>The drill region.</summary>
    public required string Location { get; init; }

    public required Input<string> ResourceGroupName { get; init; }

    /// <summary><see cref="RestoredFlexibleServer.GeoRestore"/> or <see cref="RestoredFlexibleServer.PointInTimeRestore"/>.</summary>
    public required string CreateMode { get; init; }

    /// <summary>The source server's resource id, as the drill read it from Azure.</summary>
    public required string SourceServerId { get; init; }

    /// <summary>The time the drill read the source (RFC 3339, UTC): exactly the point of a point-in-time restore; the
    /// upper bound of the geo-backup a geo-restore takes.</summary>
    public required string RestoreTime { get; init; }

    /// <summary>The source's compute SKU: the drill times a restore onto the size production would recover on.</summary>
    public required string SkuName { get; init; }

    /// <summary>The source's storage in MB: a restore needs at least the source's size.</summary>
    public required int StorageMb { get; init; }

    public required bool PublicNetworkAccess { get; init; }

    /// <summary>The source's key and identity in the drill region; null when the source uses service-managed keys.</summary>
    public RestoredServerKey? Key { get; init; }

    /// <summary>Create timeout: the restore's bound (<c>DrillRestore.RestoreTimeout</c>).</summary>
    public required TimeSpan CreateTimeout { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
