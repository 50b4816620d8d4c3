using DrKit.Drills.Redis;
using DrKit.Drills.Workload;
using DrKit.Failover;
using StackExchange.Redis;

namespace DrKit.Drills.Adapters;

/// <summary>PING (and optionally ROLE = master) against whatever endpoint the function names, on a fresh connection.</summary>
public sealed class RedisProbe(string name, Func<RouteTarget> target, TimeSpan timeout, bool requirePrimary)
    : EndpointProbe(name, target, timeout, requirePrimary)
{
    protected override async Task<(bool Healthy, string Detail)> CheckAsync(RouteTarget target, CancellationToken ct)
    {
        // A fresh connection per probe: what a client arriving now would get, never a connection that the
        // library is still reconnecting in the background.
        await using var connection = await RedisConnection.OpenAsync(target.Host, target.Port, Timeout, ct).ConfigureAwait(false);
        var rtt = await connection.RunAsync(c => c.Server.PingAsync(), ct).ConfigureAwait(false);
        if (RequirePrimary)
        {
            var role = await connection.RunAsync(c => c.Server.RoleAsync(), ct).ConfigureAwait(false);
            if (role.Value != "master")
            {
                return (false, $"{target.Host}:{target.Port} answers as {role.Value}, not master");
            }
        }

        return (true, $"{target.Host}:{target.Port} answered PING in {rtt.TotalMilliseconds:0.#} ms");
    }

    protected override bool IsUnreachable(Exception e, CancellationToken ct) => IsConnectionFailure(e, ct);

    /// <summary>The server is not there or not answering (right now), as opposed to the caller giving up.</summary>
    internal static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is RedisException or TimeoutException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
