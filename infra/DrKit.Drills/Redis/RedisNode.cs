using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;
using DrKit.Drills.Resp;

namespace DrKit.Drills.Redis;

/// <summary>One redis-server or redis-sentinel process of a drill, with a generated config file.</summary>
public sealed class RedisNode
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);
    private readonly ProcessHarness _harness;
    private readonly string _executable;
    private readonly string _configPath;

    internal RedisNode(ProcessHarness harness, string executable, string name, int port)
    {
        _harness = harness;
        _executable = executable;
        Name = name;
        Port = port;
        Directory = harness.CreateDirectory(Path.Combine("redis", name), forServer: false);
        _configPath = Path.Combine(Directory, name + ".conf");
    }

    public string Name { get; }

    public int Port { get; }

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

    public Task<RespClient> ConnectAsync(CancellationToken ct) => RespClient.ConnectAsync("127.0.0.1", Port, ConnectTimeout, ct);

    /// <summary>Runs one command on a fresh connection; probes and control calls are rare enough for that.</summary>
    public async Task<RespValue> ExecuteAsync(TimeSpan timeout, CancellationToken ct, params string[] args)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        await using var client = await ConnectAsync(cts.Token).ConfigureAwait(false);
        return await client.ExecuteAsync(args, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Parses an INFO section into key/value pairs.</summary>
    public async Task<IReadOnlyDictionary<string, string>> InfoAsync(string section, TimeSpan timeout, CancellationToken ct)
    {
        var reply = (await ExecuteAsync(timeout, ct, "INFO", section).ConfigureAwait(false)).ThrowIfError();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (reply.Text ?? string.Empty).Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith('#'))
            {
                result[line[..colon]] = line[(colon + 1)..].TrimEnd('\r');
            }
        }

        return result;
    }

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
                var pong = await ExecuteAsync(ConnectTimeout, ct, "PING").ConfigureAwait(false);
                if (pong.Text == "PONG")
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or TimeoutException or RespProtocolException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
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
