using System.Diagnostics;
using DrKit.Drills.Resp;
using DrKit.Drills.Workload;
using DrKit.Failover;

namespace DrKit.Drills.Adapters;

/// <summary>PING (and optionally ROLE = master) against whatever endpoint the function names.</summary>
public sealed class RedisProbe : IHealthProbe
{
    private readonly Func<RouteTarget> _target;
    private readonly TimeSpan _timeout;
    private readonly bool _requirePrimary;

    public RedisProbe(string name, Func<RouteTarget> target, TimeSpan timeout, bool requirePrimary)
    {
        Name = name;
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _timeout = timeout;
        _requirePrimary = requirePrimary;
    }

    public string Name { get; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var target = _target();
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_timeout);
            await using var client = await RespClient.ConnectAsync(target.Host, target.Port, _timeout, cts.Token).ConfigureAwait(false);
            var pong = (await client.ExecuteAsync(cts.Token, "PING").ConfigureAwait(false)).ThrowIfError();
            if (_requirePrimary)
            {
                var role = (await client.ExecuteAsync(cts.Token, "ROLE").ConfigureAwait(false)).ThrowIfError();
                var name = role.Items.Count > 0 ? role.Items[0].Text : null;
                if (name != "master")
                {
                    return new ProbeResult(false, $"{target.Host}:{target.Port} answers as {name}, not master", clock.Elapsed);
                }
            }

            return new ProbeResult(pong.Text == "PONG", $"{target.Host}:{target.Port} answered {pong}", clock.Elapsed);
        }
        catch (Exception e) when (IsConnectionFailure(e, ct))
        {
            return new ProbeResult(false, $"{target.Host}:{target.Port}: {e.GetType().Name}: {e.Message}", clock.Elapsed);
        }
    }

    internal static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is IOException or System.Net.Sockets.SocketException or TimeoutException or RespProtocolException or RespErrorException
            or ObjectDisposedException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
