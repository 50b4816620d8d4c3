namespace DrKit.Operations.Cloud;

/// <summary>One lag datapoint: when it was taken and the lag in seconds.</summary>
public readonly record struct LagPoint(DateTimeOffset At, double Seconds)
{
    /// <summary>When the last replayed commit happened, by this datapoint (RDS ReplicaLag = now - pg_last_xact_replay_timestamp()).</summary>
    public DateTimeOffset LastReplayed => At - TimeSpan.FromSeconds(Seconds);
}

/// <summary>What a series of RDS ReplicaLag datapoints says about the data a promotion would lose.</summary>
/// <param name="Judged">The datapoint the RPO is judged on; null when the whole window is silent and nothing measures the loss.</param>
/// <param name="Newest">The newest datapoint.</param>
/// <param name="SilentSince">When the series started following the wall clock (no commit replayed since); null when it does not.</param>
public sealed record LagJudgement(LagPoint? Judged, LagPoint Newest, DateTimeOffset? SilentSince);

/// <summary>
/// RDS PostgreSQL's <c>ReplicaLag</c> is the time since the last replayed commit
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.Monitor.html).
/// When the source stops sending (its region is down) or stops committing, every later datapoint names the same last
/// replayed commit and the lag grows with the wall clock: it then measures how long the silence has lasted, not what is
/// missing. What a promotion can lose is what was in flight when the silence began, which the newest datapoint from
/// before the silence measures. The rest is staleness, reported as such.
/// </summary>
public static class LagSeries
{
    /// <summary>Datapoints whose last replayed commit lies within this of the newest one's name the same commit (per-minute Maximum jitter).</summary>
    public static readonly TimeSpan SameCommit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The datapoint to judge: the newest, unless the newest two or more name the same last replayed commit, in which
    /// case the newest datapoint before them (none when the whole window is silent). Null without any datapoint.
    /// </summary>
    public static LagJudgement? Judge(IReadOnlyList<LagPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.Where(p => p.Seconds >= 0).OrderBy(p => p.At).ToList();
        if (ordered.Count == 0)
        {
            return null;
        }

        var newest = ordered[^1];
        var run = 1;
        while (run < ordered.Count && (ordered[^(run + 1)].LastReplayed - newest.LastReplayed).Duration() <= SameCommit)
        {
            run++;
        }

        // One datapoint alone cannot show growth; a lag of 0 is no silence at all.
        if (run < 2 || newest.Seconds == 0)
        {
            return new LagJudgement(newest, newest, null);
        }

        var silentSince = ordered[^run].LastReplayed;
        return new LagJudgement(run == ordered.Count ? null : ordered[^(run + 1)], newest, silentSince);
    }
}
