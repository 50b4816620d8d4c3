namespace DrKit.Drills.Running;

/// <summary>Thread-safe event log of one drill; every entry is stamped with the drill's clock.</summary>
internal sealed class DrillTimeline(TimeProvider time, Action<DrillEvent>? onEvent = null)
{
    private readonly Lock _gate = new();
    private readonly List<DrillEvent> _events = [];

    public TimeProvider Time => time;

    public DrillEvent Add(string kind, string name, string detail = "", DateTimeOffset? at = null)
    {
        var e = new DrillEvent(at ?? time.GetUtcNow(), kind, name, detail);
        lock (_gate)
        {
            _events.Add(e);
        }

        onEvent?.Invoke(e);
        return e;
    }

    public IReadOnlyList<DrillEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events.OrderBy(e => e.At)];
        }
    }
}
