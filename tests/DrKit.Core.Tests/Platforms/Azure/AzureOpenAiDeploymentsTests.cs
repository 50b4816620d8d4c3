using DrKit.Core.Estimation;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Platforms.AzureOpenAi;

public sealed class AzureOpenAiDeploymentsTests
{
    [Test]
    public void Decide_TakesEachRungsDeploymentSku_StandardByDefault()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-east", "eastus2", "chatSku: DataZoneStandard"), Azure("azure-west", "westus", "embeddingSku: GlobalStandard")]);
        var accounts = AzureOpenAiDeployments.Decide(plan.Stack, "llm", plan.Chain()).ToDictionary(a => a.Rung);
        Assert.Multiple(() =>
        {
            Assert.That(accounts["azure-east"].Deployments.Select(d => d.Sku), Is.EqualTo(new[] { "DataZoneStandard", "Standard" }), "chat as declared, embeddings Standard");
            Assert.That(accounts["azure-west"].Deployments.Select(d => d.Sku), Is.EqualTo(new[] { "Standard", "GlobalStandard" }), "embeddings as declared");
        });
    }

    [Test]
    public void Decide_DefaultCapacity_IsASmallShareOfTheRegionalQuota()
    {
        var plan = Chains.Plan([Primary(), Azure("azure", "eastus2")]);
        var deployments = AzureOpenAiDeployments.Decide(plan.Stack, "llm", plan.Chain()).Single().Deployments;
        Assert.That(deployments.Select(d => d.Capacity), Is.EqualTo(new[] { 50, 50 }), "50K TPM each, not the whole 350K default quota of the subscription's region");
    }

    [Test]
    public void Decide_LongNames_ClipToLeaveRoomForTheSuffix()
    {
        var rung = "azure-" + new string('e', 25);
        var plan = Chains.Plan([Primary(), Azure(rung, "eastus2")]);
        var account = AzureOpenAiDeployments.Decide(new string('s', 40), "llm", plan.Chain()).Single();
        var name = AzureOpenAiDeployments.AccountName(account.NamePrefix, "abc123");
        Assert.Multiple(() =>
        {
            Assert.That(name, Has.Length.LessThanOrEqualTo(AzureOpenAiDeployments.MaxAccountName), "within Azure's 64 characters");
            Assert.That(name, Does.EndWith("-abc123"), "clipping never cuts the unique suffix");
        });
    }

    [Test]
    public void DecideAll_TwoRungsCleaningToOneName_AreRefusedNamingBoth()
    {
        // "llm" + "a-b" and "llm-a" + "b" both give "<stack>-llm-a-b".
        var yaml = TestStacks.Yaml(
            "llm:\n" + TestStacks.Indent("kind: model-provider\nstrategy: warm-standby\nproviders:\n" + TestStacks.Indent(Primary() + Azure("a-b", "eastus2"), 2), 2)
            + "llm-a:\n" + TestStacks.Indent("kind: model-provider\nstrategy: warm-standby\nproviders:\n" + TestStacks.Indent(Primary() + Azure("b", "westus"), 2), 2),
            "us-west-2");
        var plan = TestStacks.Plan(yaml);
        var error = Assert.Throws<InvalidOperationException>(() => AzureOpenAiDeployments.DecideAll(plan));
        Assert.That(error!.Message, Does.Contain("llm/a-b").And.Contain("llm-a/b"), "both rungs named, so the user knows which to rename");
    }

    [Test]
    public void QuotaUse_SumsCapacityPerLocationModelAndSku_AndFlagsWhatExceedsTheDefault()
    {
        var plan = Chains.Plan([Primary(), Azure("azure-a", "eastus2", "embeddingCapacity: 200"), Azure("azure-b", "eastus2", "embeddingCapacity: 200"), Azure("azure-c", "westus", "embeddingCapacity: 200")]);
        var use = AzureOpenAiQuota.Use(plan).ToDictionary(u => (u.Location, u.Model, u.Sku));
        Assert.Multiple(() =>
        {
            Assert.That(use[("eastus2", "text-embedding-3-small", "Standard")].Capacity, Is.EqualTo(400), "two rungs draw on one regional pool");
            Assert.That(use[("eastus2", "text-embedding-3-small", "Standard")].ExceedsDefault, Is.True, "400K > the 350K default");
            Assert.That(use[("westus", "text-embedding-3-small", "Standard")].ExceedsDefault, Is.False, "another location has its own pool");
            Assert.That(use[("eastus2", "gpt-4o", "Standard")].Capacity, Is.EqualTo(2 * Assumptions.AzureOpenAiChatCapacity), "chat sums too");
        });
    }
}
