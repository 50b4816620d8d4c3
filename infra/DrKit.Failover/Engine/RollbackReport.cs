namespace DrKit.Failover;

/// <summary>Where each data tier ended up after undoing a failed fence or promotion.</summary>
internal sealed record RollbackReport(
    IReadOnlyList<string> Restored,
    IReadOnlyList<string> Promoted,
    IReadOnlyList<string> NoPrimary,
    IReadOnlyList<string> Unknown)
{
    public bool FullyRestored => Promoted.Count == 0 && NoPrimary.Count == 0 && Unknown.Count == 0;

    public string Describe()
    {
        var parts = new List<string>();
        Add("old primary unfenced", Restored);
        Add("replica already promoted", Promoted);
        Add("NO PRIMARY SERVING", NoPrimary);
        Add("promotion state unknown, old primary kept fenced", Unknown);
        return string.Join("; ", parts);

        void Add(string label, IReadOnlyList<string> tiers)
        {
            if (tiers.Count > 0)
            {
                parts.Add($"{label}: {string.Join(", ", tiers)}");
            }
        }
    }
}
