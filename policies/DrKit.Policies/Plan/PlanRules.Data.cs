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
