using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Azure;

/// <summary>Where one pinned model version stands on a given day.</summary>
public enum ModelLifecycleStatus
{
    /// <summary>Generally available, not deprecated, no retirement inside the window.</summary>
    Current,

    /// <summary>The version is not in DrKit's table: nothing is known of its retirement.</summary>
    Unknown,

    /// <summary>Past its deprecation date: existing deployments serve, subscriptions without one may no longer deploy it.</summary>
    Deprecated,

    /// <summary>Retires (or may retire) inside the window.</summary>
    Retiring,

    /// <summary>Retired: every deployment of it answers with errors.</summary>
    Retired,
}

/// <summary>One row of Microsoft's retirement table: a model version, the day it stops taking new customers and the day it retires.</summary>
/// <param name="Deprecation">No new customers from this day; null when the table says n/a.</param>
/// <param name="Retirement">Deployments of this version answer with errors from this day; null when none is scheduled.</param>
/// <param name="NotBefore">"Will not retire before": the earliest day a retirement may be scheduled for; null when a date is set.</param>
public sealed record ModelLifecycle(string Model, string Version, DateOnly? Deprecation, DateOnly? Retirement, DateOnly? NotBefore = null)
{
    /// <summary>An earlier retirement of the Standard (regional) deployment type, where the table gives one.</summary>
    public DateOnly? StandardRetirement { get; init; }

    /// <summary>The retirement that applies to a deployment of type <paramref name="sku"/>.</summary>
    public DateOnly? RetirementFor(string sku) => sku == nameof(DrKit.Core.Model.AzureDeploymentSku.Standard) && StandardRetirement is { } s ? s : Retirement;
}

/// <summary>The lifecycle of one deployment of a chain's Azure rung on the judged day.</summary>
public sealed record DeploymentLifecycle(string Component, string Rung, string Model, string Version, string Sku, ModelLifecycleStatus Status, string Message);

/// <summary>
/// Azure OpenAI model versions and their retirement, transcribed on 2026-11-30 from Microsoft's model retirement table
/// (<see cref="Source"/>; source text: MicrosoftDocs/azure-ai-docs articles/foundry/openai/includes/retirement/models.md).
/// A retired version "always returns error responses", so a fallback pinned to one is dead until the stack moves it;
/// a deprecated one keeps serving existing deployments but takes no new customers. The table is data with a date: a row
/// missing here is reported as unknown, never as current.
/// </summary>
public static class AzureModelLifecycle
{
    public const string Source = "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements";

    /// <summary>The day the table below was read from <see cref="Source"/>.</summary>
    public static readonly DateOnly ReadOn = new(2026, 11, 30);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    public static readonly IReadOnlyList<ModelLifecycle> Table =
    [
        new("gpt-4o", "2024-05-13", D(2025, 5, 13), D(2026, 10, 1)) { StandardRetirement = D(2026, 3, 31) },
        new("gpt-4o", "2024-08-06", D(2025, 8, 6), D(2026, 10, 1)) { StandardRetirement = D(2026, 3, 31) },
        new("gpt-4o", "2024-11-20", D(2025, 11, 20), D(2026, 10, 1)),
        new("gpt-4o-mini", "2024-07-18", D(2025, 7, 18), D(2026, 10, 1)) { StandardRetirement = D(2026, 3, 31) },
        new("gpt-4.1", "2025-04-14", D(2026, 4, 14), D(2026, 10, 14)),
        new("gpt-4.1-mini", "2025-04-14", D(2026, 4, 14), D(2026, 10, 14)),
        new("gpt-4.1-nano", "2025-04-14", D(2026, 4, 14), D(2026, 10, 14)),
        new("o1", "2024-12-17", D(2025, 12, 17), D(2026, 7, 15)),
        new("o3-mini", "2025-01-31", D(2026, 1, 31), D(2026, 8, 2)),
        new("o3", "2025-04-16", D(2026, 4, 16), D(2026, 10, 16)),
        new("o4-mini", "2025-04-16", D(2026, 4, 16), D(2026, 10, 16)),
        new("gpt-5", "2025-08-07", D(2026, 8, 7), D(2027, 2, 6)),
        new("gpt-5-mini", "2025-08-07", D(2026, 8, 7), D(2027, 2, 6)),
        new("gpt-5-nano", "2025-08-07", D(2026, 8, 7), D(2027, 2, 6)),
        new("gpt-5.1", "2025-11-13", D(2026, 11, 13), D(2027, 5, 15)),
        new("gpt-5.2", "2025-12-11", D(2026, 6, 12), D(2026, 12, 12)),
        new("gpt-5.4", "2026-03-05", D(2026, 9, 5), D(2027, 3, 5)),
        new("gpt-5.4-mini", "2026-03-17", D(2026, 9, 18), D(2027, 3, 18)),
        new("gpt-5.4-nano", "2026-03-17", D(2026, 9, 18), D(2027, 3, 18)),
        new("gpt-5.5", "2026-04-24", D(2026, 10, 24), D(2027, 4, 24)),
        new("text-embedding-3-large", "1", null, null, D(2027, 4, 15)),
        new("text-embedding-3-small", "1", null, null, D(2027, 4, 15)),
        new("text-embedding-ada-002", "2", null, null, D(2027, 4, 15)),
        new("text-embedding-ada-002", "1", null, null, D(2027, 4, 15)),
    ];

