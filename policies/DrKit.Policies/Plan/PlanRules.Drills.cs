using DrKit.Core.Planning;

namespace DrKit.Policies.Plan;

internal static partial class PlanRules
{
    private static IEnumerable<Violation> DrillRecency(DrPlan plan, PolicyContext context)
    {
        var subject = $"stack {plan.Stack}";
        if (plan.Policy.DrillHistory is not { } relative)
        {
            yield return new Violation(subject, "no drill history is configured (drkit:policy.drillHistory), so no drill can be shown to have succeeded");
            yield break;
        }

        var path = Path.Combine(context.RootFor(plan.Source), relative);
        if (!File.Exists(path))
        {
            yield return new Violation(subject, $"no drill history at {relative}: this stack has never been drilled here");
            yield break;
        }

        DrillHistoryRead history;
        try
        {
            history = DrillHistory.Read(path);
        }
        catch (IOException e)
        {
            history = new DrillHistoryRead([], 0);
            subject += $" ({e.Message})";
        }

        var unreadable = history.UnreadableLines > 0 ? $" ({history.UnreadableLines} unreadable line{(history.UnreadableLines == 1 ? string.Empty : "s")} skipped)" : string.Empty;
        var last = history.Records
            .Where(r => r.Succeeded && string.Equals(r.Stack, plan.Stack, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.FinishedAt)
            .FirstOrDefault();
        if (last is null)
        {
            yield return new Violation(subject, $"{relative} records no successful drill of {plan.Stack}{unreadable}");
            yield break;
        }

        var age = context.Time.GetUtcNow() - last.FinishedAt;
        var shown = age >= TimeSpan.FromDays(1) ? TimeSpan.FromDays(Math.Floor(age.TotalDays)) : TimeSpan.FromMinutes(Math.Floor(age.TotalMinutes));
        if (age > plan.Policy.DrillMaxAge)
        {
            yield return new Violation(subject, $"the last successful drill finished {last.FinishedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z, {F(shown)} ago, older than drillMaxAge {F(plan.Policy.DrillMaxAge)}{unreadable}");
        }
    }
}
