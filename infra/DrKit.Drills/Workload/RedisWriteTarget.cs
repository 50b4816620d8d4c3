using System.Globalization;
using DrKit.Drills.Redis;
using StackExchange.Redis;

namespace DrKit.Drills.Workload;

/// <summary>Appends sequence numbers to a Redis list.</summary>
public sealed class RedisWriteTarget : IWriteTarget
{
    public const string ListKey = "drkit:drill:writes";

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    public string Name => "redis";

    public async Task<IWriteSession> OpenAsync(RouteTarget target, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        // The workload bounds each write with its own token (its write timeout), so the session adds no bound of its own.
        return new Session(await RedisConnection.OpenAsync(target.Host, target.Port, timeout, ct, callTimeout: Timeout.InfiniteTimeSpan)
            .ConfigureAwait(false));
    }

    public async Task<IReadOnlySet<long>> ReadSequencesAsync(RouteTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await RedisConnection.OpenAsync(target.Host, target.Port, ReadTimeout, ct).ConfigureAwait(false);

        // Read from this server whatever role the library thinks it has: it is the one whose contents are judged.
        var items = await connection.RunAsync(c => c.Database.ListRangeAsync(ListKey, 0, -1, CommandFlags.PreferReplica), ct).ConfigureAwait(false);
        return items.Select(i => long.Parse(i.ToString(), CultureInfo.InvariantCulture)).ToHashSet();
    }

    private sealed class Session(RedisConnection connection) : IWriteSession
    {
        public async Task WriteAsync(long seq, CancellationToken ct)
        {
            // Acknowledged only when the server answered. A replica refuses the write (the library will not send
            // a write to a server it sees as a replica, and the server answers READONLY if it is asked anyway):
            // that is a failed write, not an acknowledgement.
            await connection.RunAsync(c => c.Database.ListRightPushAsync(ListKey, seq), ct).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
