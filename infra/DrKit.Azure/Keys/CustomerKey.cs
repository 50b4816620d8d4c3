using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure.Keys;

/// <summary>
/// A customer-managed key in one Azure location, as decided: the vault, key and identity names (within Azure's limits),
/// the key size and the vault's soft-delete retention. The names are global (the vault) or per resource group.
/// </summary>
/// <param name="Location">Where the vault, the key and the identity live: services take keys and identities of their own region only.</param>
/// <param name="VaultSku">Key Vault SKU (<c>Standard</c> or <c>Premium</c>, which keeps keys in HSMs).</param>
/// <param name="KeyAdministratorObjectId">The principal that deploys (object id), granted Key Vault Crypto Officer so it can create the key in an RBAC vault.</param>
public sealed record CustomerKeySpec(
    string Location,
    string ResourceGroupName,
    string VaultName,
    string KeyName,
    string IdentityName,
    int KeySize,
    string VaultSku,
    int SoftDeleteRetentionDays,
    string TenantId,
    string KeyAdministratorObjectId);

public sealed class CustomerKeyArgs : ResourceArgs
{
    public required CustomerKeySpec Spec { get; init; }

    /// <summary>The explicit provider of <see cref="CustomerKeySpec.Location"/>.</summary>
    public required ProviderResource Provider { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

/// <summary>
/// A user-assigned identity that may wrap and unwrap with an RSA key of a purge-protected, RBAC-authorised Key Vault in the
/// same location. Services encrypting with a customer-managed key (PostgreSQL flexible server, storage accounts) reach the
/// key through such an identity; purge protection is required so that a deleted key cannot destroy the data for good
/// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption). The identity gets
/// "Key Vault Crypto Service Encryption User" and the deploying principal "Key Vault Crypto Officer" on the vault
/// (https://learn.microsoft.com/azure/key-vault/general/rbac-guide); the key waits for the latter.
/// </summary>
public sealed class CustomerKey : ComponentResource
{
    public const string TypeToken = "drkit:azure:CustomerKey";

    /// <summary>Lets an identity read the key and wrap/unwrap with it, nothing else.</summary>
    public const string ServiceRole = "Key Vault Crypto Service Encryption User";

    /// <summary>Lets the deploying principal create and rotate keys in an RBAC vault.</summary>
    public const string AdministratorRole = "Key Vault Crypto Officer";

    public const string KeyType = "RSA";

    public CustomerKey(string name, CustomerKeyArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Spec;
        // Protected: deleting the vault, key or identity makes every server and account encrypted with them inaccessible, and
        // a purge-protected vault's name stays taken for its retention days, so a plan edit must not drop them silently.
        var opts = new CustomResourceOptions { Parent = this, Provider = args.Provider, Protect = true };
        var identity = new PulumiAzure.Authorization.UserAssignedIdentity($"{name}-identity", new PulumiAzure.Authorization.UserAssignedIdentityArgs
        {
            Name = s.IdentityName,
            Location = s.Location,
            ResourceGroupName = s.ResourceGroupName,
            Tags = AzureTags.Of(args.Tags),
        }, opts);
        var vault = new PulumiAzure.KeyVault.KeyVault($"{name}-vault", new PulumiAzure.KeyVault.KeyVaultArgs
        {
            Name = s.VaultName,
            Location = s.Location,
            ResourceGroupName = s.ResourceGroupName,
            TenantId = s.TenantId,
            SkuName = s.VaultSku,
            PurgeProtectionEnabled = true,
            SoftDeleteRetentionDays = s.SoftDeleteRetentionDays,
            RbacAuthorizationEnabled = true,
            Tags = AzureTags.Of(args.Tags),
        }, opts);
        var officer = new PulumiAzure.Authorization.Assignment($"{name}-officer", new PulumiAzure.Authorization.AssignmentArgs
        {
            Scope = vault.Id,
            RoleDefinitionName = AdministratorRole,
            PrincipalId = s.KeyAdministratorObjectId,
        }, opts);
        Grant = new PulumiAzure.Authorization.Assignment($"{name}-service", new PulumiAzure.Authorization.AssignmentArgs
        {
            Scope = vault.Id,
            RoleDefinitionName = ServiceRole,
            PrincipalId = identity.PrincipalId,
            PrincipalType = "ServicePrincipal",
        }, opts);
        var key = new PulumiAzure.KeyVault.Key($"{name}-key", new PulumiAzure.KeyVault.KeyArgs
        {
            Name = s.KeyName,
            KeyVaultId = vault.Id,
            KeyType = KeyType,
            KeySize = s.KeySize,
            KeyOpts = { "wrapKey", "unwrapKey" },
            Tags = AzureTags.Of(args.Tags),
        }, new CustomResourceOptions { Parent = this, Provider = args.Provider, DependsOn = { officer }, Protect = true });

        Location = s.Location;
        IdentityId = identity.Id;
        IdentityPrincipalId = identity.PrincipalId;
        VaultId = vault.Id;
        KeyId = key.VersionlessId;
        RegisterOutputs(new Dictionary<string, object?> { ["identityId"] = IdentityId, ["keyId"] = KeyId });
    }

    public string Location { get; }

    /// <summary>The identity's role on the vault: a service must not try the key before this exists.</summary>
    public Resource Grant { get; }

    /// <summary>The user-assigned identity's resource id, which services name in their identity and key blocks.</summary>
    public Output<string> IdentityId { get; }

    public Output<string> IdentityPrincipalId { get; }

    public Output<string> VaultId { get; }

    /// <summary>The key's versionless id (its URL without a version), so services follow a rotation.</summary>
    public Output<string> KeyId { get; }
}
