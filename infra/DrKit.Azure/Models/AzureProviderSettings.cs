using Pulumi;

namespace DrKit.Azure.Models;

/// <summary>
/// The <c>azure:*</c> keys the explicit providers take from the stack, each null when unset. Pulumi.Azure v6 needs a
/// subscription: <c>azure:subscriptionId</c> or the <c>ARM_SUBSCRIPTION_ID</c> environment variable; it no longer
/// takes one from the Azure CLI (https://www.pulumi.com/registry/packages/azure/v6-migration).
/// </summary>
/// <param name="SubscriptionId">Read as a secret-aware output: <c>pulumi config set --secret</c> works too.</param>
public sealed record AzureProviderSettings(
    Output<string>? SubscriptionId,
    string? TenantId = null,
    string? ClientId = null,
    Output<string>? ClientSecret = null,
    bool? UseOidc = null,
    string? Environment = null)
{
    public const string Namespace = "azure";
    public const string SubscriptionKey = "subscriptionId";
    public const string SubscriptionVariable = "ARM_SUBSCRIPTION_ID";

    /// <summary>Reads the stack's <c>azure:*</c> keys. Without a subscription in config or in the environment the
    /// deployment would fail in the provider, so it stops here, naming the key.</summary>
    /// <param name="environment">Reads an environment variable (the process environment outside tests).</param>
    public static AzureProviderSettings FromConfig(Config config, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        var subscription = config.GetSecret(SubscriptionKey);
        if (subscription is null && string.IsNullOrWhiteSpace(environment(SubscriptionVariable)))
        {
            throw new RunException(
                $"The stack deploys to Azure (components or Azure OpenAI rungs) but names no Azure subscription: set {Namespace}:{SubscriptionKey} " +
                $"(pulumi config set {Namespace}:{SubscriptionKey} <subscription-id>) or the {SubscriptionVariable} environment variable.");
        }

        return new AzureProviderSettings(
            subscription,
            config.Get("tenantId"),
            config.Get("clientId"),
            config.GetSecret("clientSecret"),
            config.GetBoolean("useOidc"),
            config.Get("environment"));
    }
}
