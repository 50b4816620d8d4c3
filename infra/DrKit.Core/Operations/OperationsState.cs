namespace DrKit.Core.Operations;

public enum DrillMode
{
    /// <summary>Recover from backups and snapshots.</summary>
    Restore,

    /// <summary>Recover by promoting a cross-region replica of the source.</summary>
    Promote,
}

/// <summary>Drill-stack settings: how, from which stack and into which region the drill recovers.</summary>
public sealed record DrillRequest(DrillMode Mode, string SourceStack, string? Region);

/// <summary>
/// What DR operations asked of a stack through its <c>drkit-ops:*</c> config, validated against the stack's plan.
/// Per-component maps hold only the keys that were set; an absent key means the normal state.
/// </summary>
public sealed record OperationsState(
    IReadOnlyDictionary<string, bool> Fence,
    IReadOnlyDictionary<string, bool> Promote,
    IReadOnlyDictionary<string, string> WriterRegion,
    int? RecoveryRunning,
    string? TrafficActiveRegion,
    int? TrafficPercent,
    DrillRequest? Drill,
    bool Ephemeral,
    DateTimeOffset? Ttl,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>No operation keys set: the stack as planned.</summary>
    public static OperationsState None { get; } = new(
        new Dictionary<string, bool>(StringComparer.Ordinal),
        new Dictionary<string, bool>(StringComparer.Ordinal),
        new Dictionary<string, string>(StringComparer.Ordinal),
        null,
        null,
        null,
        null,
        false,
        null,
        new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// RDS PostgreSQL components whose primary-region writer is an instance a failback re-seeded and promoted, by its
    /// identifier: the stack declares (imports) that instance as its writer and a new replica of it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Adopt { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// RDS PostgreSQL components whose adopted writer is imported (<c>adopted.&lt;c&gt;=true</c>): the up that imported it had
    /// to declare the final-snapshot fields as the importer reads them; from now on the stack declares its own.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Adopted { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary><c>component.region</c> -> the incarnation of a CloudNativePG member the operator recorded after rebuilding
    /// it (<see cref="OperationsKeys.ArchiveGenerationPrefix"/>); absent: the first, 0.</summary>
    public IReadOnlyDictionary<string, int> ArchiveGenerations { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public int ArchiveGeneration(string component, string region) => ArchiveGenerations.GetValueOrDefault($"{component}.{region}");

    public bool IsFenced(string component) => Fence.TryGetValue(component, out var fenced) && fenced;

    public bool IsPromoted(string component) => Promote.TryGetValue(component, out var promoted) && promoted;
}
