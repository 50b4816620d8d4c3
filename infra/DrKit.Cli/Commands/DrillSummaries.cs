using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Drills.Reports;
using PolicyDrillHistory = DrKit.Policies.Plan.DrillHistory;

namespace DrKit.Cli.Commands;

/// <summary>
/// A stack's drill history as readiness and runbooks use it: recency and results through the policy pack's lenient
/// reader (local and cloud drills alike), and the newest drill's measured tiers where its record carries them.
/// </summary>
internal static class DrillSummaries
{
    public static async Task<DrillSummary> ReadAsync(DrPlan plan, CancellationToken ct)
    {
        if (plan.Policy.DrillHistory is not { } relative)
        {
            return DrillSummary.None;
        }

        var root = StackLocator.ProjectRoot(Path.GetDirectoryName(Path.GetFullPath(plan.Source)) ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
        {
            return new DrillSummary(true, relative, null, null, []);
        }

        var records = PolicyDrillHistory.Read(path).Records.Where(r => string.Equals(r.Stack, plan.Stack, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.FinishedAt).ToList();
        var last = records.LastOrDefault();
        var success = records.LastOrDefault(r => r.Succeeded);
        var newest = (await new DrillHistory(path).ReadAsync(ct).ConfigureAwait(false))
            .Where(r => string.Equals(r.Spec?.StackName, plan.Stack, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.FinishedAt)
            .LastOrDefault();
        var tiers = newest?.Tiers.Select(t => new DrillTierMeasure(t.Tier, t.Rto, t.RpoSeconds, t.Targets.Rto, t.Targets.Rpo)).ToList() ?? [];
        return new DrillSummary(true, relative, last is null ? null : (last.FinishedAt, last.Succeeded), success?.FinishedAt, tiers);
    }
}
