using System.Text.RegularExpressions;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// Azure's rules for the names DrKit gives resources, checked at plan time so <c>pulumi up</c> never meets them.
/// Lengths and characters from the naming rules page, <see cref="AzureAssumptions.NameRules"/>
/// (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules), per resource provider.
/// Names with a global scope (storage accounts, registries, Key Vaults, PostgreSQL servers and virtual endpoints, Managed
/// Redis) are also DNS names: DrKit derives them with a hash of the stack so two stacks never ask for the same one. The
/// Traffic Manager DNS name is the exception, <c>&lt;service&gt;-&lt;stack&gt;</c> without a hash: it is the name a
/// service's domain points at, so it stays readable; unique per stack of a service, it can still be held by another
/// tenant, and the first <c>up</c> then fails on the profile (choose another service or stack name).
/// </summary>
public static partial class AzureLimits
{
    /// <summary>Microsoft.Storage/storageAccounts: 3-24 lower-case letters and numbers, globally unique.</summary>
    public const int StorageAccountMax = 24;

    /// <summary>Microsoft.ContainerRegistry/registries: 5-50 alphanumerics, globally unique.</summary>
    public const int RegistryMin = 5;

    public const int RegistryMax = 50;

    /// <summary>Microsoft.DBforPostgreSQL/flexibleServers: 3-63 lower-case letters, numbers and hyphens, not starting
    /// or ending with a hyphen, globally unique (the server's DNS name).</summary>
    public const int PostgresServerMax = 63;

    /// <summary>Microsoft.KeyVault/vaults: 3-24 alphanumerics and hyphens, starting with a letter, ending with a letter
    /// or digit, no consecutive hyphens, globally unique.</summary>
    public const int KeyVaultMax = 24;

    /// <summary>Microsoft.Cache/redisEnterprise (Azure Managed Redis): alphanumerics and hyphens, starting and ending with
    /// an alphanumeric, no consecutive hyphens; 1-60 characters by the naming rules and 3-63 by the provider's validation
    /// (terraform-provider-azurerm managedredis/validate/managed_redis_name.go), so 3-60.</summary>
    public const int ManagedRedisMax = 60;

    /// <summary>Traffic Manager's relative DNS name is a label under trafficmanager.net: 1-63 letters, digits and hyphens,
    /// not starting or ending with a hyphen, globally unique.</summary>
    public const int DnsLabelMax = 63;

    /// <summary>Microsoft.Resources/resourceGroups: 1-90 characters (alphanumerics, underscores, parentheses, hyphens,
    /// periods; not ending with a period).</summary>
    public const int ResourceGroupMax = 90;

    /// <summary>Microsoft.Compute capacity reservation groups and reservations are not listed on the naming page; DrKit
    /// keeps them to the Compute resources' common rule of 1-80 alphanumerics, underscores, periods and hyphens.</summary>
    public const int ComputeChildMax = 80;

    /// <summary>Microsoft.ManagedIdentity/userAssignedIdentities: 3-128 alphanumerics, hyphens and underscores, starting
    /// with a letter or number.</summary>
    public const int IdentityMax = 128;

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex StorageAccountPattern();

    [GeneratedRegex("^[a-zA-Z0-9]{5,50}$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])$")]
    private static partial Regex PostgresServerPattern();

    [GeneratedRegex("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")]
    private static partial Regex KeyVaultPattern();

    [GeneratedRegex("^[a-zA-Z0-9](?!.*--)[a-zA-Z0-9-]{1,58}[a-zA-Z0-9]$")]
    private static partial Regex ManagedRedisPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabelPattern();

    public static bool IsStorageAccount(string name) => StorageAccountPattern().IsMatch(name);

    public static bool IsRegistry(string name) => RegistryPattern().IsMatch(name);

    public static bool IsPostgresServer(string name) => PostgresServerPattern().IsMatch(name);

    public static bool IsKeyVault(string name) => KeyVaultPattern().IsMatch(name);

    public static bool IsManagedRedis(string name) => ManagedRedisPattern().IsMatch(name);

    public static bool IsDnsLabel(string name) => DnsLabelPattern().IsMatch(name);

    public const string PostgresServerExpected = "3-63 lower-case letters, digits and '-', not starting or ending with '-'";

    public const string DnsLabelExpected = "1-63 lower-case letters, digits and '-', not starting or ending with '-'";
}
