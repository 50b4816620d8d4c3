using System.Net;
using StackExchange.Redis;

namespace DrKit.Drills.Redis;

/// <summary>
/// One StackExchange.Redis multiplexer on one loopback server, set up to measure a failover rather than to ride
/// it out: a connect is one attempt that fails at once, nothing is queued while disconnected and nothing is
/// retried, so a write is acknowledged only when the server answered it, and the drill's own retry loop (which
/// is the measurement) decides when to try again. A connection that failed once is disposed, never reused: the
/// next attempt opens a fresh one, so the library's reconnect back-off and its cached view of who is primary
/// never stretch a measured RTO.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private const int BackstopMs = 5000;
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly EndPoint _endpoint;

    private RedisConnection(ConnectionMultiplexer multiplexer, EndPoint endpoint, TimeSpan timeout)
    {
        _multiplexer = multiplexer;
        _endpoint = endpoint;
        Timeout = timeout;
    }

    /// <summary>The bound on each call made through <see cref="RunAsync{T}"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The server itself: commands sent here reach this endpoint whatever role the library believes it has.</summary>
    public IServer Server => _multiplexer.GetServer(_endpoint);

    /// <summary>Data commands; writes are sent only while the library sees this server as a primary.</summary>
    public IDatabase Database => _multiplexer.GetDatabase();

    /// <summary>Connects to a Redis server, or with <paramref name="sentinel"/> to a Sentinel (which knows fewer commands).</summary>
    /// <param name="timeout">Bound on the connect and, unless <paramref name="callTimeout"/> is given, on each call.</param>
    /// <param name="callTimeout">Bound on each call; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> leaves it to the caller's token.</param>
    public static async Task<RedisConnection> OpenAsync(string host, int port, TimeSpan timeout, CancellationToken ct, bool sentinel = false,
        TimeSpan? callTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        EndPoint endpoint = IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        var calls = callTimeout ?? timeout;
        var connecting = ConnectionMultiplexer.ConnectAsync(Options(endpoint, timeout, calls, sentinel));
        try
        {
            // ConnectAsync takes no token: the wait is bounded here, and a connection that arrives after the
            // caller gave up is closed below instead of left reconnecting in the background.
            var multiplexer = await connecting.WaitAsync(timeout, ct).ConfigureAwait(false);
            return new RedisConnection(multiplexer, endpoint, calls);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _ = connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Runs one call bounded by <see cref="Timeout"/> and <paramref name="ct"/>. The library's commands take no
    /// token; a call given up on is a failure of unknown outcome, and the caller discards the connection.
    /// </summary>
    public Task<T> RunAsync<T>(Func<RedisConnection, Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call(this).WaitAsync(Timeout, ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing sent through a drill connection is waited for once the caller let go of it.
        await _multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
        await _multiplexer.DisposeAsync().ConfigureAwait(false);
    }

    private static ConfigurationOptions Options(EndPoint endpoint, TimeSpan connectTimeout, TimeSpan callTimeout, bool sentinel)
    {
        var connectMs = (int)Math.Max(1, connectTimeout.TotalMilliseconds);

        // A call left to the caller's token still gets the library's own bound as a backstop.
        var callMs = callTimeout == System.Threading.Timeout.InfiniteTimeSpan ? BackstopMs : (int)Math.Max(1, callTimeout.TotalMilliseconds);
        var options = new ConfigurationOptions
        {
            EndPoints = { endpoint },
            ClientName = "drkit-drill",

            // One connect attempt that throws when the server is not there; retrying is the caller's (measured) loop.
            AbortOnConnectFail = true,
            ConnectRetry = 1,
            ConnectTimeout = connectMs,
            SyncTimeout = callMs,
            AsyncTimeout = callMs,

            // Fail a command at once while disconnected instead of queueing it for a later reconnect, which would
            // deliver it at a time the drill did not measure.
            BacklogPolicy = BacklogPolicy.FailFast,

            // INFO, ROLE and REPLICAOF are admin commands to the library; the drill owns these servers.
            AllowAdmin = true,

            // No tie-breaker key and no broadcast channel: the drill reads roles from the servers themselves and
            // must not leave keys or subscriptions behind on the servers it measures.
            TieBreaker = string.Empty,
            ConfigurationChannel = string.Empty,
        };
        if (sentinel)
        {
            options.CommandMap = CommandMap.Sentinel;
        }

        return options;
    }
}
