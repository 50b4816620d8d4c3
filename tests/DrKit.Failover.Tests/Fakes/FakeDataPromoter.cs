namespace DrKit.Failover.Tests.Fakes;

/// <summary>A replicated tier with real state: fencing, promotion and reachability, logged to the world.</summary>
internal sealed class FakeDataPromoter(FakeWorld world, string name) : IDataPromoter
{
    public string Name { get; } = name;

    public bool PrimaryReachable { get; set; } = true;

    public bool ReplicaReachable { get; set; } = true;

    public TimeSpan? Lag { get; set; } = TimeSpan.FromSeconds(1);

    public bool Fenced { get; private set; }

    public bool Promoted { get; set; }

    /// <summary>When set, the next PromoteAsync throws this without promoting.</summary>
    public Exception? FailNextPromote { get; set; }

    public int PromoteCalls => world.Count($"{Name}.Promote");

    /// <summary>When set, the old primary's region does not answer: fencing fails (and lag stays what it was).</summary>
    public bool FenceUnreachable { get; set; }

    /// <summary>When set, the old primary's side answers the fence with a refusal: it is up and still writes.</summary>
    public bool FenceRefused { get; set; }

    public Task<ReplicationStatus> GetStatusAsync(CancellationToken ct) =>
        Act("GetStatus", () => new ReplicationStatus(PrimaryReachable, ReplicaReachable, Lag, Promoted));

    /// <summary>A fenced primary takes no writes, so its replica catches up to lag 0.</summary>
    public Task FenceAsync(CancellationToken ct) => Act("Fence", () =>
    {
        if (FenceUnreachable)
        {
            throw new TimeoutException("old primary's region does not answer");
        }

        if (FenceRefused)
        {
            throw new FenceRefusedException("the old primary refused its demotion (Forbidden)");
        }

        Lag = TimeSpan.Zero;
        return Fenced = true;
    });

    public Task UnfenceAsync(CancellationToken ct) => Act("Unfence", () => Fenced = false);

    public Task PromoteAsync(CancellationToken ct) => Act("Promote", () =>
    {
        if (FailNextPromote is { } error)
        {
            FailNextPromote = null;
            throw error;
        }

        return Promoted = true;
    });

    public Task<bool> IsPromotedAsync(CancellationToken ct) => Act("IsPromoted", () => Promoted);

    private Task<T> Act<T>(string call, Func<T> effect)
    {
        var fullName = $"{Name}.{call}";
        world.Enter(fullName);
        var result = effect();
        world.Leave(fullName);
        return Task.FromResult(result);
    }
}
