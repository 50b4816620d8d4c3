using Pulumi;
using ManagedRedis = Pulumi.Azure.ManagedRedis;
using Redis = Pulumi.Azure.Redis;

namespace DrKit.Azure.Data;

/// <summary>
/// Redis in the primary and recovery regions, replicated the way the plan chose (<see cref="RedisGeoMechanism"/>), each
/// cache through its own location's provider.
/// Passive: Premium caches and a link declared on the primary; the secondary is read-only until a failover, which unlinks
/// or swaps them (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-geo-replication). Both caches must
/// be Premium and of the same size. The link's <c>geoReplicatedPrimaryHostName</c> follows the primary, so clients keep one name.
/// Active: Managed Redis instances naming one geo-replication group, linked by a group resource managed through the
/// primary; every member takes writes, so a failover moves clients and needs no promotion
/// (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication). Persistence conflicts with geo-replication
/// on Managed Redis, so none is configured; linking discards the cache's data, which is why the group is formed at creation.
/// </summary>
public sealed class RedisGeoReplicated : ComponentResource
{
    public const string TypeToken = "drkit:azure:RedisGeoReplicated";

    public const string PremiumSku = "Premium";
    public const string PremiumFamily = "P";
    public const string MinimumTls = "1.2";
    public const string SecondaryRole = "Secondary";

    /// <summary>The passive link pairs two caches; an active group holds at most five.</summary>
    public const int MaxActiveMembers = 5;

    public RedisGeoReplicated(string name, RedisGeoReplicatedArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var hosts = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var managedIds = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        if (args.Mechanism == RedisGeoMechanism.PassiveLinkedCache)
        {
            Passive(name, args, hosts);
        }
        else
        {
            Active(name, args, hosts, managedIds);
        }

        Hosts = hosts;
        ManagedRedisIds = managedIds;
        RegisterOutputs(new Dictionary<string, object?> { ["writerHost"] = WriterHost });
    }

    /// <summary>Location -> the Managed Redis member's id (active geo-replication only): the scope of access policy assignments.</summary>
    public IReadOnlyDictionary<string, Output<string>> ManagedRedisIds { get; }

    /// <summary>Location -> the cache's host name.</summary>
    public IReadOnlyDictionary<string, Output<string>> Hosts { get; }

    /// <summary>The host that takes writes across a failover: the link's geo-primary host (passive) or the primary's host (active).</summary>
    public Output<string> WriterHost { get; private set; } = null!;

