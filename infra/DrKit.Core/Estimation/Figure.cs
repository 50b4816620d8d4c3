using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>A figure an estimate rests on: typical and worst value, and its basis with the source or note.</summary>
internal sealed record Figure(TimeSpan Typical, TimeSpan? Worst, TermBasis Basis, string Source)
{
    /// <summary>Why there is no worst case, when <see cref="Worst"/> is null.</summary>
    public string? UnboundedBecause { get; init; }

    public static Figure Sourced(TimeSpan typical, string source, TimeSpan? worst = null) => new(typical, worst ?? typical, TermBasis.Sourced, source);

    public static Figure Assumed(TimeSpan typical, TimeSpan? worst = null, string note = Sources.DrKitAssumption) => new(typical, worst ?? typical, TermBasis.Assumed, note);

    /// <summary>A stack setting (or its default), named by the key that sets it.</summary>
    public static Figure Configured(TimeSpan value, string key, TimeSpan? worst = null) => new(value, worst ?? value, TermBasis.Configured, key);

    public static Figure Unbounded(TimeSpan typical, TermBasis basis, string source, string because) => new(typical, null, basis, source) { UnboundedBecause = because };

    /// <summary>A throughput figure applied to an amount (GB, vectors): both ends scale with it.</summary>
    public Figure Scaled(double factor) => this with
    {
        Typical = Round(Typical * factor),
        Worst = Worst is { } w ? Round(w * factor) : null,
    };

    /// <summary>The same figure with no worst case.</summary>
    public Figure WithoutBound(string because) => this with { Worst = null, UnboundedBecause = because };

    private static TimeSpan Round(TimeSpan t) => TimeSpan.FromSeconds(Math.Ceiling(t.TotalSeconds));
}
