namespace DrKit.Core.Planning;

/// <summary>Where an estimate's term comes from; a plan never states an assumption with a source's confidence.</summary>
public enum TermBasis
{
    /// <summary>A published figure (provider documentation, the AWS DR whitepaper, the DR seed articles), cited.</summary>
    Sourced,

    /// <summary>DrKit's working assumption: no published figure exists; drills exist to check it.</summary>
    Assumed,

    /// <summary>The stack's own setting (or DrKit's default for it), named by its key.</summary>
    Configured,

    /// <summary>Measured by a drill of this stack and used instead of the assumption (<c>drkit:estimates.calibration: measured</c>).</summary>
    Measured,
}

/// <summary>
/// One term of an RPO or RTO: its typical and worst value, and where it comes from.
/// </summary>
/// <param name="Measure">"RTO" or "RPO".</param>
/// <param name="Name">Short label (detection, decision, promote, lag...).</param>
/// <param name="Typical">What it usually takes.</param>
/// <param name="Worst">What it can take at worst; null when nothing bounds it (see <see cref="UnboundedBecause"/>).</param>
/// <param name="Basis">Sourced, assumed, configured or measured.</param>
/// <param name="Source">The source's URL or name, the assumption's note, the config key, or the drill.</param>
/// <param name="Why">What the term stands for in this component.</param>
public sealed record EstimateTerm(string Measure, string Name, TimeSpan Typical, TimeSpan? Worst, TermBasis Basis, string Source, string Why)
{
    /// <summary>The failover step (<c>DrKit.Failover.FailoverSteps</c>) the term is spent in, or null outside the failover program.</summary>
    public string? Step { get; init; }

    /// <summary>Why no worst case can be given, when <see cref="Worst"/> is null.</summary>
    public string? UnboundedBecause { get; init; }

    /// <summary>What a drill of this stack measured for the same step, shown beside the assumption: "measured in drill on 2026-11-02: 4m10s".</summary>
    public string? Measured { get; init; }
}
