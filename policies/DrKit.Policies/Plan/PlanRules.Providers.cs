using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Core.Providers;

namespace DrKit.Policies.Plan;

internal static partial class PlanRules
{
    /// <summary>The seeds' worst outage: a fallback whose embeddings do not fit the index returns nonsense for hours.</summary>
    private static IEnumerable<Violation> ProviderFailoverKeepsRetrieval(DrPlan plan) =>
        Rungs(plan).Where(x => x.Verdict.Status == RungStatus.BreaksRetrieval || x.Verdict.Retrieval is RetrievalImpact.Breaks or RetrievalImpact.NoEmbeddings)
            .Select(x => new Violation($"{x.Component.Name}/{x.Verdict.Rung}", $"retrieval would break on failover to {x.Verdict.Rung}: {x.Verdict.RetrievalNote}", x.Component.Tier));

    /// <summary>A switch moves users' prompts to wherever the rung processes them: outside the stack's jurisdictions is a
    /// compliance breach the moment <c>switch-model</c> or <c>failover</c> takes that rung (<see cref="RungJurisdiction"/>).</summary>
    private static IEnumerable<Violation> ProviderRungsInJurisdiction(DrPlan plan) =>
        plan.Components.Where(c => c.Settings is ModelProviderSettings).SelectMany(c => ((ModelProviderSettings)c.Settings).Providers
            .Select(r => (Rung: r, Why: RungJurisdiction.Outside(r, plan.Policy.Jurisdictions))).Where(x => x.Why is not null)
            .Select(x => new Violation($"{c.Name}/{x.Rung.Name}", x.Why!, c.Tier)));

    private static IEnumerable<Violation> ProviderFallbackDegraded(DrPlan plan) =>
        Rungs(plan).Where(x => x.Verdict.Degradations.Count > 0)
            .Select(x => new Violation($"{x.Component.Name}/{x.Verdict.Rung}", $"failover to {x.Verdict.Rung} is degraded: {string.Join("; ", x.Verdict.Degradations)}", x.Component.Tier));

    /// <summary>Same provider and location (or one hosted platform): no protection. One shared Azure processing pool
    /// (GlobalStandard, or DataZoneStandard in one zone): distinct regions that may share a capacity incident.</summary>
    private static IEnumerable<Violation> ProviderRungsDistinct(DrPlan plan) =>
        Rungs(plan).Where(x => x.Verdict.SameAs is not null || x.Verdict.SharesPoolWith is not null)
            .Select(x => new Violation($"{x.Component.Name}/{x.Verdict.Rung}", x.Verdict.SameAs is { } same
                ? $"{x.Verdict.Rung} shares provider and region with {same}: no protection against that provider's outage"
                : $"{x.Verdict.Rung} and {x.Verdict.SharesPoolWith} draw on one Azure processing pool ({ProviderChain.SharedPool(((ModelProviderSettings)x.Component.Settings).Providers[x.Verdict.Position])}): they survive each other's regional interruption but may share a model-capacity incident", x.Component.Tier));

    /// <summary>A deployment beyond the subscription's default quota fails at deploy time, in the fallback region, unnoticed until then.</summary>
    private static IEnumerable<Violation> AzureOpenAiQuotaFits(DrPlan plan) =>
        AzureOpenAiQuota.Use(plan).Where(u => u.ExceedsDefault)
            .Select(u => new Violation($"{u.Location}/{u.Model}/{u.Sku}",
                $"{string.Join(", ", u.Rungs)} deploy {u.Capacity}K TPM of {u.Model} ({u.Sku}) in {u.Location}; the default quota is {u.DefaultQuota}K TPM per subscription"));

    /// <summary>Without a version, Azure deploys whatever is its default that day: the fallback differs per location and per
    /// redeploy from the one the plan judged (https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-versions).</summary>
    private static IEnumerable<Violation> AzureOpenAiVersionPinned(DrPlan plan) =>
        plan.Components.Where(c => c.Settings is ModelProviderSettings).SelectMany(c => AzureOpenAiDeployments.Unpinned((ModelProviderSettings)c.Settings)
            .Select(d => new Violation($"{c.Name}/{d[..d.IndexOf(':', StringComparison.Ordinal)]}",
                $"{d} names no model version: Azure deploys its default of the day, and the fallback can differ from the one the plan judged", c.Tier)));

    /// <summary>A retired version's deployment answers with errors: the fallback is dead before the outage it is for
    /// (<see cref="AzureModelLifecycle"/>). Judged on the day the check runs; <paramref name="retired"/> picks the
    /// mandatory half (retired) or the advisory one (deprecated, retiring inside the posture window, unknown).</summary>
    private static IEnumerable<Violation> AzureOpenAiVersions(DrPlan plan, PolicyContext context, bool retired)
    {
        var tiers = plan.Components.ToDictionary(c => c.Name, c => c.Tier, StringComparer.Ordinal);
        return AzureModelLifecycle.Of(plan, DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime))
            .Where(d => retired ? d.Status == ModelLifecycleStatus.Retired : d.Status is ModelLifecycleStatus.Deprecated or ModelLifecycleStatus.Retiring or ModelLifecycleStatus.Unknown)
            .Select(d => new Violation($"{d.Component}/{d.Rung}", $"{d.Rung}: {d.Message}", tiers[d.Component]));
    }

    private static IEnumerable<(ComponentPlan Component, RungVerdict Verdict)> Rungs(DrPlan plan) =>
        plan.Components.Where(c => c.Settings is ModelProviderSettings).SelectMany(c => ((ModelProviderSettings)c.Settings).Verdicts.Select(v => (c, v)));

}
