using System.Globalization;
using DrKit.Drills.Resp;

namespace DrKit.Drills.Workload;

/// <summary>Appends sequence numbers to a Redis list.</summary>
public sealed class RedisWriteTarget : IWriteTarget
{
    public const string ListKey = "drkit:drill:writes";

    public string Name => "redis";

    public async Task<IWriteSession> OpenAsync(RouteTarget target, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new Session(await RespClient.ConnectAsync(target.Host, target.Port, timeout, ct).ConfigureAwait(false));
    }

    public async Task<IReadOnlySet<long>> ReadSequencesAsync(RouteTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var client = await RespClient.ConnectAsync(target.Host, target.Port, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        var reply = (await client.ExecuteAsync(ct, "LRANGE", ListKey, "0", "-1").ConfigureAwait(false)).ThrowIfError();
        return reply.Items.Select(i => long.Parse(i.Text ?? "-1", CultureInfo.InvariantCulture)).ToHashSet();
    }

    private sealed class Session(RespClient client) : IWriteSession
    {
        public async Task WriteAsync(long seq, CancellationToken ct)
        {
            // A replica answers READONLY; that is a failed write, not an acknowledgement.
            (await client.ExecuteAsync(ct, "RPUSH", ListKey, seq.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false)).ThrowIfError();
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
