using DrKit.Azure.Keys;
using DrKit.Azure.Storage;
using Pulumi.Utilities;
using static DrKit.Azure.Tests.ComponentRun;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests.Storage;

/// <summary>Model artifacts and vector snapshots in eastus2, object-replicated to centralus; offline features stay local.</summary>
public sealed class ReplicatedBlobTests
{
    private const string Account = "azure:storage/account:Account";
    private const string Container = "azure:storage/container:Container";
    private const string Worm = "azure:storage/containerImmutabilityPolicy:ContainerImmutabilityPolicy";

    private static ComponentRun? _run;
    private static ReplicatedBlob? _component;

    private static CustomerKeySpec Key(string location) => new(location, $"rg-{location}", $"kv-blob-{location}", "blob-key", $"id-blob-{location}", 2048, "Standard", 30, "tenant", "deployer");

    private static ReplicatedBlobArgs Args(DrKit.Azure.Models.AzureProviders providers, bool recovery = true, bool keys = false) => new()
    {
        Primary = new StorageAccountSpec(Location1, "rg-eastus2", "ragblobeastus2", keys ? Key(Location1) : null),
        Recovery = recovery ? new StorageAccountSpec(Location2, "rg-centralus", "ragblobcentralus", keys ? Key(Location2) : null) : null,
        AccountTier = "Standard",
        AccountReplicationType = "ZRS",
        Containers =
        [
            new BlobContainerSpec("models", Replicate: true, ImmutabilityDays: 30, LockImmutability: false),
            new BlobContainerSpec("vectors", Replicate: true),
            new BlobContainerSpec("features", Replicate: false),
        ],
        BlobSoftDeleteDays = 14,
        ContainerSoftDeleteDays = 7,
        SharedKeyAccess = false,
        InfrastructureEncryption = true,
        PublicNetworkAccess = false,
        CopyBlobsCreatedAfter = "Everything",
        Providers = providers,
        Tags = new Dictionary<string, string> { ["stack"] = "azure-test" },
    };

    private static async Task<ComponentRun> RunAsync() =>
        _run ??= await ComponentRun.RunAsync((p, o) => _component = new ReplicatedBlob("blob", Args(p), o));

    [Test]
    public async Task Accounts_KeepVersionsChangeFeedAndSoftDeleteInEachRegion()
    {
        var run = await RunAsync();
        var accounts = run.OfType(Account);
        Assert.Multiple(() =>
        {
            Assert.That(accounts.Select(a => (LocationOf(a), a.Inputs["location"])), Is.EquivalentTo(new[] { ((string?)Location1, (object)Location1), (Location2, Location2) }),
                "an account per region through its own provider");
            Assert.That(accounts.Select(a => (At(a.Inputs, "blobProperties", "versioningEnabled"), At(a.Inputs, "blobProperties", "changeFeedEnabled"))), Has.All.EqualTo((true, true)),
                "object replication needs versioning on both sides and change feed on the source; both have it so failback can reverse");
            Assert.That(accounts.Select(a => (At(a.Inputs, "blobProperties", "deleteRetentionPolicy", "days"), At(a.Inputs, "blobProperties", "containerDeleteRetentionPolicy", "days"))),
                Has.All.EqualTo((14, 7)), "soft delete of blobs and containers for the decided days");
            Assert.That(accounts.Select(a => (a.Inputs["minTlsVersion"], a.Inputs["allowNestedItemsToBePublic"], a.Inputs["sharedAccessKeyEnabled"], a.Inputs["publicNetworkAccessEnabled"])),
                Has.All.EqualTo(("TLS1_2", false, false, false)), "TLS 1.2, no anonymous blobs, Entra-only as asked, no public network");
            Assert.That(accounts.Select(a => (a.Inputs["infrastructureEncryptionEnabled"], a.Inputs["accountReplicationType"], a.Inputs["accountKind"])), Has.All.EqualTo((true, "ZRS", "StorageV2")),
                "double encryption and zone redundancy as decided, on general-purpose v2 which object replication supports");
        });
    }

