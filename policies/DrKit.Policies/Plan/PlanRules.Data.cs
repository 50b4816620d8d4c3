using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Policies.Plan;

internal static partial class PlanRules
{
    private static IEnumerable<Violation> PitrRetention(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            // Plans written before the window was recorded carry no declared window: nothing to compare with.
            if (c.Settings is not PostgresSettings pg || pg.PitrWindowDays is not { } window)
            {
                continue;
            }

            var gaps = new List<string>();
            if (pg.Engine == PostgresEngine.Rds && pg.BackupRetentionDays < window)
            {
                gaps.Add($"RDS keeps automated backups {pg.BackupRetentionDays}d, shorter than pitrWindow {window}d (RDS allows at most 35d)");
            }

            if (pg.WalArchive.ExpireAfterDays is { } expire && expire < window)
            {
                gaps.Add($"the WAL archive expires objects after {expire}d, before the {window}d pitrWindow");
            }

            if (gaps.Count > 0)
            {
                yield return new Violation(c.Name, string.Join("; ", gaps), c.Tier);
            }
        }
    }

    /// <summary>
    /// After a failover related components come back at their own recovery points; the gap between them (a vector index
    /// behind the rows it indexes) is data the application sees as inconsistent, so it may be no larger than either's RPO allows.
    /// </summary>
    private static IEnumerable<Violation> RelatedRecoveryPoints(DrPlan plan)
    {
        foreach (var gap in plan.RecoveryPoints)
        {
            var targets = new[] { plan.Component(gap.Component), plan.Component(gap.RelatedTo) }.Select(c => c?.Target.Rpo).OfType<TimeSpan>().ToList();
            if (targets.Count == 0)
            {
                continue;
            }

            var allowed = targets.Min();
            var tier = plan.Component(gap.Component)?.Tier ?? Tier.Standard;
            if (gap.WorstBehind is not { } worst)
            {
                yield return new Violation(gap.Component, $"can trail {gap.RelatedTo} by {F(gap.TypicalBehind)} typically and without bound at worst (the tighter RPO target is {F(allowed)}): {gap.Why}", tier);
            }
            else if (worst > allowed)
            {
                yield return new Violation(gap.Component, $"can trail {gap.RelatedTo} by up to {F(worst)}, beyond the tighter RPO target {F(allowed)}: {gap.Why}", tier);
            }
        }
    }

    private static IEnumerable<Violation> ImmutableBackups(DrPlan plan)
    {
        foreach (var c in plan.Components.Where(c => c.Tier == Tier.Critical))
        {
            // Only components whose backups live in S3 can be locked; caches and DynamoDB have no Object Lock.
            var (what, bucket) = c.Settings switch
            {
                PostgresSettings pg => ("WAL archive", pg.WalArchive),
                VectorIndexSettings v => ("index store", v.Store),
                BucketSettings b => ("bucket", b),
                _ => (string.Empty, (BucketSettings?)null),
            };
            if (bucket is { ObjectLock: false })
            {
                yield return new Violation(c.Name, $"critical {Names.Of(c.Kind)} keeps its {what} without Object Lock: a compromised account can delete every backup", c.Tier);
            }
        }
    }
}
