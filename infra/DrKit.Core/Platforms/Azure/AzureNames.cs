using System.Text;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// The names DrKit gives Azure resources, each within <see cref="AzureLimits"/>. Globally unique names (storage
/// accounts, registries, Key Vaults, PostgreSQL servers and their virtual endpoints, Managed Redis instances, whose
/// names are DNS names) end with a hash of stack, service, component and region, so another stack of the service or
/// a drill stack never asks for the same name; names scoped to a resource group are the stack's own words.
/// </summary>
public static partial class AzureNames
{
    private const int HashLength = 6;

    /// <summary>The resource group DrKit declares in <paramref name="region"/> for the stack.</summary>
    public static string ResourceGroup(string service, string stack, string region) =>
        AwsNames.Identifier($"rg-{service}-{stack}-{region}", AzureLimits.ResourceGroupMax);

    /// <summary>PostgreSQL Flexible Server name: <c>&lt;service&gt;-&lt;component&gt;-&lt;region&gt;-&lt;hash&gt;</c>, not
    /// clipped (it is the server's DNS name <c>&lt;name&gt;.postgres.database.azure.com</c> operators read);
    /// <see cref="AzureReader"/> reports it when it is too long.</summary>
    public static string PostgresServer(string stack, string service, string component, string region) =>
        $"{service}-{component}-{region}-{Hash(stack, service, component, region)}".ToLowerInvariant();

    /// <summary>The writer virtual endpoint of a server and its replica (<c>&lt;name&gt;.writer.postgres.database.azure.com</c>,
    /// a global name too): clients connect to it across a promotion.</summary>
    public static string VirtualEndpoint(string stack, string service, string component) =>
        AwsNames.Identifier($"{service}-{component}", AzureLimits.PostgresServerMax - 3 - HashLength - 1) + "-" + Hash(stack, service, component);

    /// <summary>A Managed Redis instance (<c>&lt;name&gt;.&lt;region&gt;.redis.azure.net</c>), or its geo-replication
    /// group when <paramref name="region"/> is <c>geo</c>.</summary>
    public static string ManagedRedis(string stack, string service, string component, string region) =>
        AwsNames.Identifier($"{service}-{component}-{region}", AzureLimits.ManagedRedisMax - HashLength - 1) + "-" + Hash(stack, service, component, region);

    public static string StorageAccount(string stack, string service, string component, string region) =>
        Compact($"{service}{component}", AzureLimits.StorageAccountMax, stack, service, component, region);

    public static string Registry(string stack, string service, string component) =>
        Compact($"{service}{component}", AzureLimits.RegistryMax, stack, service, component);

    public static string KeyVault(string stack, string service, string component, string region) =>
        "kv" + Compact(component, AzureLimits.KeyVaultMax - 2, stack, service, component, region);

    public static string Identity(string service, string component, string region) =>
        AwsNames.Identifier($"id-{service}-{component}-{region}", AzureLimits.IdentityMax);

    public static string CapacityReservationGroup(string service, string component, string region) =>
        AwsNames.Identifier($"crg-{service}-{component}-{region}", AzureLimits.ComputeChildMax);

    /// <summary>The Linux VM scale set in <paramref name="region"/> that runs the GPU fleet on the region's capacity
    /// reservation group: the stack declares it, operations scale it (<c>az vmss scale</c>) and count its running instances.</summary>
    public static string GpuScaleSet(string service, string component, string region) =>
        AwsNames.Identifier($"vmss-{service}-{component}-{region}", AzureLimits.ComputeChildMax);

    /// <summary>The name of a Traffic Manager external endpoint: the region it serves, so operations address an endpoint
    /// by the region a plan names (<c>az network traffic-manager endpoint update --name &lt;region&gt;</c>).</summary>
    public static string TrafficEndpoint(string region) => region;

    /// <summary>Traffic Manager's relative DNS name (<c>&lt;name&gt;.trafficmanager.net</c>): service and stack, not
    /// clipped; <see cref="AzureReader"/> reports it when it is no DNS label.</summary>
    public static string TrafficManager(string service, string stack) => $"{service}-{stack}".ToLowerInvariant();

    /// <summary>Lower-case letters and digits of <paramref name="readable"/>, cut so the hash of <paramref name="parts"/>
    /// fits within <paramref name="max"/>.</summary>
    internal static string Compact(string readable, int max, params string[] parts)
    {
        var letters = new string(readable.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return letters[..Math.Min(letters.Length, max - HashLength)] + Hash(parts);
    }

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('/', parts))))[..HashLength];
}