    private void Passive(string name, RedisGeoReplicatedArgs args, Dictionary<string, Output<string>> hosts)
    {
        if (args.Secondaries.Count != 1 || args.PremiumCapacity is not { } capacity)
        {
            throw new ArgumentException("Passive geo-replication links one Premium primary to exactly one secondary of the same PremiumCapacity.", nameof(args));
        }

        var primary = Cache($"{name}-primary", args, args.Primary, capacity, "primary");
        var secondary = Cache($"{name}-secondary", args, args.Secondaries[0], capacity, "secondary");
        hosts[args.Primary.Location] = primary.Hostname;
        hosts[args.Secondaries[0].Location] = secondary.Hostname;
        // A link is declared once, on the primary. After a failover the stack drops it (Secondaries empty is not a link):
        // re-declaring it would need the lost region's API.
        var link = new Redis.LinkedServer($"{name}-link", new Redis.LinkedServerArgs
        {
            TargetRedisCacheName = primary.Name,
            ResourceGroupName = args.Primary.ResourceGroupName,
            LinkedRedisCacheId = secondary.Id,
            LinkedRedisCacheLocation = args.Secondaries[0].Location,
            ServerRole = SecondaryRole,
        }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(args.Primary.Location) });
        WriterHost = link.GeoReplicatedPrimaryHostName;
    }

    private Redis.Cache Cache(string resourceName, RedisGeoReplicatedArgs args, RedisCacheSpec spec, int capacity, string role)
    {
        var cache = new Redis.CacheArgs
        {
            Name = spec.Name,
            Location = spec.Location,
            ResourceGroupName = spec.ResourceGroupName,
            SkuName = PremiumSku,
            Family = PremiumFamily,
            Capacity = capacity,
            MinimumTlsVersion = MinimumTls,
            NonSslPortEnabled = false,
            PublicNetworkAccessEnabled = args.PublicNetworkAccess,
            AccessKeysAuthenticationEnabled = args.AccessKeysAuthentication,
            // Turning access keys off requires Entra authentication on (provider docs of accessKeysAuthenticationEnabled).
            RedisConfiguration = new Redis.Inputs.CacheRedisConfigurationArgs { ActiveDirectoryAuthenticationEnabled = !args.AccessKeysAuthentication },
            Tags = AzureTags.Of(args.Tags, role),
        };
        if (spec.Zones.Count > 0)
        {
            cache.Zones = spec.Zones.ToList();
        }

        return new Redis.Cache(resourceName, cache, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location) });
    }

    private void Active(string name, RedisGeoReplicatedArgs args, Dictionary<string, Output<string>> hosts, Dictionary<string, Output<string>> ids)
    {
        if (args.Secondaries.Count is < 1 or >= MaxActiveMembers || args.ManagedSkuName is null || args.GeoReplicationGroupName is null)
        {
            throw new ArgumentException($"Active geo-replication needs ManagedSkuName, GeoReplicationGroupName and 1 to {MaxActiveMembers - 1} secondaries.", nameof(args));
        }

        if (!args.HighAvailability)
        {
            // "Active geo-replication is only supported when Azure Managed Redis is in a high availability configuration";
            // high availability forces a new instance, so it cannot be turned on later without losing the member.
            // https://learn.microsoft.com/azure/redis/how-to-active-geo-replication
            throw new ArgumentException("Active geo-replication needs HighAvailability: the service refuses it on instances without high availability.", nameof(args));
        }

        var primary = Managed($"{name}-primary", args, args.Primary, "primary");
        hosts[args.Primary.Location] = primary.Hostname;
        ids[args.Primary.Location] = primary.Id;
        var others = new List<ManagedRedis.ManagedRedis>();
        foreach (var (spec, i) in args.Secondaries.Select((s, i) => (s, i)))
        {
            var member = Managed(args.Secondaries.Count == 1 ? $"{name}-secondary" : $"{name}-secondary-{i + 1}", args, spec, "secondary");
            hosts[spec.Location] = member.Hostname;
            ids[spec.Location] = member.Id;
            others.Add(member);
        }

        _ = new ManagedRedis.GeoReplication($"{name}-group", new ManagedRedis.GeoReplicationArgs
        {
            ManagedRedisId = primary.Id,
            LinkedManagedRedisIds = others.Select(o => o.Id).ToList(),
        }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(args.Primary.Location) });
        WriterHost = primary.Hostname;
    }

    private ManagedRedis.ManagedRedis Managed(string resourceName, RedisGeoReplicatedArgs args, RedisCacheSpec spec, string role)
    {
        var database = new ManagedRedis.Inputs.ManagedRedisDefaultDatabaseArgs
        {
            GeoReplicationGroupName = args.GeoReplicationGroupName!,
            AccessKeysAuthenticationEnabled = args.AccessKeysAuthentication,
            ClientProtocol = "Encrypted",
        };
        if (args.EvictionPolicy is { } eviction)
        {
            database.EvictionPolicy = eviction;
        }

        return new ManagedRedis.ManagedRedis(resourceName, new ManagedRedis.ManagedRedisArgs
        {
            Name = spec.Name,
            Location = spec.Location,
            ResourceGroupName = spec.ResourceGroupName,
            SkuName = args.ManagedSkuName!,
            HighAvailabilityEnabled = args.HighAvailability,
            PublicNetworkAccess = args.PublicNetworkAccess ? "Enabled" : "Disabled",
            DefaultDatabase = database,
            Tags = AzureTags.Of(args.Tags, role),
        }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location) });
    }
}
