using DrKit.Azure.Keys;
using DrKit.Azure.Models;
using Pulumi;

namespace DrKit.Azure.Data;

/// <summary>One flexible server's place and name (globally unique, within Azure's 3-63 characters).</summary>
/// <param name="Zone">The availability zone, or null to let Azure pick.</param>
public sealed record PostgresServerSpec(string Location, string ResourceGroupName, string Name, string? Zone = null);

/// <summary>A client address range let through the server's firewall.</summary>
public sealed record PostgresFirewallRange(string Name, string StartIpAddress, string EndIpAddress);

/// <summary>What the plan decided for a PostgreSQL flexible server pair; see <see cref="PostgresFlexible"/>.</summary>
public sealed class PostgresFlexibleArgs : ResourceArgs
{
    public required PostgresServerSpec Primary { get; init; }

    /// <summary>The cross-region read replica, or null where the plan keeps only geo-redundant backups.</summary>
    public PostgresServerSpec? Replica { get; init; }

    /// <summary>Major version (e.g. "16").</summary>
    public required string Version { get; init; }

    /// <summary>Tier + size, e.g. <c>GP_Standard_D4ds_v5</c>; the replica runs the same size so it can take the load.</summary>
    public required string SkuName { get; init; }

    public required int StorageMb { get; init; }

    /// <summary>The IOPS tier (P4..P80), or null for Azure's default for the size.</summary>
    public string? StorageTier { get; init; }

    /// <summary>7 to 35 days.</summary>
    public required int BackupRetentionDays { get; init; }

    /// <summary>Backups copied to the paired region, which a geo-restore reads; only settable at creation.</summary>
    public required bool GeoRedundantBackup { get; init; }

    /// <summary><c>ZoneRedundant</c>, <c>SameZone</c>, or null for no standby.</summary>
    public string? HighAvailabilityMode { get; init; }

    public required string AdministratorLogin { get; init; }

    /// <summary>The administrator's password, kept secret.</summary>
    public required Output<string> AdministratorPassword { get; init; }

    /// <summary>The primary's key in its own location, or null for service-managed keys (only choosable at creation).</summary>
    public CustomerKeySpec? PrimaryKey { get; init; }

    /// <summary>The key for the geo-redundant backup copy, in the primary's paired region; required with a primary key and geo backup.</summary>
    public CustomerKeySpec? GeoBackupKey { get; init; }

    /// <summary>Where the service keeps the geo-redundant backup (the primary's paired region): the geo-backup key must live
    /// there; null skips the check.</summary>
    public string? GeoBackupLocation { get; init; }

    /// <summary>The operations state records that the replica was promoted (<c>drkit-ops:promote.&lt;c&gt;=true</c>): the promoted
    /// server is declared as a standalone writer, and what a promotion rewrites on the service is left alone until failback.</summary>
    public bool Promoted { get; init; }

    /// <summary>The replica's key in the replica's location; required with a primary key and a replica.</summary>
    public CustomerKeySpec? ReplicaKey { get; init; }

    /// <summary>The virtual endpoint's name (clients use its writer host), or null for none; needs a replica.</summary>
    public string? VirtualEndpointName { get; init; }

    public required bool PublicNetworkAccess { get; init; }

    /// <summary>Client ranges let in on both servers; only with public network access.</summary>
    public IReadOnlyList<PostgresFirewallRange> FirewallRules { get; init; } = [];

    public required AzureProviders Providers { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}