    [Test]
    public async Task Replication_CopiesOnlyTheReplicatedContainersToTheRecoveryAccount()
    {
        var run = await RunAsync();
        var policy = run.Named("blob-replication");
        var rules = (System.Collections.IList)policy.Inputs["rules"];
        Assert.Multiple(async () =>
        {
            Assert.That((policy.Inputs["sourceStorageAccountId"], policy.Inputs["destinationStorageAccountId"]), Is.EqualTo((Id("blob-primary"), Id("blob-recovery"))), "from the primary to the recovery account");
            Assert.That(rules.Cast<object>().Select(r => (At(r, "sourceContainerName"), At(r, "destinationContainerName"), At(r, "copyBlobsCreatedAfter"))),
                Is.EquivalentTo(new[] { ((object?)"models", (object?)"models", (object?)"Everything"), ("vectors", "vectors", "Everything") }),
                "each replicated container to its namesake, existing blobs too as decided; features stay local");
            Assert.That(LocationOf(policy), Is.EqualTo(Location2), "declared on the destination's side");
            Assert.That(await run.DependenciesOf("blob-replication"), Has.Member("blob-recovery-models").And.Member("blob-primary-vectors"), "destination containers exist before the policy names them");
            Assert.That(run.OfType(Container).Select(c => (LocationOf(c), c.Inputs["name"], c.Inputs["containerAccessType"])), Has.Exactly(6).Items.And.All.Matches<(string?, object, object)>(c => (string)c.Item3 == "private"),
                "the three containers exist in both accounts, private");
        });
    }

    [Test]
    public async Task Immutability_OnlyWhereAskedAndOnlyOnTheSource()
    {
        var run = await RunAsync();
        var worm = run.OfType(Worm);
        Assert.Multiple(() =>
        {
            Assert.That(worm.Select(w => (w.Inputs["storageContainerResourceManagerId"], w.Inputs["immutabilityPeriodInDays"], w.Inputs["locked"])),
                Is.EqualTo(new[] { ((object)"blob-primary-models-arm-id", (object)30, (object)false) }), "the models container keeps 30 days of WORM retention, unlocked as asked");
            Assert.That(worm.Select(LocationOf), Has.All.EqualTo(Location1), "on the primary side: a WORM destination would refuse replicated overwrites");
        });
    }

    [Test]
    public async Task CustomerKeys_EachAccountEncryptsWithAKeyOfItsRegion()
    {
        var run = await ComponentRun.RunAsync((p, o) => new ReplicatedBlob("blob", Args(p, keys: true), o));
        Assert.Multiple(async () =>
        {
            foreach (var (role, location) in new[] { ("primary", Location1), ("recovery", Location2) })
            {
                var account = run.Named($"blob-{role}");
                Assert.That(At(account.Inputs, "customerManagedKey", "keyVaultKeyId"), Is.EqualTo($"https://blob-{role}-key-key.vault.azure.net/keys/blob-key"), $"{role}: versionless key URL, so rotation is followed");
                Assert.That(At(account.Inputs, "customerManagedKey", "userAssignedIdentityId"), Is.EqualTo(Id($"blob-{role}-key-identity")), $"{role}: through the region's identity");
                Assert.That(At(account.Inputs, "identity", "identityIds", "0"), Is.EqualTo(Id($"blob-{role}-key-identity")), $"{role}: the identity is assigned to the account");
                Assert.That(LocationOf(run.Named($"blob-{role}-key-vault")), Is.EqualTo(location), $"{role}: the vault is in the account's region");
                Assert.That(await run.DependenciesOf($"blob-{role}"), Is.EqualTo(new[] { $"blob-{role}-key-service" }), $"{role}: the account waits for the identity's grant");
            }
        });
    }

    [Test]
    public async Task NoRecoveryAccount_NoReplication()
    {
        var run = await ComponentRun.RunAsync((p, o) => new ReplicatedBlob("blob", Args(p, recovery: false), o));
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Account).Select(LocationOf), Is.EqualTo(new[] { Location1 }), "only the primary account");
            Assert.That(run.Resources.Any(r => r.Type == "azure:storage/objectReplication:ObjectReplication"), Is.False, "nothing to replicate to");
        });
    }

    [Test]
    public async Task Outputs_BlobEndpointPerRegion()
    {
        await RunAsync();
        Assert.That(await OutputUtilities.GetValueAsync(_component!.BlobEndpoints[Location2]), Is.EqualTo("https://ragblobcentralus.blob.core.windows.net/"), "readers in the recovery region use its account");
    }
}
