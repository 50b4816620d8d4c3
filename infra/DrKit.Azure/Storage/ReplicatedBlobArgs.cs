using DrKit.Azure.Keys;
using DrKit.Azure.Models;
using Pulumi;

namespace DrKit.Azure.Storage;

/// <summary>One storage account's place and name (globally unique, 3-24 lower-case letters and digits).</summary>
/// <param name="Key">The account's customer-managed key in its own location, or null for Microsoft-managed keys.</param>
public sealed record StorageAccountSpec(string Location, string ResourceGroupName, string Name, CustomerKeySpec? Key = null);

/// <summary>A blob container, whether object replication copies it, and its time-based retention if the plan asks for one.</summary>
/// <param name="ImmutabilityDays">Container-level WORM retention on the primary's container, or null for none.</param>
/// <param name="LockImmutability">Lock the policy: it can then only be lengthened, never removed.</param>
public sealed record BlobContainerSpec(string Name, bool Replicate, int? ImmutabilityDays = null, bool LockImmutability = false);

/// <summary>What the plan decided for blob storage replicated across regions; see <see cref="ReplicatedBlob"/>.</summary>
public sealed class ReplicatedBlobArgs : ResourceArgs
{
    public required StorageAccountSpec Primary { get; init; }

    /// <summary>The account object replication copies to, or null where the plan relies on the primary's redundancy alone.</summary>
    public StorageAccountSpec? Recovery { get; init; }

    /// <summary>Whether the object-replication policy to <see cref="Recovery"/> is declared: false after a failover, so an
    /// <c>up</c> does not lock the recovery containers again (see <see cref="ReplicatedBlob"/>).</summary>
    public bool ReplicationDeclared { get; init; } = true;

    /// <summary><c>Standard</c> or <c>Premium</c>.</summary>
    public required string AccountTier { get; init; }

    /// <summary>Each account's own redundancy (<c>LRS</c>, <c>ZRS</c>, <c>GZRS</c>...).</summary>
    public required string AccountReplicationType { get; init; }

    public required IReadOnlyList<BlobContainerSpec> Containers { get; init; }

    /// <summary>Days a deleted blob (and version) can be restored, 1-365.</summary>
    public required int BlobSoftDeleteDays { get; init; }

    /// <summary>Days a deleted container can be restored, 1-365.</summary>
    public required int ContainerSoftDeleteDays { get; init; }

    /// <summary>Whether Shared Key (and SAS) requests are accepted; otherwise Microsoft Entra only.</summary>
    public required bool SharedKeyAccess { get; init; }

    /// <summary>A second, infrastructure-level encryption layer; fixed at creation.</summary>
    public required bool InfrastructureEncryption { get; init; }

    public required bool PublicNetworkAccess { get; init; }

    /// <summary>Which existing blobs the replication copies: <c>OnlyNewObjects</c>, <c>Everything</c> or an RFC 3339 time.</summary>
    public required string CopyBlobsCreatedAfter { get; init; }

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
