using DrKit.Core.Objectives;

namespace DrKit.Core.Estimation;

/// <summary>Adds up an RTO or RPO term by term and keeps each term's reason, so a plan shows its arithmetic.</summary>
internal sealed class Derivation(string label)
{
    private readonly List<(string Name, TimeSpan Value, string Why)> _terms = [];

    public TimeSpan Total => _terms.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Value);

    public Derivation Add(string name, TimeSpan value, string why)
    {
        _terms.Add((name, value, why));
        return this;
    }

    public string Explain()
    {
        if (_terms.Count == 0)
        {
            return $"{label} = 0s";
        }

        var parts = string.Join("; ", _terms.Select(t => $"{t.Name} {DurationText.Format(t.Value)} ({t.Why})"));
        return _terms.Count == 1 ? $"{label} = {parts}" : $"{label} = {DurationText.Format(Total)}: {parts}";
    }
}
