using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Providers;
using static DrKit.Core.Tests.Providers.Chains;

namespace DrKit.Core.Tests.Platforms.AzureOpenAi;

public sealed class AzureModelLifecycleTests
{
    private static readonly DateOnly TableDay = new(2026, 11, 30);
    private static readonly TimeSpan Window = TimeSpan.FromDays(90);

    [Test]
    public void Judge_Gpt4o20241120OnTheDayTheTableWasRead_IsRetired()
    {
        var (status, why) = AzureModelLifecycle.Judge("gpt-4o", "2024-11-20", "Standard", TableDay, Window);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(ModelLifecycleStatus.Retired), "retired on 2026-10-01 per Microsoft's table");
            Assert.That(why, Does.Contain("2026-10-01").And.Contain(AzureModelLifecycle.Source), "the date and the source");
        });
    }

    [Test]
    public void Judge_StandardDeploymentType_RetiresOnItsOwnEarlierDate()
    {
        var day = new DateOnly(2026, 6, 1);
        Assert.Multiple(() =>
        {
            Assert.That(AzureModelLifecycle.Judge("gpt-4o", "2024-08-06", "Standard", day, Window).Status, Is.EqualTo(ModelLifecycleStatus.Retired), "Standard retired 2026-03-31");
            Assert.That(AzureModelLifecycle.Judge("gpt-4o", "2024-08-06", "DataZoneStandard", day, Window).Status, Is.EqualTo(ModelLifecycleStatus.Deprecated),
                "Data Zone Standard serves until 2026-10-01, past its deprecation");
        });
    }

    [Test]
    public void Judge_RetirementInsideTheWindow_IsRetiring_AndOutsideItDeprecatedOrCurrent()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AzureModelLifecycle.Judge("gpt-5.1", "2025-11-13", "DataZoneStandard", new DateOnly(2027, 3, 1), Window).Status, Is.EqualTo(ModelLifecycleStatus.Retiring), "2027-05-15 is 75 days out");
            Assert.That(AzureModelLifecycle.Judge("gpt-5.1", "2025-11-13", "DataZoneStandard", TableDay, Window).Status, Is.EqualTo(ModelLifecycleStatus.Deprecated), "past 2026-11-13, retirement 166 days out");
            Assert.That(AzureModelLifecycle.Judge("gpt-5.1", "2025-11-13", "DataZoneStandard", new DateOnly(2026, 6, 1), Window).Status, Is.EqualTo(ModelLifecycleStatus.Current), "before its deprecation");
            Assert.That(AzureModelLifecycle.Judge("text-embedding-3-small", "1", "Standard", new DateOnly(2027, 2, 1), Window).Status, Is.EqualTo(ModelLifecycleStatus.Retiring),
                "may retire from 2027-04-15, inside 90 days");
            Assert.That(AzureModelLifecycle.Judge("text-embedding-3-small", "1", "Standard", TableDay, Window).Status, Is.EqualTo(ModelLifecycleStatus.Current), "no retirement before 2027-04-15");
        });
    }

    [Test]
    public void Judge_VersionNotInTheTable_IsUnknownNeverCurrent()
    {
        var (status, why) = AzureModelLifecycle.Judge("gpt-4o", "2099-01-01", "Standard", TableDay, Window);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(ModelLifecycleStatus.Unknown), "a missing row is not a clean bill");
            Assert.That(why, Does.Contain("not in DrKit's copy"), "says why");
        });
    }

    [Test]
    public void Of_JudgesEveryPinnedDeploymentOfThePlan()
    {
        var plan = Chains.Plan([Primary(), Azure("azure", "eastus2", "chatModel: gpt-4o", "chatModelVersion: \"2024-11-20\"", "embeddingModelVersion: \"1\"")]);
        var judged = AzureModelLifecycle.Of(plan, TableDay).ToDictionary(d => d.Model);
        Assert.Multiple(() =>
        {
            Assert.That(judged["gpt-4o"].Status, Is.EqualTo(ModelLifecycleStatus.Retired), "the chat deployment");
            Assert.That(judged["text-embedding-3-small"].Status, Is.EqualTo(ModelLifecycleStatus.Current), "the embedding deployment");
            Assert.That(judged.Values.Select(d => (d.Component, d.Rung)), Has.All.EqualTo(("llm", "azure")), "names chain and rung");
        });
    }

    [Test]
    public void Of_DeprecatedVersion_SaysTheExactDeploymentTestToRunBeforeTheFirstUp()
    {
        var plan = Chains.Plan([Primary(), Azure("azure", "eastus2", "chatModel: gpt-5.1", "chatModelVersion: \"2025-11-13\"", "chatSku: DataZoneStandard", "embeddingModelVersion: \"1\"")]);
        var chat = AzureModelLifecycle.Of(plan, TableDay).Single(d => d.Model == "gpt-5.1");
        Assert.Multiple(() =>
        {
            Assert.That(chat.Status, Is.EqualTo(ModelLifecycleStatus.Deprecated), "deprecated on 2026-11-13: no new customers");
            Assert.That(chat.Message, Does.Contain("az cognitiveservices account deployment create -g <resource-group> -n <an Azure OpenAI account in eastus2> " +
                "--deployment-name drkit-version-test --model-name gpt-5.1 --model-version 2025-11-13 --model-format OpenAI --sku-name DataZoneStandard --sku-capacity 1"),
                "the exact call that proves the subscription may still deploy it");
            Assert.That(chat.Message, Does.Contain("az cognitiveservices account deployment delete"), "and the clean-up");
        });
    }

    [Test]
    public void Decide_ChatUpgradesOnlyAtRetirement_EmbeddingsNever()
    {
        var plan = Chains.Plan([Primary(), Azure("azure", "eastus2")]);
        var deployments = AzureOpenAiDeployments.Decide(plan.Stack, "llm", plan.Chain()).Single().Deployments;
        Assert.Multiple(() =>
        {
            Assert.That(deployments[0].VersionUpgradeOption, Is.EqualTo("OnceCurrentVersionExpired"), "a chat fallback keeps serving past its version's retirement");
            Assert.That(deployments[1].VersionUpgradeOption, Is.EqualTo("NoAutoUpgrade"), "a new embedding version may change the vector space");
        });
    }
}
