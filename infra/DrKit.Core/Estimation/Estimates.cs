using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>Turns derivations into an <see cref="Estimate"/>: worst case where bounded, typical beside it, every term kept.</summary>
internal static class Estimates
{
    public static Estimate Of(Derivation? rpo, Derivation rto, IEnumerable<string> caveats)
    {
        List<string> reasoning = rpo is null ? [rto.Explain()] : [rpo.Explain(), rto.Explain()];
        return new Estimate(
            rpo is null ? null : rpo.Worst ?? rpo.Typical,
            rto.Worst ?? rto.Typical,
            rpo is null || rpo.Worst is not null,
            rto.Worst is not null,
            reasoning,
            [.. caveats])
        {
            RpoTypical = rpo?.Typical,
            RtoTypical = rto.Typical,
            RpoUnbounded = rpo?.Unbounded,
            RtoUnbounded = rto.Unbounded,
            Terms = [.. (rpo?.Terms ?? []), .. rto.Terms],
        };
    }
}
