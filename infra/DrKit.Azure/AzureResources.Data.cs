using DrKit.Azure.Data;
using DrKit.Azure.Keys;
using DrKit.Core.Operations;
using DrKit.Core.Platforms.Aws;
using DrKit.Core.Platforms.Azure;
using Pulumi;
using Pulumi.Random;

namespace DrKit.Azure;

public sealed partial class AzureResources
{
    private void Postgres(string name, AzurePostgresSettings pg, ComponentResourceOptions options)
    {
        var tier = Operations.Tiers[name];
        CustomerKeySpec? KeyIn(string? region) => region is null ? null : pg.Keys.FirstOrDefault(k => k.Region == region) is { } key
            ? new CustomerKeySpec(key.Region, ResourceGroupNames[key.Region], key.KeyVault, key.KeyName, key.Identity, AzureKey.KeySize, AzureKey.VaultSku, AzureKey.VaultRetentionDays,
                AzureDeploySettings.Require(Deploy.TenantId, "azure:tenantId", $"{name} encrypts with customer keys in Key Vault"),
                AzureDeploySettings.Require(Deploy.KeyAdministratorObjectId, $"{AzureDeploySettings.Namespace}:{AzureDeploySettings.KeyAdministratorKey}", $"{name}'s Key Vault keys are created by the deploying principal"))
            : null;
        var password = new RandomPassword($"{name}-admin-password", new RandomPasswordArgs { Length = 32, Special = false, MinUpper = 1, MinLower = 1, MinNumeric = 1 },
            new CustomResourceOptions { Parent = options.Parent });
        var server = new PostgresFlexible(name, new PostgresFlexibleArgs
        {
            Primary = new PostgresServerSpec(pg.PrimaryRegion, pg.ResourceGroups[pg.PrimaryRegion], pg.Server),
            Replica = pg.ReplicaServer is { } replica && pg.ReplicaRegion is { } replicaRegion
                ? new PostgresServerSpec(replicaRegion, pg.ResourceGroups[replicaRegion], replica)
                : null,
            Version = pg.Version,
            SkuName = pg.SkuName,
            StorageMb = pg.StorageMb,
            BackupRetentionDays = pg.BackupRetentionDays,
            GeoRedundantBackup = pg.GeoRedundantBackup,
            AdministratorLogin = Deploy.AdministratorLogin,
            AdministratorPassword = password.Result,
            PrimaryKey = KeyIn(pg.Keys.Count > 0 ? pg.PrimaryRegion : null),
            GeoBackupKey = pg.GeoRedundantBackup ? KeyIn(pg.GeoRestoreRegion) : null,
            ReplicaKey = KeyIn(pg.ReplicaRegion),
            GeoBackupLocation = pg.GeoRestoreRegion,
            VirtualEndpointName = pg.VirtualEndpoint,
            PublicNetworkAccess = pg.PublicNetworkAccess,
            Promoted = tier.ReplicaPromoted,
            Providers = Providers,
            Tags = Tags,
        }, options);
        Endpoints[name] = (server.PrimaryFqdn.Apply(h => StackOperations.HostPort(h, AzurePostgresSettings.Port)),
            server.ReplicaFqdn.Apply(h => StackOperations.HostPort(h, AzurePostgresSettings.Port)));
        Ids[AzureOutputNames.Of(name, AzureOutputNames.WriterHost)] = server.WriterHost;
        Ids[AzureOutputNames.Of(name, AzureOutputNames.ServerId, pg.PrimaryRegion)] = server.PrimaryServerId;
        if (pg.ReplicaRegion is { } recovery)
        {
            Ids[AzureOutputNames.Of(name, AzureOutputNames.ServerId, recovery)] = server.ReplicaServerId;
        }

        // A customer-key server restores only with a key and identity in the target region
        // (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption): the drill region's are
        // exported for the drill stack, which reuses them (AzureDrillRestore.RestoreIdentityOutput).
        if (server.KeysByLocation.GetValueOrDefault(DrillRestore.DrillRegion(Operations.Plan)) is { } drillKey)
        {
            Ids[DrillRestore.RestoreKeyOutput(name)] = drillKey.KeyId;
            Ids[AzureDrillRestore.RestoreIdentityOutput(name)] = drillKey.IdentityId;
        }
    }

    /// <summary>Managed Redis in an active geo-replication group. Clients authenticate with Microsoft Entra (access keys
    /// off), and the group needs high availability on every member.</summary>
    private void Redis(string name, AzureRedisSettings redis, ComponentResourceOptions options)
    {
        var tier = Operations.Tiers[name];
        if (redis.GeoReplicationGroup is not { } group)
        {
            throw new RunException($"{name}: DrKit declares Azure Managed Redis only in an active geo-replication group; this plan keeps one instance ({string.Join(", ", redis.Instances.Keys)}). Nothing was declared.");
        }

        RedisCacheSpec Spec(string region) => new(region, redis.ResourceGroups[region], redis.Instances[region], []);
        var cache = new RedisGeoReplicated(name, new RedisGeoReplicatedArgs
        {
            Mechanism = RedisGeoMechanism.ActiveManagedRedis,
            Primary = Spec(tier.PrimaryRegion),
            Secondaries = redis.Instances.Keys.Where(r => r != tier.PrimaryRegion).Order(StringComparer.Ordinal).Select(Spec).ToList(),
            ManagedSkuName = redis.SkuName,
            GeoReplicationGroupName = group,
            HighAvailability = true,
            AccessKeysAuthentication = false,
            PublicNetworkAccess = redis.PublicNetworkAccess,
            Providers = Providers,
            Tags = Tags,
        }, options);
        var none = Output.Create(string.Empty);
        Endpoints[name] = (cache.Hosts[tier.PrimaryRegion].Apply(h => StackOperations.HostPort(h, AzureRedisSettings.Port)),
            tier.RecoveryRegion is { } r ? cache.Hosts[r].Apply(h => StackOperations.HostPort(h, AzureRedisSettings.Port)) : none);
        foreach (var (region, host) in cache.Hosts)
        {
            Ids[AzureOutputNames.Of(name, AzureOutputNames.RedisHost, region)] = host;
        }

        foreach (var (region, id) in cache.ManagedRedisIds)
        {
            Scopes[(name, region)] = id;
        }
    }
}
