using DrKit.Azure.Images;
using DrKit.Azure.Storage;
using DrKit.Core.Platforms.Azure;
using Pulumi;

namespace DrKit.Azure;

public sealed partial class AzureResources
{
    /// <summary>Standard (general-purpose v2): object replication and versioning need it; Premium block blobs suit
    /// latency, not DR copies. https://learn.microsoft.com/azure/storage/blobs/object-replication-overview</summary>
    public const string StorageTier = "Standard";

    /// <summary>The policy copies blobs that already exist too, so a policy declared again (after a failback) catches up
    /// with what the source holds.</summary>
    public const string CopyEverything = "Everything";

    /// <summary>One account per region; with object replication, a policy from the primary's account to the recovery
    /// account's, declared only while the stack is not failed over (<see cref="AzureDeclared.ObjectReplication"/>). The WORM
    /// policy on the source container is declared unlocked: locking makes it permanent, an operator's deliberate step
    /// (<c>az storage container immutability-policy lock</c>).</summary>
    private void Blob(string name, AzureBlobSettings blob, ComponentResourceOptions options)
    {
        var primaryRegion = Operations.Plan.PrimaryRegion;
        StorageAccountSpec Spec(string region) => new(region, blob.ResourceGroups[region], blob.Accounts[region]);
        var recovery = blob.Redundancy == BlobRedundancy.ObjectReplication ? blob.Accounts.Keys.FirstOrDefault(r => r != primaryRegion) : null;
        var store = new ReplicatedBlob(name, new ReplicatedBlobArgs
        {
            Primary = Spec(primaryRegion),
            Recovery = recovery is null ? null : Spec(recovery),
            ReplicationDeclared = AzureDeclared.ObjectReplication(Operations),
            AccountTier = StorageTier,
            AccountReplicationType = blob.AccountReplicationType,
            Containers = [new BlobContainerSpec(blob.Container, Replicate: true, ImmutabilityDays: blob.ImmutabilityDays > 0 ? blob.ImmutabilityDays : null)],
            BlobSoftDeleteDays = blob.SoftDeleteDays,
            ContainerSoftDeleteDays = blob.SoftDeleteDays,
            SharedKeyAccess = blob.SharedKeyAccess,
            InfrastructureEncryption = true,
            PublicNetworkAccess = blob.PublicNetworkAccess,
            CopyBlobsCreatedAfter = CopyEverything,
            Providers = Providers,
            Tags = Tags,
        }, options);
        foreach (var (region, id) in store.AccountIds)
        {
            Ids[AzureOutputNames.Of(name, AzureOutputNames.StorageAccountId, region)] = id;
            Scopes[(name, region)] = id;
        }
    }

    private void Registry(string name, AzureRegistrySettings registry, ComponentResourceOptions options)
    {
        var home = Operations.Plan.PrimaryRegion;
        var acr = new GeoReplicatedRegistry(name, new GeoReplicatedRegistryArgs
        {
            Location = home,
            ResourceGroupName = registry.ResourceGroups[home],
            Name = registry.Name,
            ReplicaLocations = registry.ReplicaRegions,
            // Fixed at creation; a zone-redundant registry needs zones in every location it names.
            ZoneRedundancy = registry.ReplicaRegions.Append(home).All(AzureRegions.HasZones),
            PublicNetworkAccess = registry.PublicNetworkAccess,
            Providers = Providers,
            Tags = Tags,
        }, options);
        Ids[AzureOutputNames.Of(name, AzureOutputNames.RegistryLoginServer)] = acr.LoginServer;
        Scopes[(name, null)] = acr.RegistryId;
    }
}
