namespace DrKit.Drills.Workload;

/// <summary>One write the server acknowledged.</summary>
/// <param name="Seq">Sequence number, unique per workload.</param>
/// <param name="AckedAt">When the acknowledgement reached the workload.</param>
/// <param name="Region">Region the router pointed at when the write was sent.</param>
/// <param name="RouteVersion">Router version the write was sent under.</param>
public sealed record AckedWrite(long Seq, DateTimeOffset AckedAt, string Region, int RouteVersion);

/// <summary>The in-memory record of acknowledged writes: the ground truth RPO and restores are checked against.</summary>
public sealed class AckLog
{
    private readonly Lock _gate = new();
    private readonly List<AckedWrite> _writes = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _writes.Count;
            }
        }
    }

    public void Add(AckedWrite write)
    {
        lock (_gate)
        {
            _writes.Add(write);
        }
    }

    /// <summary>All acknowledged writes in acknowledgement order.</summary>
    public IReadOnlyList<AckedWrite> Snapshot()
    {
        lock (_gate)
        {
            return [.. _writes];
        }
    }

    /// <summary>Writes acknowledged at or before <paramref name="time"/>.</summary>
    public IReadOnlyList<AckedWrite> UpTo(DateTimeOffset time)
    {
        lock (_gate)
        {
            return [.. _writes.Where(w => w.AckedAt <= time)];
        }
    }

    /// <summary>The first write acknowledged under router version <paramref name="version"/> or later.</summary>
    public AckedWrite? FirstUnderVersion(int version)
    {
        lock (_gate)
        {
            return _writes.FirstOrDefault(w => w.RouteVersion >= version);
        }
    }
}
