using System.Text.Json;
using DrKit.Azure.Models;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Azure.Tests.Models;

/// <summary>Reading the stack's azure:* keys for the explicit providers. Serial: PULUMI_CONFIG is process-wide.</summary>
[NonParallelizable]
public sealed class AzureProviderSettingsTests
{
    private static async Task<AzureProviderSettings?> ReadAsync(Dictionary<string, string> config, string? armSubscription)
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
        try
        {
            AzureProviderSettings? read = null;
            await Deployment.TestAsync(new AzureMocks(), new TestOptions { ProjectName = "drkit", StackName = "test", IsPreview = false }, () =>
            {
                read = AzureProviderSettings.FromConfig(new Config(AzureProviderSettings.Namespace), name => name == AzureProviderSettings.SubscriptionVariable ? armSubscription : null);
                return new Dictionary<string, object?>();
            });
            return read;
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }
    }

    [Test]
    public void FromConfig_NoSubscriptionAnywhere_FailsNamingTheKey()
    {
        var error = Assert.CatchAsync(() => ReadAsync([], armSubscription: null));
        Assert.That(error!.ToString(), Does.Contain("azure:subscriptionId").And.Contain("ARM_SUBSCRIPTION_ID"), "Pulumi.Azure v6 needs a subscription; the run says which key to set");
    }

    [Test]
    public async Task FromConfig_SubscriptionFromTheEnvironment_IsAccepted()
    {
        var read = await ReadAsync([], armSubscription: "00000000-0000-0000-0000-000000000000");
        Assert.That(read, Is.Not.Null, "ARM_SUBSCRIPTION_ID is the provider's own source, so the run goes on");
    }

    [Test]
    public async Task FromConfig_ForwardsIdentityKeysWhenSet()
    {
        var read = await ReadAsync(new Dictionary<string, string>
        {
            ["azure:subscriptionId"] = "00000000-0000-0000-0000-000000000000",
            ["azure:tenantId"] = "tenant",
            ["azure:clientId"] = "client",
            ["azure:clientSecret"] = "s3cret",
            ["azure:useOidc"] = "true",
            ["azure:environment"] = "usgovernment",
        }, armSubscription: null);
        Assert.Multiple(async () =>
        {
            Assert.That((read!.TenantId, read.ClientId, read.UseOidc, read.Environment), Is.EqualTo(("tenant", "client", (bool?)true, "usgovernment")), "identity keys pass through");
            Assert.That(await Output.IsSecretAsync(read.ClientSecret!), Is.True, "the client secret stays a secret");
            Assert.That(await Output.IsSecretAsync(read.SubscriptionId!), Is.True, "the subscription is read secret-aware (GetSecret), so a secret subscriptionId raises no warning");
        });
    }
}
