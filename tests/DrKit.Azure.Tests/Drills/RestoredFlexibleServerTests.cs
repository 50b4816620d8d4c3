using DrKit.Azure.Drills;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Drills;

/// <summary>A drill's geo-restored server in centralus from a source in eastus2, with the source's key there.</summary>
public sealed class RestoredFlexibleServerTests
{
    private const string Server = "azure:postgresql/flexibleServer:FlexibleServer";
    private const string SourceId = "/subscriptions/0000/resourceGroups/rg-eastus2/providers/Microsoft.DBforPostgreSQL/flexibleServers/rag-pg-eastus2";
    private const string Point = "2026-11-30T23:40:00.0000000+00:00";

    private static ComponentRun? _run;

    private static RestoredFlexibleServerArgs Args(DrKit.Azure.Models.AzureProviders providers, string mode = RestoredFlexibleServer.GeoRestore, RestoredServerKey? key = null) => new()
    {
        Name = "rag-pg-centralus-1a2b3c",
        Location = Location2,
        ResourceGroupName = "rg-rag-drill-centralus",
        CreateMode = mode,
        SourceServerId = SourceId,
        RestoreTime = Point,
        SkuName = "GP_Standard_D4ds_v5",
        StorageMb = 262144,
        PublicNetworkAccess = false,
        Key = key ?? new RestoredServerKey("https://kv-rag-centralus.vault.azure.net/keys/pg-key", "/subscriptions/0000/identity/id-kv-rag-centralus"),
        CreateTimeout = TimeSpan.FromHours(2),
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test-drill" },
    };

    private static async Task<ComponentRun> RunAsync() =>
        _run ??= await ComponentRun.RunAsync((providers, options) => new RestoredFlexibleServer("context-store", Args(providers), options));

    [Test]
    public async Task Server_GeoRestoresFromTheSourceToTheTimeReadThroughTheDrillRegionsProvider()
    {
        var run = await RunAsync();
        var server = run.OfType(Server).Single();
        Assert.Multiple(() =>
        {
            Assert.That(server.Inputs["createMode"], Is.EqualTo("GeoRestore"), "a new server from the geo-backups, never a replica");
            Assert.That(server.Inputs["sourceServerId"], Is.EqualTo(SourceId), "restored from the id the drill read");
            Assert.That(server.Inputs["pointInTimeRestoreTimeInUtc"], Is.EqualTo(Point), "to the time the drill read (the provider requires one for GeoRestore)");
            Assert.That(server.Inputs["location"], Is.EqualTo(Location2), "in the drill region");
            Assert.That(LocationOf(server), Is.EqualTo(Location2), "through the drill region's provider");
            Assert.That(server.Inputs["geoRedundantBackupEnabled"], Is.False, "a drill copy keeps no geo-backup");
            Assert.That(server.Inputs["publicNetworkAccessEnabled"], Is.False, "as private as the source");
            Assert.That(server.Inputs.ContainsKey("administratorLogin"), Is.False, "a restored server takes the source's administrator");
        });
    }

    [Test]
    public async Task Server_UsesTheSourcesKeyAndIdentityInTheDrillRegion()
    {
        var server = (await RunAsync()).OfType(Server).Single();
        Assert.Multiple(() =>
        {
            Assert.That(At(server.Inputs, "customerManagedKey", "keyVaultKeyId"), Is.EqualTo("https://kv-rag-centralus.vault.azure.net/keys/pg-key"), "the source's key in the drill region");
            Assert.That(At(server.Inputs, "identity", "identityIds", "0"), Is.EqualTo("/subscriptions/0000/identity/id-kv-rag-centralus"), "read by the source's identity there");
            Assert.That(At(server.Inputs, "identity", "type"), Is.EqualTo(RestoredFlexibleServer.UserAssigned), "a user-assigned identity, as data encryption requires");
        });
    }

    [Test]
    public async Task Server_CreateTimeoutIsTheRestoreBound()
    {
        var run = await RunAsync();
        var name = run.OfType(Server).Single().Name!;
        Assert.That(run.OptionsOf(name).CustomTimeouts?.Create, Is.EqualTo(TimeSpan.FromHours(2)), "the provider's one-hour default is shorter than a large restore");
    }

    [Test]
    public void Component_ReplicaMode_IsRefused()
    {
        var ex = Assert.CatchAsync(async () =>
            await ComponentRun.RunAsync((providers, options) => new RestoredFlexibleServer("bad", Args(providers, mode: "Replica"), options)));
        Assert.That(ex!.ToString(), Does.Contain("never creates a replica"), "a drill must not join production's replication");
    }
}
