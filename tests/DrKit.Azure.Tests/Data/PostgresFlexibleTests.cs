using DrKit.Azure.Data;
using DrKit.Azure.Keys;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Data;

/// <summary>A primary in eastus2 with geo-redundant backup and customer-managed keys, a replica in centralus (its pair).</summary>
public sealed class PostgresFlexibleTests
{
    private const string Server = "azure:postgresql/flexibleServer:FlexibleServer";
    private const string Vault = "azure:keyvault/keyVault:KeyVault";
    private const string Assignment = "azure:authorization/assignment:Assignment";
    private const string Firewall = "azure:postgresql/flexibleServerFirewallRule:FlexibleServerFirewallRule";

    private static ComponentRun? _run;
    private static PostgresFlexible? _component;

    private static CustomerKeySpec Key(string location, string vault) =>
        new(location, $"rg-{location}", vault, "pg-key", $"id-{vault}", 3072, "Premium", 90, "tenant", "deployer-object-id");

    private static PostgresFlexibleArgs Args(DrKit.Azure.Models.AzureProviders providers, bool cmk = true, bool geoKey = true, bool replicaKey = true, bool replica = true,
        bool geo = true, bool publicAccess = false, IReadOnlyList<PostgresFirewallRange>? firewall = null, string? endpoint = "rag-pg", bool promoted = false,
        string? geoBackupLocation = null) => new()
    {
        Primary = new PostgresServerSpec(Location1, "rg-eastus2", "rag-pg-eastus2", "1"),
        Replica = replica ? new PostgresServerSpec(Location2, "rg-centralus", "rag-pg-centralus") : null,
        Version = "16",
        SkuName = "GP_Standard_D4ds_v5",
        StorageMb = 131072,
        StorageTier = "P15",
        BackupRetentionDays = 35,
        GeoRedundantBackup = geo,
        HighAvailabilityMode = "ZoneRedundant",
        AdministratorLogin = "drkit",
        AdministratorPassword = Output.CreateSecret("s3cret"),
        PrimaryKey = cmk ? Key(Location1, "kv-rag-eastus2") : null,
        GeoBackupKey = cmk && geoKey ? Key(Location2, "kv-rag-centralus") : null,
        ReplicaKey = cmk && replicaKey ? Key(Location2, "kv-rag-centralus") : null,
        VirtualEndpointName = endpoint,
        Promoted = promoted,
        GeoBackupLocation = geoBackupLocation,
        PublicNetworkAccess = publicAccess,
        FirewallRules = firewall ?? [],
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    private static async Task<ComponentRun> RunAsync()
    {
        _run ??= await ComponentRun.RunAsync((providers, options) => _component = new PostgresFlexible("pg", Args(providers), options));
        return _run;
    }

    [Test]
    public async Task Primary_KeepsGeoRedundantBackupsEncryptedWithAKeyInEachRegion()
    {
        var run = await RunAsync();
        var primary = run.Named("pg-primary");
        Assert.Multiple(() =>
        {
            Assert.That(LocationOf(primary), Is.EqualTo(Location1), "the primary through the primary location's provider");
            Assert.That(primary.Inputs["geoRedundantBackupEnabled"], Is.True, "backups copied to the paired region for a geo-restore");
            Assert.That(primary.Inputs["backupRetentionDays"], Is.EqualTo(35), "retention as decided");
            Assert.That(At(primary.Inputs, "customerManagedKey", "keyVaultKeyId"), Is.EqualTo("https://pg-primary-key-key.vault.azure.net/keys/pg-key"), "the primary encrypts with the eastus2 key");
            Assert.That(At(primary.Inputs, "customerManagedKey", "primaryUserAssignedIdentityId"), Is.EqualTo(Id("pg-primary-key-identity")), "through the eastus2 identity");
            Assert.That(At(primary.Inputs, "customerManagedKey", "geoBackupKeyVaultKeyId"), Is.EqualTo("https://pg-geo-backup-key-key.vault.azure.net/keys/pg-key"),
                "the geo-backup copy is encrypted with a key of the paired region: keys do not cross regions");
            Assert.That(At(primary.Inputs, "customerManagedKey", "geoBackupUserAssignedIdentityId"), Is.EqualTo(Id("pg-geo-backup-key-identity")), "and a second identity there");
            Assert.That(At(primary.Inputs, "identity", "identityIds"), Is.EquivalentTo(new[] { Id("pg-primary-key-identity"), Id("pg-geo-backup-key-identity") }),
                "both identities are assigned to the server, as the key block requires");
            Assert.That(At(primary.Inputs, "identity", "type"), Is.EqualTo("UserAssigned"), "user-assigned identities carry customer keys");
            Assert.That(primary.Inputs["publicNetworkAccessEnabled"], Is.False, "no public access unless the plan asks");
            Assert.That(At(primary.Inputs, "highAvailability", "mode"), Is.EqualTo("ZoneRedundant"), "the standby mode as decided");
            Assert.That(primary.Inputs["administratorLogin"], Is.EqualTo("drkit"), "the primary takes the login");
        });
    }

    [Test]
    public async Task Replica_IsCreatedFromThePrimaryInTheRecoveryRegionWithItsOwnKey()
    {
        var run = await RunAsync();
        var replica = run.Named("pg-replica");
        Assert.Multiple(() =>
        {
            Assert.That(LocationOf(replica), Is.EqualTo(Location2), "the replica through the recovery location's provider, so a failover needs nothing in eastus2");
            Assert.That(replica.Inputs["location"], Is.EqualTo(Location2), "in the recovery region");
            Assert.That(replica.Inputs["createMode"], Is.EqualTo("Replica"), "a read replica");
            Assert.That(replica.Inputs["sourceServerId"], Is.EqualTo(Id("pg-primary")), "of the primary");
            Assert.That(replica.Inputs["skuName"], Is.EqualTo("GP_Standard_D4ds_v5"), "the same size, so it can take the load");
            Assert.That(replica.Inputs.ContainsKey("administratorLogin") || replica.Inputs.ContainsKey("geoRedundantBackupEnabled"), Is.False,
                "a replica inherits its login and has no backup settings of its own");
            Assert.That(At(replica.Inputs, "customerManagedKey", "keyVaultKeyId"), Is.EqualTo("https://pg-geo-backup-key-key.vault.azure.net/keys/pg-key"),
                "the replica encrypts with the centralus key (shared with the geo-backup key: one vault per region)");
        });
    }

    [Test]
    public async Task Keys_OnePurgeProtectedVaultPerRegionThroughItsProvider()
    {
        var run = await RunAsync();
        var vaults = run.OfType(Vault);
        var grants = run.OfType(Assignment);
        var officerWait = await run.DependenciesOf("pg-primary-key-key");
        var serverWait = await run.DependenciesOf("pg-primary");
        Assert.Multiple(() =>
        {
            Assert.That(vaults.Select(v => (LocationOf(v), v.Inputs["location"])), Is.EquivalentTo(new[] { ((string?)Location1, (object)Location1), (Location2, Location2) }),
                "one vault per region, each through its own provider; the replica shares the paired region's vault");
            Assert.That(vaults.Select(v => (v.Inputs["purgeProtectionEnabled"], v.Inputs["rbacAuthorizationEnabled"], v.Inputs["skuName"])), Has.All.EqualTo((true, true, "Premium")),
                "customer keys need purge protection; access by RBAC; the SKU as decided");
            Assert.That(grants.Where(g => (string)g.Inputs["roleDefinitionName"] == CustomerKey.ServiceRole).Select(g => g.Inputs["principalId"]),
                Is.EquivalentTo(new[] { "pg-primary-key-identity-principal", "pg-geo-backup-key-identity-principal" }), "each identity may wrap and unwrap with its vault's keys");
            Assert.That(officerWait, Is.EqualTo(new[] { "pg-primary-key-officer" }), "the key waits for the deployer's Crypto Officer role");
            Assert.That(serverWait, Is.EquivalentTo(new[] { "pg-primary-key-service", "pg-geo-backup-key-service" }), "the server waits for both identities' grants, or its first key access fails");
        });
    }

    [Test]
    public async Task Promotion_LeavesCreationOnlyArgumentsAlone()
    {
        var run = await RunAsync();
        Assert.Multiple(() =>
        {
            foreach (var server in new[] { "pg-primary", "pg-replica" })
            {
                Assert.That(run.IgnoredBy(server), Is.SupersetOf(new[] { "createMode", "sourceServerId" }),
                    $"{server}: a promotion rewrites the source server on the service; both force a new server, so the up after a failover must not replace it");
            }

            Assert.That(run.IgnoredBy("pg-primary"), Is.SupersetOf(new[] { "zone", "highAvailability.standbyAvailabilityZone" }), "a zone failover is not undone by up");
            Assert.That(run.IgnoredBy("pg-primary"), Is.SupersetOf(new[] { "geoRedundantBackupEnabled", "customerManagedKey", "administratorLogin" }),
                "a demoted primary loses geo-backup on the service, which forces a new server: the up after a switchover must not read that as drift");
            foreach (var server in new[] { "pg-primary", "pg-replica" })
            {
                Assert.That(run.IgnoredBy(server), Has.None.AnyOf("backupRetentionDays", "highAvailability"),
                    $"{server}: in steady state retention and HA update in place, so the stack declares them and an up restores what the plan asks for");
            }
            Assert.That(run.IgnoredBy("pg-endpoint"), Is.EquivalentTo(new[] { "sourceServerId", "replicaServerId" }),
                "a switchover swaps the endpoint's members; replacing it would drop the name clients use");
        });
    }

    /// <summary>Arguments whose change makes the provider replace a flexible server (ForceNew in
    /// terraform-provider-azurerm's postgresql_flexible_server_resource.go).</summary>
    private static readonly string[] ReplacingArguments =
        ["name", "location", "resourceGroupName", "createMode", "sourceServerId", "geoRedundantBackupEnabled", "customerManagedKey", "administratorLogin"];

    [Test]
    public async Task Promoted_ReplicaIsAStandaloneWriterAndNothingIsReplaced()
    {
        var before = await RunAsync();
        var after = await ComponentRun.RunAsync((providers, options) => new PostgresFlexible("pg", Args(providers, promoted: true), options));
        Assert.Multiple(() =>
        {
            Assert.That(after.Named("pg-replica").Inputs.ContainsKey("createMode"), Is.False, "the promoted replica is declared as the standalone writer it is, with no source");
            Assert.That(after.Named("pg-replica").Inputs.ContainsKey("sourceServerId"), Is.False, "the promoted replica names no source server");
            foreach (var server in new[] { "pg-primary", "pg-replica" })
            {
                var ignored = after.IgnoredBy(server);
                foreach (var argument in ReplacingArguments)
                {
                    var was = before.Named(server).Inputs.GetValueOrDefault(argument);
                    var now = after.Named(server).Inputs.GetValueOrDefault(argument);
                    Assert.That(Equals(was, now) || ignored.Contains(argument), Is.True,
                        $"{server}.{argument} changes across the promotion ({was} -> {now}) without being ignored: the up after a failover would replace the server");
                }

                Assert.That(ignored, Is.SupersetOf(new[] { "backupRetentionDays", "highAvailability" }),
                    $"{server}: a promotion turns HA off and the promoted server reads back its own retention; until failback that is not drift to undo");
                Assert.That(after.OptionsOf(server).Protect, Is.True, $"{server} is protected: no plan change may delete a server holding the data");
            }
        });
    }

    [Test]
    public void GeoBackupKey_OutsideThePairIsRefused()
    {
        var refused = Assert.CatchAsync(() => ComponentRun.RunAsync((providers, options) =>
            new PostgresFlexible("pg", Args(providers, geoBackupLocation: "westus2"), options)));
        Assert.That(refused?.ToString(), Does.Contain("westus2"), "the service keeps the geo-backup in the pair: a key elsewhere cannot decrypt it");
    }

    [Test]
    public async Task VirtualEndpoint_JoinsPrimaryAndReplicaUnderOneWriterName()
    {
        var run = await RunAsync();
        var endpoint = run.Named("pg-endpoint");
        Assert.Multiple(async () =>
        {
            Assert.That((endpoint.Inputs["type"], endpoint.Inputs["sourceServerId"], endpoint.Inputs["replicaServerId"]), Is.EqualTo(("ReadWrite", Id("pg-primary"), Id("pg-replica"))),
                "the writer endpoint names the primary and the replica it may swap with");
            Assert.That(LocationOf(endpoint), Is.EqualTo(Location1), "endpoints are managed on the primary's side");
            Assert.That(await run.DependenciesOf("pg-endpoint"), Is.EqualTo(new[] { "pg-replica" }), "it waits for the replica to finish");
            Assert.That(await OutputUtilities.GetValueAsync(_component!.WriterHost), Is.EqualTo("rag-pg.writer.postgres.database.azure.com"), "clients write to the endpoint's writer host");
        });
    }

    [Test]
    public async Task PublicAccess_FirewallRulesOnBothServers()
    {
        var run = await ComponentRun.RunAsync((providers, options) => new PostgresFlexible("pg", Args(providers, cmk: false, geo: false, publicAccess: true,
            firewall: [new PostgresFirewallRange("office", "203.0.113.0", "203.0.113.255")], endpoint: null), options));
        var rules = run.OfType(Firewall);
        Assert.Multiple(() =>
        {
            Assert.That(rules.Select(r => (r.Inputs["serverId"], LocationOf(r))), Is.EquivalentTo(new[] { ((object)Id("pg-primary"), (string?)Location1), (Id("pg-replica"), Location2) }),
                "the promoted replica must let the same clients in");
            Assert.That(rules.Select(r => (r.Inputs["startIpAddress"], r.Inputs["endIpAddress"])).Distinct(), Is.EqualTo(new[] { ((object)"203.0.113.0", (object)"203.0.113.255") }), "the range as given");
            Assert.That(run.OfType(Vault), Is.Empty, "service-managed keys: no vault");
            Assert.That(run.Named("pg-primary").Inputs["geoRedundantBackupEnabled"], Is.False, "geo backup off as asked");
            Assert.That(run.Resources.Any(r => r.Type == "azure:postgresql/flexibleServerVirtualEndpoint:FlexibleServerVirtualEndpoint"), Is.False, "no endpoint unless named");
        });
    }

    [TestCase("geo", "paired region")]
    [TestCase("replica", "ReplicaKey")]
    [TestCase("firewall", "public access")]
    [TestCase("endpoint", "no replica")]
    public void Declare_ContradictoryArgs_AreRefusedNamingWhatIsMissing(string fault, string expected)
    {
        var error = Assert.CatchAsync(() => ComponentRun.RunAsync((providers, options) => new PostgresFlexible("pg", fault switch
        {
            "geo" => Args(providers, geoKey: false),
            "replica" => Args(providers, replicaKey: false),
            "firewall" => Args(providers, firewall: [new PostgresFirewallRange("any", "0.0.0.0", "255.255.255.255")]),
            _ => Args(providers, replica: false, replicaKey: false),
        }, options)));
        Assert.That(error!.ToString(), Does.Contain(expected), "the error says which argument does not fit");
    }
}
