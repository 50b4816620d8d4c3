using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>
/// Adds up an RTO or RPO term by term, typical and worst case apart, and keeps each term's basis and reason, so a plan
/// shows its arithmetic and which of it is sourced, assumed, configured or measured.
/// </summary>
internal sealed class Derivation(string label)
{
    private readonly List<EstimateTerm> _terms = [];

    public string Label => label;

    public IReadOnlyList<EstimateTerm> Terms => _terms;

    public TimeSpan Typical => _terms.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Typical);

    /// <summary>The worst case, or null when a term has none.</summary>
    public TimeSpan? Worst => _terms.Any(t => t.Worst is null) ? null : _terms.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Worst!.Value);

    /// <summary>Why the worst case is unbounded, from the first term without one.</summary>
    public string? Unbounded => _terms.FirstOrDefault(t => t.Worst is null) is { } t ? $"{t.Name}: {t.UnboundedBecause}" : null;

    public Derivation Add(string name, Figure figure, string why, string? step = null)
    {
        _terms.Add(new EstimateTerm(label, name, figure.Typical, figure.Worst, figure.Basis, figure.Source, why)
        {
            Step = step,
            UnboundedBecause = figure.Worst is null ? figure.UnboundedBecause ?? "no bound is known" : null,
        });
        return this;
    }

    /// <summary>Adds terms composed elsewhere (the failover timeline), relabelled for this measure.</summary>
    public Derivation AddRange(IEnumerable<EstimateTerm> terms)
    {
        _terms.AddRange(terms.Select(t => t with { Measure = label }));
        return this;
    }

    public string Explain()
    {
        if (_terms.Count == 0)
        {
            return $"{label} = 0s";
        }

        var parts = string.Join("; ", _terms.Select(Describe));
        return $"{label} = {Range(Typical, Worst)}: {parts}";
    }

    /// <summary>"5m" when both ends agree, "5m-20m" otherwise, "5m-unbounded" without a worst case.</summary>
    public static string Range(TimeSpan typical, TimeSpan? worst) =>
        worst is not { } w ? $"{DurationText.Format(typical)}-unbounded" : w == typical ? DurationText.Format(typical) : $"{DurationText.Format(typical)}-{DurationText.Format(w)}";

    public static string Describe(EstimateTerm t) =>
        $"{t.Name} {Range(t.Typical, t.Worst)} ({t.Why}; {Basis(t)}{(t.Measured is { } m ? "; " + m : string.Empty)})";

    public static string Basis(EstimateTerm t) => t.Basis switch
    {
        TermBasis.Sourced => $"sourced: {t.Source}",
        TermBasis.Configured => $"configured: {t.Source}",
        TermBasis.Measured => $"measured: {t.Source}",
        _ => $"assumed: {t.Source}",
    } + (t.Worst is null ? $"; worst unbounded: {t.UnboundedBecause}" : string.Empty);
}
