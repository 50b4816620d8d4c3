namespace DrKit.Drills.Workload;

/// <summary>Where one data tier's writes go: a region label and a loopback port.</summary>
public sealed record RouteTarget(string Region, string Host, int Port);

/// <summary>
/// The local stand-in for DNS or a load balancer: the workload asks it for the current endpoint before every
/// (re)connect, and the local traffic switch repoints it. Each switch bumps <see cref="Version"/> so the
/// workload can tell writes acknowledged before and after it.
/// </summary>
public sealed class TrafficRouter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<(int Version, RouteTarget Target, DateTimeOffset At)> _history = [];
    private RouteTarget _current;
    private int _version;

    public TrafficRouter(RouteTarget initial, TimeProvider time)
    {
        _current = initial ?? throw new ArgumentNullException(nameof(initial));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _history.Add((0, initial, time.GetUtcNow()));
    }

    public RouteTarget Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public int Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Every target the router pointed at and since when.</summary>
    public IReadOnlyList<(int Version, RouteTarget Target, DateTimeOffset At)> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Points writes at <paramref name="target"/>; returns the new version.</summary>
    public int Switch(RouteTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            _current = target;
            _version++;
            _history.Add((_version, target, _time.GetUtcNow()));
            return _version;
        }
    }
}
