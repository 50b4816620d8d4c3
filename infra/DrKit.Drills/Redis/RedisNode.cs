using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;
using StackExchange.Redis;

namespace DrKit.Drills.Redis;

/// <summary>One redis-server or redis-sentinel process of a drill, with a generated config file.</summary>
public sealed class RedisNode
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);
    private readonly ProcessHarness _harness;
    private readonly string _executable;
    private readonly string _configPath;

    internal RedisNode(ProcessHarness harness, string executable, string name, int port, bool sentinel = false)
    {
        _harness = harness;
        IsSentinel = sentinel;
        _executable = executable;
        Name = name;
        Port = port;
        Directory = harness.CreateDirectory(Path.Combine("redis", name), forServer: false);
        _configPath = Path.Combine(Directory, name + ".conf");
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>A Sentinel answers only Sentinel's commands; connections to it use that command map.</summary>
    public bool IsSentinel { get; }

    public string Directory { get; }

    public ManagedProcess? Process { get; private set; }

    public bool IsRunning => Process is { HasExited: false };

    public async Task StartAsync(IEnumerable<string> extraConfig, CancellationToken ct)
    {
        // Persistence is off: a drill measures replication, and RDB/AOF writes would only add noise.
        string[] common =
        [
            "port " + Port.ToString(CultureInfo.InvariantCulture),
            "bind 127.0.0.1",
            "protected-mode no",
            "daemonize no",
            "dir " + Directory,
            "logfile \"\"",
            "save \"\"",
            "appendonly no",
            // Redis's process title overwrites the memory /proc/<pid>/environ reads, which erases the drill's owner
            // marker: a Sentinel SIGKILLed with its drill between its start and its pid reaching the ownership record
            // then survived the reaper (found by the soak). Without the title the marker stays readable.
            "set-proc-title no",
        ];
        await File.WriteAllLinesAsync(_configPath, [.. common, .. extraConfig], ct).ConfigureAwait(false);
        Process = _harness.Start(new ProcessSpec(Name, _executable, [_configPath], LogPath: Path.Combine(_harness.RootDirectory, Name + ".log")));
        await WaitForPingAsync(ct).ConfigureAwait(false);
    }

    public async Task KillAsync(CancellationToken ct)
    {
        if (Process is { } p)
        {
            await _harness.KillAsync(p, ct).ConfigureAwait(false);
        }
    }

    public Task<RedisConnection> ConnectAsync(CancellationToken ct) =>
        RedisConnection.OpenAsync("127.0.0.1", Port, ConnectTimeout, ct, IsSentinel);

    /// <summary>
    /// Runs one call on a fresh connection, connect included within <paramref name="timeout"/>; probes and
    /// control calls are rare enough for that, and a fresh connection never carries a stale view of the server.
    /// </summary>
    public async Task<T> CallAsync<T>(TimeSpan timeout, Func<RedisConnection, Task<T>> call, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await using var connection = await RedisConnection.OpenAsync("127.0.0.1", Port, timeout, cts.Token, IsSentinel).ConfigureAwait(false);
            return await connection.RunAsync(call, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not answer within {timeout.TotalMilliseconds:0} ms.", e);
        }
    }

    /// <summary>An INFO section as key/value pairs.</summary>
    public Task<IReadOnlyDictionary<string, string>> InfoAsync(string section, TimeSpan timeout, CancellationToken ct) =>
        CallAsync<IReadOnlyDictionary<string, string>>(timeout, async c =>
        {
            var groups = await c.Server.InfoAsync(section).ConfigureAwait(false);
            return groups.SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }, ct);

    /// <summary>ROLE as the server reports it now: "master", "slave" or "sentinel".</summary>
    public Task<string> RoleAsync(TimeSpan timeout, CancellationToken ct) =>
        CallAsync(timeout, async c => (await c.Server.RoleAsync().ConfigureAwait(false)).Value, ct);

    private async Task WaitForPingAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Process is null || Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited during start-up; see {Path.Combine(_harness.RootDirectory, Name + ".log")}.");
            }

            try
            {
                await CallAsync(ConnectTimeout, c => c.Server.PingAsync(), ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(15))
                {
                    throw new TimeoutException($"{Name} did not answer PING within 15 s.", e);
                }
            }

            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }
}
