using DrKit.Drills.Resp;
using DrKit.Drills.Workload;
using DrKit.Failover;

namespace DrKit.Drills.Adapters;

/// <summary>PING (and optionally ROLE = master) against whatever endpoint the function names.</summary>
public sealed class RedisProbe(string name, Func<RouteTarget> target, TimeSpan timeout, bool requirePrimary)
    : EndpointProbe(name, target, timeout, requirePrimary)
{
    protected override async Task<(bool Healthy, string Detail)> CheckAsync(RouteTarget target, CancellationToken ct)
    {
        await using var client = await RespClient.ConnectAsync(target.Host, target.Port, Timeout, ct).ConfigureAwait(false);
        var pong = (await client.ExecuteAsync(ct, "PING").ConfigureAwait(false)).ThrowIfError();
        if (RequirePrimary)
        {
            var role = (await client.ExecuteAsync(ct, "ROLE").ConfigureAwait(false)).ThrowIfError();
            var name = role.Items.Count > 0 ? role.Items[0].Text : null;
            if (name != "master")
            {
                return (false, $"{target.Host}:{target.Port} answers as {name}, not master");
            }
        }

        return (pong.Text == "PONG", $"{target.Host}:{target.Port} answered {pong}");
    }

    protected override bool IsUnreachable(Exception e, CancellationToken ct) => IsConnectionFailure(e, ct);

    internal static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is IOException or System.Net.Sockets.SocketException or TimeoutException or RespProtocolException or RespErrorException
            or ObjectDisposedException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
