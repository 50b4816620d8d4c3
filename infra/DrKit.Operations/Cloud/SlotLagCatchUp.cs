using System.Globalization;
using DrKit.Failover;

namespace DrKit.Operations.Cloud;

/// <summary>
/// The switchover rule on an RDS PostgreSQL source's <c>OldestReplicationSlotLag</c> (bytes of WAL its replica has not
/// received; https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html), for a switch back that cannot use
/// <c>ReplicaLag</c>: on RDS PostgreSQL that is the time since the last replayed commit
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.Monitor.html), which
/// grows on a fenced source that takes no commits, and whose 0 would only say a commit was replayed lately, not that
/// every byte arrived. The fence ended every session and admits none, so the source's end of WAL only moves by the
/// server's own records after it; once the replica has received everything, the slot lag reads 0 and stays there.
/// Promotion then replays all the replica received before it opens for writes, so nothing is lost.
/// <list type="bullet">
/// <item>Only periods that begin at or after the fence count (the caller asks for those): a 0 before it proves nothing,
/// since writes followed it.</item>
/// <item>The newest <see cref="StableDatapoints"/> consecutive per-minute datapoints must all read at most
/// <see cref="ToleranceBytes"/>: one sample can fall between two of the server's own records; a stream that stalled with
/// a few bytes unsent on an idle source would read the same small figure every minute, so no tolerance above 0 is safe.</item>
/// <item>A gap in the series restarts the count (a missing minute says nothing).</item>
/// </list>
/// The metric is the largest lag over all slots of the source: a second consumer that lags (a logical slot, another
/// replica) keeps it above 0, and the switch back then waits out its bound and rolls back, never promoting on a guess.
/// </summary>
public static class SlotLagCatchUp
{
    /// <summary>Consecutive per-minute datapoints after the fence that must read 0.</summary>
    public const int StableDatapoints = 3;

    /// <summary>The largest slot lag, in bytes, that counts as caught up.</summary>
    public const double ToleranceBytes = 0;

    /// <summary>Whether <paramref name="points"/> (period start, bytes; all from periods after the fence) show the replica has received everything.</summary>
    public static CatchUpStatus Decide(IReadOnlyList<(DateTimeOffset At, double Bytes)> points, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.At).ToList();
        if (ordered.Count == 0)
        {
            return new CatchUpStatus(false, "no OldestReplicationSlotLag datapoint since the fence yet");
        }

        var run = 0;
        for (var i = ordered.Count - 1; i >= 0 && ordered[i].Bytes <= ToleranceBytes; i--)
        {
            if (i < ordered.Count - 1 && ordered[i + 1].At - ordered[i].At != period)
            {
                break;
            }

            run++;
        }

        var newest = ordered[^1];
        var figures = $"OldestReplicationSlotLag {Bytes(newest.Bytes)} at {newest.At.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)}, " +
                      $"{run} of {StableDatapoints} consecutive datapoints since the fence at 0";
        return new CatchUpStatus(run >= StableDatapoints, run >= StableDatapoints ? $"received everything: {figures}" : figures);
    }

    private static string Bytes(double value) => $"{value.ToString("0", CultureInfo.InvariantCulture)} bytes";
}
