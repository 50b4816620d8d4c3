namespace DrKit.Failover;

/// <summary>Where each data tier ended up after undoing a failed fence or promotion.</summary>
/// <param name="Unchanged">Tiers whose old primary nothing could reach or unfence and that their service still reports as primary (a Global Datastore, which has no fence).</param>
internal sealed record RollbackReport(
    IReadOnlyList<string> Restored,
    IReadOnlyList<string> Promoted,
    IReadOnlyList<string> NoPrimary,
    IReadOnlyList<string> Unknown,
    IReadOnlyList<string> Unchanged)
{
    /// <summary>Tiers whose service still lists the old primary while this run could not reach its region: no writer is known to serve.</summary>
    public IReadOnlyList<string> Stranded { get; init; } = [];

    public bool FullyRestored => Promoted.Count == 0 && NoPrimary.Count == 0 && Unknown.Count == 0 && Stranded.Count == 0;

    public string Describe()
    {
        var parts = new List<string>();
        Add("old primary unfenced", Restored);
        Add("primary kept, as its service reports", Unchanged);
        Add("old primary listed but its region unreachable", Stranded);
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
