using DrKit.Operations.Contract;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>What the stack's <c>drkit-ops</c> config records when an RDS promoter fences and promotes.</summary>
/// <param name="FenceKey">Key set true on a fence and false on an unfence; null when the stack has no key for that instance.</param>
/// <param name="Promoted">Values recorded once the replica is a writer.</param>
public sealed record RdsRecords(string? FenceKey, IReadOnlyDictionary<string, string> Promoted)
{
    /// <summary>Failover: the primary fenced, the recovery replica promoted (the next up declares it a writer).</summary>
    public static RdsRecords Failover(string component) => new(OpsConfig.Fence(component),
        new Dictionary<string, string>(StringComparer.Ordinal) { [OpsConfig.Promote(component)] = OpsConfig.Text(true) });

    /// <summary>
    /// Failback: the writer is <paramref name="reseeded"/>, the instance re-seeded and promoted in the primary region. The
    /// stack is told to adopt it (<c>adopt.&lt;c&gt;</c>, which the program declares as its primary-region writer, imported,
    /// with a new replica of it in the recovery region) and the failed-over world is cleared in the same write: no fence
    /// and no promotion, since the instances those keys shaped (the old primary, the old recovery writer) are no longer
    /// declared and the next <c>up</c> deletes them with final snapshots. Until that <c>up</c> nothing redeclares the old
    /// recovery writer, so no refresh can give it its client groups back beside the adopted writer.
    /// </summary>
    public static RdsRecords Failback(string component, string primaryRegion, string reseeded) => new(null,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OpsConfig.Adopt(component)] = reseeded,
            // A new writer starts at the importing phase, whatever an earlier failback's adoption reached.
            [OpsConfig.Adopted(component)] = OpsConfig.Text(false),
            [OpsConfig.Promote(component)] = OpsConfig.Text(false),
            [OpsConfig.Fence(component)] = OpsConfig.Text(false),
            [OpsConfig.WriterRegion(component)] = primaryRegion,
        });
}
