using DrKit.Azure.Keys;
using Pulumi;
using AzureStorage = Pulumi.Azure.Storage;

namespace DrKit.Azure.Storage;

/// <summary>
/// Blob storage for model artifacts, vector snapshots and offline features: an account per region (StorageV2, versioning,
/// change feed, blob and container soft delete, TLS 1.2, no anonymous access), the same containers in both, and object
/// replication from the primary to the recovery account for the containers the plan replicates. Object replication needs
/// change feed on the source and versioning on both sides; change feed is on in both accounts so the direction can be
/// reversed on failback (https://learn.microsoft.com/azure/storage/blobs/object-replication-overview). The policy is
/// declared through the recovery location's provider: Azure creates it on the destination first and then on the source.
/// Container-level WORM retention goes on the primary's container only: a WORM destination would refuse the overwrites
/// replication carries (https://learn.microsoft.com/azure/storage/blobs/immutable-container-level-worm-policies).
/// </summary>
public sealed class ReplicatedBlob : ComponentResource
{
    public const string TypeToken = "drkit:azure:ReplicatedBlob";

    public const string AccountKind = "StorageV2";
    public const string MinimumTls = "TLS1_2";
    public const string PrivateAccess = "private";

    public ReplicatedBlob(string name, ReplicatedBlobArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var primary = Account($"{name}-primary", args, args.Primary, "primary");
        var primaryContainers = Containers($"{name}-primary", args, args.Primary, primary, immutability: true);
        var accounts = new Dictionary<string, Output<string>>(StringComparer.Ordinal) { [args.Primary.Location] = primary.Id };
        var endpoints = new Dictionary<string, Output<string>>(StringComparer.Ordinal) { [args.Primary.Location] = primary.PrimaryBlobEndpoint };
        if (args.Recovery is { } recoverySpec)
        {
            var recovery = Account($"{name}-recovery", args, recoverySpec, "recovery");
            var recoveryContainers = Containers($"{name}-recovery", args, recoverySpec, recovery, immutability: false);
            accounts[recoverySpec.Location] = recovery.Id;
            endpoints[recoverySpec.Location] = recovery.PrimaryBlobEndpoint;
            var rules = args.Containers.Where(c => c.Replicate).Select(c => new AzureStorage.Inputs.ObjectReplicationRuleArgs
            {
                SourceContainerName = c.Name,
                DestinationContainerName = c.Name,
                CopyBlobsCreatedAfter = args.CopyBlobsCreatedAfter,
            }).ToList();
            if (rules.Count > 0 && args.ReplicationDeclared)
            {
                // Retained on delete: when a failover stops declaring it, Pulumi only forgets it. The provider's delete would
                // remove the source account's policy too, a call into the failed region; operations remove the destination
                // policy themselves (az storage account or-policy delete) and the stale source policy once the primary returns.
                var replication = new CustomResourceOptions { Parent = this, Provider = args.Providers.For(recoverySpec.Location), RetainOnDelete = true };
                replication.DependsOn.Add([.. primaryContainers, .. recoveryContainers]);
                _ = new AzureStorage.ObjectReplication($"{name}-replication", new AzureStorage.ObjectReplicationArgs
                {
                    SourceStorageAccountId = primary.Id,
                    DestinationStorageAccountId = recovery.Id,
                    Rules = rules,
                }, replication);
            }
        }

        AccountIds = accounts;
        BlobEndpoints = endpoints;
        RegisterOutputs(endpoints.ToDictionary(e => $"{e.Key}.blobEndpoint", e => (object?)e.Value, StringComparer.Ordinal));
    }

    /// <summary>Location -> storage account id.</summary>
    public IReadOnlyDictionary<string, Output<string>> AccountIds { get; }

    /// <summary>Location -> the account's blob endpoint.</summary>
    public IReadOnlyDictionary<string, Output<string>> BlobEndpoints { get; }

    private AzureStorage.Account Account(string resourceName, ReplicatedBlobArgs args, StorageAccountSpec spec, string role)
    {
        var account = new AzureStorage.AccountArgs
        {
            Name = spec.Name,
            Location = spec.Location,
            ResourceGroupName = spec.ResourceGroupName,
            AccountKind = AccountKind,
            AccountTier = args.AccountTier,
            AccountReplicationType = args.AccountReplicationType,
            MinTlsVersion = MinimumTls,
            HttpsTrafficOnlyEnabled = true,
            AllowNestedItemsToBePublic = false,
            SharedAccessKeyEnabled = args.SharedKeyAccess,
            InfrastructureEncryptionEnabled = args.InfrastructureEncryption,
            PublicNetworkAccessEnabled = args.PublicNetworkAccess,
            BlobProperties = new AzureStorage.Inputs.AccountBlobPropertiesArgs
            {
                VersioningEnabled = true,
                ChangeFeedEnabled = true,
                DeleteRetentionPolicy = new AzureStorage.Inputs.AccountBlobPropertiesDeleteRetentionPolicyArgs { Days = args.BlobSoftDeleteDays },
                ContainerDeleteRetentionPolicy = new AzureStorage.Inputs.AccountBlobPropertiesContainerDeleteRetentionPolicyArgs { Days = args.ContainerSoftDeleteDays },
            },
            Tags = AzureTags.Of(args.Tags, role),
        };
        // Protected: the account holds the DR copy; a plan edit that drops the component must not delete it.
        var options = new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location), Protect = true };
        if (spec.Key is { } keySpec)
        {
            if (keySpec.Location != spec.Location)
            {
                throw new ArgumentException($"Account {spec.Name} is in {spec.Location} but its key in {keySpec.Location}.", nameof(args));
            }

            var key = new CustomerKey($"{resourceName}-key", new CustomerKeyArgs { Spec = keySpec, Provider = args.Providers.For(keySpec.Location), Tags = args.Tags },
                new ComponentResourceOptions { Parent = this });
            account.Identity = new AzureStorage.Inputs.AccountIdentityArgs { Type = "UserAssigned", IdentityIds = { key.IdentityId } };
            account.CustomerManagedKey = new AzureStorage.Inputs.AccountCustomerManagedKeyArgs { KeyVaultKeyId = key.KeyId, UserAssignedIdentityId = key.IdentityId };
            options.DependsOn.Add(key.Grant);
        }

        return new AzureStorage.Account(resourceName, account, options);
    }

    private List<Resource> Containers(string prefix, ReplicatedBlobArgs args, StorageAccountSpec spec, AzureStorage.Account account, bool immutability)
    {
        var made = new List<Resource>();
        foreach (var c in args.Containers)
        {
            var container = new AzureStorage.Container($"{prefix}-{c.Name}", new AzureStorage.ContainerArgs
            {
                Name = c.Name,
                StorageAccountId = account.Id,
                ContainerAccessType = PrivateAccess,
            }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location) });
            made.Add(container);
            if (immutability && c.ImmutabilityDays is { } days)
            {
                _ = new AzureStorage.ContainerImmutabilityPolicy($"{prefix}-{c.Name}-worm", new AzureStorage.ContainerImmutabilityPolicyArgs
                {
                    StorageContainerResourceManagerId = container.ResourceManagerId,
                    ImmutabilityPeriodInDays = days,
                    Locked = c.LockImmutability,
                }, new CustomResourceOptions { Parent = this, Provider = args.Providers.For(spec.Location) });
            }
        }

        return made;
    }
}
