using DrKit.Azure.Data;
using Pulumi.Utilities;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Data;

/// <summary>Redis in eastus2 replicated to centralus, by either mechanism the plan may choose.</summary>
public sealed class RedisGeoReplicatedTests
{
    private const string Cache = "azure:redis/cache:Cache";
    private const string Managed = "azure:managedredis/managedRedis:ManagedRedis";

    private static RedisGeoReplicatedArgs Args(DrKit.Azure.Models.AzureProviders providers, RedisGeoMechanism mechanism, int secondaries = 1, bool highAvailability = true) => new()
    {
        Mechanism = mechanism,
        Primary = new RedisCacheSpec(Location1, "rg-eastus2", "rag-redis-eastus2", ["1", "2"]),
        Secondaries = [.. Enumerable.Range(0, secondaries).Select(i => new RedisCacheSpec(Location2, "rg-centralus", $"rag-redis-centralus-{i}", []))],
        PremiumCapacity = 2,
        ManagedSkuName = "Balanced_B5",
        GeoReplicationGroupName = "rag-redis",
        EvictionPolicy = "NoEviction",
        HighAvailability = highAvailability,
        AccessKeysAuthentication = false,
        PublicNetworkAccess = false,
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    [Test]
    public async Task Passive_LinksTwoEqualPremiumCachesFromThePrimary()
    {
        RedisGeoReplicated? component = null;
        var run = await RunAsync((p, o) => component = new RedisGeoReplicated("redis", Args(p, RedisGeoMechanism.PassiveLinkedCache), o));
        var caches = run.OfType(Cache);
        var link = run.Named("redis-link");
        Assert.Multiple(async () =>
        {
            Assert.That(caches.Select(c => (LocationOf(c), c.Inputs["location"])), Is.EquivalentTo(new[] { ((string?)Location1, (object)Location1), (Location2, Location2) }),
                "a cache per region, each through its own provider");
            Assert.That(caches.Select(c => (c.Inputs["skuName"], c.Inputs["family"], c.Inputs["capacity"])), Has.All.EqualTo(("Premium", "P", 2)),
                "geo-replication needs Premium caches of one size");
            Assert.That(caches.Select(c => (c.Inputs["minimumTlsVersion"], c.Inputs["nonSslPortEnabled"], c.Inputs["publicNetworkAccessEnabled"])), Has.All.EqualTo(("1.2", false, false)),
                "TLS 1.2 only, no plain port, no public access");
            Assert.That(caches.Select(c => (c.Inputs["accessKeysAuthenticationEnabled"], At(c.Inputs, "redisConfiguration", "activeDirectoryAuthenticationEnabled"))), Has.All.EqualTo((false, true)),
                "access keys off means Entra authentication on");
            Assert.That(run.Named("redis-primary").Inputs["zones"], Is.EqualTo(new[] { "1", "2" }), "zones as decided");
            Assert.That((link.Inputs["targetRedisCacheName"], link.Inputs["linkedRedisCacheId"], link.Inputs["linkedRedisCacheLocation"], link.Inputs["serverRole"]),
                Is.EqualTo(("rag-redis-eastus2", Id("redis-secondary"), Location2, "Secondary")), "the primary links the centralus cache as its secondary");
            Assert.That(LocationOf(link), Is.EqualTo(Location1), "the link is the primary's");
            Assert.That(await OutputUtilities.GetValueAsync(component!.WriterHost), Is.EqualTo("rag-redis-eastus2.geo.redis.cache.windows.net"), "clients use the link's geo-primary host, which follows a failover");
        });
    }

    [Test]
    public async Task Active_GroupsManagedRedisInstancesWithoutPersistence()
    {
        var run = await RunAsync((p, o) => new RedisGeoReplicated("redis", Args(p, RedisGeoMechanism.ActiveManagedRedis), o));
        var instances = run.OfType(Managed);
        var group = run.Named("redis-group");
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Cache), Is.Empty, "no Premium caches for the active mechanism");
            Assert.That(instances.Select(i => (LocationOf(i), i.Inputs["location"])), Is.EquivalentTo(new[] { ((string?)Location1, (object)Location1), (Location2, Location2) }),
                "an instance per region through its own provider");
            Assert.That(instances.Select(i => (i.Inputs["skuName"], i.Inputs["publicNetworkAccess"], i.Inputs["highAvailabilityEnabled"])), Has.All.EqualTo(("Balanced_B5", "Disabled", true)),
                "members share one configuration, as the group requires");
            Assert.That(instances.Select(i => At(i.Inputs, "defaultDatabase", "geoReplicationGroupName")), Has.All.EqualTo("rag-redis"), "every member names the group");
            Assert.That(instances.Select(i => At(i.Inputs, "defaultDatabase", "persistenceRedisDatabaseBackupFrequency") ?? At(i.Inputs, "defaultDatabase", "persistenceAppendOnlyFileBackupFrequency")),
                Has.All.Null, "persistence conflicts with geo-replication");
            Assert.That(instances.Select(i => At(i.Inputs, "defaultDatabase", "evictionPolicy")), Has.All.EqualTo("NoEviction"), "the eviction policy as decided");
            Assert.That((group.Inputs["managedRedisId"], group.Inputs["linkedManagedRedisIds"]), Is.EqualTo((Id("redis-primary"), new[] { Id("redis-secondary") })),
                "one group resource links the recovery instance to the primary");
            Assert.That(LocationOf(group), Is.EqualTo(Location1), "managed through the primary");
        });
    }

    [TestCase(RedisGeoMechanism.PassiveLinkedCache, 2, "exactly one secondary")]
    [TestCase(RedisGeoMechanism.ActiveManagedRedis, 5, "1 to 4 secondaries")]
    [TestCase(RedisGeoMechanism.ActiveManagedRedis, 0, "1 to 4 secondaries")]
    public void Declare_MembersTheMechanismCannotHold_AreRefused(RedisGeoMechanism mechanism, int secondaries, string expected)
    {
        var error = Assert.CatchAsync(() => RunAsync((p, o) => new RedisGeoReplicated("redis", Args(p, mechanism, secondaries), o)));
        Assert.That(error!.ToString(), Does.Contain(expected), "passive pairs two caches; an active group holds up to five");
    }

    [Test]
    public void Active_WithoutHighAvailability_IsRefused()
    {
        var error = Assert.CatchAsync(() => RunAsync((p, o) => new RedisGeoReplicated("redis", Args(p, RedisGeoMechanism.ActiveManagedRedis, 1, highAvailability: false), o)));
        Assert.That(error!.ToString(), Does.Contain("needs HighAvailability"), "Managed Redis refuses active geo-replication on instances without high availability");
    }
}
