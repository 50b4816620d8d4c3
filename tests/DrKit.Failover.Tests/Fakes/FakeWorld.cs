namespace DrKit.Failover.Tests.Fakes;

/// <summary>
/// Shared state of the hand-written adapters: an ordered call log and a crash switch. A crash lets the named call
/// take effect, then throws; from then on every adapter call throws, as if the host running the failover had died,
/// until <see cref="Recover"/> starts the "next process".
/// </summary>
internal sealed class FakeWorld
{
    private readonly Lock _gate = new();
    private readonly List<string> _calls = [];

    /// <summary>Call name (e.g. "postgres.Promote") that crashes after acting, once.</summary>
    public string? CrashAfter { get; set; }

    /// <summary>Zero-based position in <see cref="Calls"/> of the call that crashes after acting, once.</summary>
    public int? CrashAfterIndex { get; set; }

    public bool Down { get; private set; }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public int Count(string call) => Calls.Count(c => c == call);

    public void Recover()
    {
        Down = false;
        CrashAfter = null;
        CrashAfterIndex = null;
    }

    public void Enter(string call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }

        if (Down)
        {
            throw new IOException($"{call}: adapter unreachable (simulated crash)");
        }
    }

    public void Leave(string call)
    {
        int position;
        lock (_gate)
        {
            position = _calls.LastIndexOf(call);
        }

        if (CrashAfter == call || (CrashAfterIndex is { } index && index == position))
        {
            CrashAfterIndex = null;
            Down = true;
            CrashAfter = null;
            throw new IOException($"{call}: simulated crash after acting");
        }
    }
}
