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
    /// Failback: the writer is the re-seeded instance in the primary region. The stack declares neither that instance nor a
    /// fence of the recovery writer, so only the writer region is noted; docs/operations.md says what the stack must adopt.
    /// </summary>
    public static RdsRecords Failback(string component, string primaryRegion) => new(null,
        new Dictionary<string, string>(StringComparer.Ordinal) { [OpsConfig.WriterRegion(component)] = primaryRegion });
}