    public static ModelLifecycle? Find(string model, string version) =>
        Table.FirstOrDefault(r => string.Equals(r.Model, model, StringComparison.OrdinalIgnoreCase) && r.Version == version);

    /// <summary>Where a deployment of <paramref name="model"/> <paramref name="version"/> (type <paramref name="sku"/>)
    /// stands on <paramref name="day"/>, looking <paramref name="window"/> ahead for a retirement, with the reason in words.</summary>
    public static (ModelLifecycleStatus Status, string Why) Judge(string model, string version, string sku, DateOnly day, TimeSpan window)
    {
        if (Find(model, version) is not { } row)
        {
            return (ModelLifecycleStatus.Unknown, $"{model} {version} is not in DrKit's copy of the retirement table (read {ReadOn:yyyy-MM-dd}); check it at {Source}");
        }

        var horizon = day.AddDays((int)Math.Ceiling(window.TotalDays));
        if (row.RetirementFor(sku) is { } retired)
        {
            if (retired <= day)
            {
                return (ModelLifecycleStatus.Retired, $"{model} {version} ({sku}) retired on {retired:yyyy-MM-dd}: its deployments answer every request with an error ({Source})");
            }

            if (retired <= horizon)
            {
                return (ModelLifecycleStatus.Retiring, $"{model} {version} ({sku}) retires on {retired:yyyy-MM-dd}, inside the {(horizon.DayNumber - day.DayNumber)}-day posture window ({Source})");
            }
        }
        else if (row.NotBefore is { } earliest && earliest <= horizon)
        {
            return (ModelLifecycleStatus.Retiring, $"{model} {version} may retire from {earliest:yyyy-MM-dd}, inside the posture window ({Source})");
        }

        return row.Deprecation is { } deprecated && deprecated <= day
            ? (ModelLifecycleStatus.Deprecated, $"{model} {version} is deprecated since {deprecated:yyyy-MM-dd}: existing deployments serve until {row.RetirementFor(sku):yyyy-MM-dd}, but a subscription without one may not deploy it ({Source})")
            : (ModelLifecycleStatus.Current, $"{model} {version} is current{(row.RetirementFor(sku) is { } r ? $" until {r:yyyy-MM-dd}" : string.Empty)}");
    }

    /// <summary>
    /// The Azure CLI calls that prove, before a first <c>up</c>, that the subscription may still create a deployment of a
    /// deprecated version ("no new customers"): one deployment of capacity 1 in any Azure OpenAI account of the same
    /// subscription and location, then its deletion
    /// (https://learn.microsoft.com/cli/azure/cognitiveservices/account/deployment).
    /// </summary>
    public static string TestCommand(AzureModelDeployment deployment, AzureOpenAiAccount account)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(account);
        var target = $"-g <resource-group> -n <an Azure OpenAI account in {account.Location}> --deployment-name drkit-version-test";
        return $"'az cognitiveservices account deployment create {target} --model-name {deployment.Model} --model-version {deployment.Version} " +
            $"--model-format OpenAI --sku-name {deployment.Sku} --sku-capacity 1', then 'az cognitiveservices account deployment delete {target}'";
    }

    /// <summary>Every pinned deployment of the plan's Azure rungs, judged on <paramref name="day"/> (unpinned ones are
    /// the <c>azure-openai-version-pinned</c> rule's).</summary>
    public static IReadOnlyList<DeploymentLifecycle> Of(DrPlan plan, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return AzureOpenAiDeployments.DecideAll(plan).SelectMany(c => c.Value.SelectMany(a => a.Deployments.Where(d => d.Version is not null).Select(d =>
        {
            var (status, why) = Judge(d.Model, d.Version!, d.Sku, day, plan.Policy.PostureWindow);
            return new DeploymentLifecycle(c.Key, a.Rung, d.Model, d.Version!, d.Sku, status,
                status == ModelLifecycleStatus.Deprecated ? $"{why}. Before the first up, test that this subscription may still deploy it: {TestCommand(d, a)}" : why);
        }))).ToList();
    }
}
