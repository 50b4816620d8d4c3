using DrKit.Azure.Keys;
using Pulumi;
using PostgreSql = Pulumi.Azure.PostgreSql;

namespace DrKit.Azure.Data;

public sealed partial class PostgresFlexible
{
    public const string UserAssigned = "UserAssigned";

    /// <summary>
    /// A primary (no <paramref name="replicaOf"/>) or a replica of it. A replica takes no login, password, backup or
    /// high-availability settings: it inherits them from its source, and geo-redundant backup exists only on the primary.
    /// </summary>
    private PostgreSql.FlexibleServer Server(
        string resourceName, PostgresFlexibleArgs args, PostgresServerSpec spec, CustomerKey? key, CustomerKey? geoKey, PostgreSql.FlexibleServer? replicaOf)
    {
        var server = new PostgreSql.FlexibleServerArgs
        {
            Name = spec.Name,
            Location = spec.Location,
            ResourceGroupName = spec.ResourceGroupName,
            Version = args.Version,
            SkuName = args.SkuName,
            StorageMb = args.StorageMb,
            PublicNetworkAccessEnabled = args.PublicNetworkAccess,
            Tags = AzureTags.Of(args.Tags, replicaOf is null ? "primary" : "replica"),
        };
        if (args.StorageTier is { } tier)
        {
            server.StorageTier = tier;
        }

        if (spec.Zone is { } zone)
        {
            server.Zone = zone;
        }

        var ignored = new List<string>(ReplicationIgnored);
        if (args.Promoted)
        {
            ignored.AddRange(PromotionIgnored);
        }

        if (replicaOf is null)
        {
            server.AdministratorLogin = args.AdministratorLogin;
            server.AdministratorPassword = args.AdministratorPassword;
            server.BackupRetentionDays = args.BackupRetentionDays;
            server.GeoRedundantBackupEnabled = args.GeoRedundantBackup;
            if (args.HighAvailabilityMode is { } mode)
            {
                server.HighAvailability = new PostgreSql.Inputs.FlexibleServerHighAvailabilityArgs { Mode = mode };
                ignored.AddRange(HighAvailabilityIgnored);
            }
        }
        else if (!args.Promoted)
        {
            // Once promoted, the replica is declared as the standalone writer it now is, without these two. Both are
            // ignored, so dropping them changes nothing on the service and replaces nothing: the state keeps what creation recorded.
            server.CreateMode = ReplicaCreateMode;
            server.SourceServerId = replicaOf.Id;
        }

        var dependsOn = new List<Resource>();
        if (key is not null)
        {
            var identities = new InputList<string> { key.IdentityId };
            var cmk = new PostgreSql.Inputs.FlexibleServerCustomerManagedKeyArgs
            {
                KeyVaultKeyId = key.KeyId,
                PrimaryUserAssignedIdentityId = key.IdentityId,
            };
            dependsOn.Add(key.Grant);
            if (geoKey is not null)
            {
                identities.Add(geoKey.IdentityId);
                cmk.GeoBackupKeyVaultKeyId = geoKey.KeyId;
                cmk.GeoBackupUserAssignedIdentityId = geoKey.IdentityId;
                dependsOn.Add(geoKey.Grant);
            }

            server.Identity = new PostgreSql.Inputs.FlexibleServerIdentityArgs { Type = UserAssigned, IdentityIds = identities };
            server.CustomerManagedKey = cmk;
        }

        var options = new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location), IgnoreChanges = ignored, Protect = true };
        options.DependsOn.Add(dependsOn);
        return new PostgreSql.FlexibleServer(resourceName, server, options);
    }

    private void Firewall(string resourceName, PostgresFlexibleArgs args, PostgresServerSpec spec, PostgreSql.FlexibleServer server)
    {
        foreach (var rule in args.FirewallRules)
        {
            _ = new PostgreSql.FlexibleServerFirewallRule($"{resourceName}-{rule.Name}", new PostgreSql.FlexibleServerFirewallRuleArgs
            {
                Name = rule.Name,
                ServerId = server.Id,
                StartIpAddress = rule.StartIpAddress,
                EndIpAddress = rule.EndIpAddress,
            }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location) });
        }
    }

    /// <summary>Combinations the service rejects at creation, refused before anything is declared.</summary>
    private static void Validate(PostgresFlexibleArgs args)
    {
        if (args.PrimaryKey is not null && args.GeoRedundantBackup && args.GeoBackupKey is null)
        {
            throw new ArgumentException("A geo-redundant backup of a server with a customer-managed key needs a key and identity in the paired region (GeoBackupKey).", nameof(args));
        }

        if (args.PrimaryKey is not null && args.GeoBackupKey is { } geo && geo.Location == args.PrimaryKey.Location)
        {
            throw new ArgumentException($"The geo-backup key must live in the paired region, not in the primary's {geo.Location}.", nameof(args));
        }

        if (args.GeoBackupKey is { } pairKey && args.GeoBackupLocation is { } pair && pairKey.Location != pair)
        {
            throw new ArgumentException($"The geo-backup key lives in {pairKey.Location}, but the service keeps the geo-redundant backup in {pair}: the key must be there.", nameof(args));
        }

        if (args.PrimaryKey is not null && args.Replica is not null && args.ReplicaKey is null)
        {
            throw new ArgumentException("A replica of a server with a customer-managed key needs a key in its own location (ReplicaKey).", nameof(args));
        }

        if (args.ReplicaKey is { } rk && args.Replica is { } replica && rk.Location != replica.Location)
        {
            throw new ArgumentException($"The replica's key lives in {rk.Location}, the replica in {replica.Location}: keys do not cross regions.", nameof(args));
        }

        if (args.VirtualEndpointName is not null && args.Replica is null)
        {
            throw new ArgumentException("A virtual endpoint joins a primary and a replica: there is no replica.", nameof(args));
        }

        if (!args.PublicNetworkAccess && args.FirewallRules.Count > 0)
        {
            throw new ArgumentException("Firewall rules apply to public access, which is off.", nameof(args));
        }
    }
}
