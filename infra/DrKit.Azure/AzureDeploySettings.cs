using Pulumi;

namespace DrKit.Azure;

/// <summary>A marketplace image: <c>publisher:offer:sku:version</c>, as <c>az vm image list --urn</c> prints it.</summary>
public sealed record AzureImage(string Publisher, string Offer, string Sku, string Version)
{
    public static AzureImage? Parse(string urn)
    {
        var parts = urn.Split(':');
        return parts.Length == 4 && parts.All(p => p.Length > 0) ? new AzureImage(parts[0], parts[1], parts[2], parts[3]) : null;
    }
}

/// <summary>A Marketplace image's purchase plan, <c>publisher:product:name</c>, as <c>az vm image show --urn ... --query plan</c>
/// prints it (for most images: the image's publisher, offer and SKU).</summary>
public sealed record AzureImagePlan(string Publisher, string Product, string Name)
{
    public static AzureImagePlan? Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && parts.All(p => p.Length > 0) ? new AzureImagePlan(parts[0], parts[1], parts[2]) : null;
    }
}

/// <summary>
/// What an Azure deployment needs that a DR plan does not decide: who administers the customer keys, and where and from
/// which image the GPU scale sets run. Read from the stack's <c>drkit-azure:*</c> keys (docs/stack-config.md), each checked
/// only when the plan needs it, so a stack without customer keys or GPUs sets none of them.
/// </summary>
/// <param name="TenantId">Entra tenant of the Key Vaults (<c>azure:tenantId</c>).</param>
/// <param name="KeyAdministratorObjectId">Object id of the principal that runs <c>up</c>: it creates the keys in the RBAC vaults.</param>
/// <param name="GpuSubnetIds">Region -> id of the subnet the region's GPU scale set joins.</param>
/// <param name="GpuImage">Image of the GPU VMs: one with the NVIDIA driver and the serving stack.</param>
/// <param name="SshPublicKey">The administrator's SSH public key on the GPU VMs (password login is off).</param>
/// <param name="GpuImagePlan">The GPU image's Marketplace purchase plan, when it has one.</param>
public sealed record AzureDeploySettings(
    string? TenantId,
    string? KeyAdministratorObjectId,
    IReadOnlyDictionary<string, string> GpuSubnetIds,
    AzureImage? GpuImage,
    string? SshPublicKey,
    AzureImagePlan? GpuImagePlan = null)
{
    public const string Namespace = "drkit-azure";
    public const string KeyAdministratorKey = "keyAdministratorObjectId";
    public const string GpuSubnetIdsKey = "gpuSubnetIds";
    public const string GpuImageKey = "gpuImage";
    public const string SshPublicKeyKey = "sshPublicKey";
    public const string GpuImagePlanKey = "gpuImagePlan";

    /// <summary>Administrator of the PostgreSQL servers and of the GPU VMs.</summary>
    public string AdministratorLogin { get; init; } = "drkit_admin";

    public static AzureDeploySettings FromConfig(Config drkitAzure, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(drkitAzure);
        var image = drkitAzure.Get(GpuImageKey);
        var parsed = image is null ? null : AzureImage.Parse(image)
            ?? throw new RunException($"{Namespace}:{GpuImageKey} is '{image}': expected publisher:offer:sku:version (az vm image list --urn).");
        var plan = drkitAzure.Get(GpuImagePlanKey);
        var parsedPlan = plan is null ? null : AzureImagePlan.Parse(plan)
            ?? throw new RunException($"{Namespace}:{GpuImagePlanKey} is '{plan}': expected publisher:product:name (az vm image show --urn <image> --query plan).");
        return new AzureDeploySettings(
            tenantId,
            drkitAzure.Get(KeyAdministratorKey),
            drkitAzure.GetObject<Dictionary<string, string>>(GpuSubnetIdsKey) ?? new Dictionary<string, string>(StringComparer.Ordinal),
            parsed,
            drkitAzure.Get(SshPublicKeyKey),
            parsedPlan);
    }

    /// <summary>The value of a key the plan needs, or a refusal naming the key and how to set it.</summary>
    internal static string Require(string? value, string key, string why) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new RunException($"{why}: set {key} (pulumi config set {key} <value>). Nothing was declared.")
            : value;
}
