using System.Diagnostics;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Tests.Platforms.Kubernetes;

/// <summary>
/// The Redis and Sentinel start scripts, run by /bin/sh with stand-ins for redis-cli, redis-server, hostname and
/// sleep: which role a pod takes from what the Sentinels answer and what the role ConfigMap declares.
/// </summary>
public sealed class SentinelRedisScriptsTests
{
    private const string Ns = "ai";
    private const string Redis = "c-us-west-2-redis";
    private const string Pod0 = "c-us-west-2-redis-0.c-us-west-2-redis.ai.svc";
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void CreateStubs()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            Assert.Ignore("the start scripts run in Linux containers; this test needs /bin/sh");
        }

        _dir = Directory.CreateTempSubdirectory("drkit-redis-script-");
        Stub("redis-cli", "[ -n \"${STUB_SENTINEL:-}\" ] || exit 1\nprintf '%s\\n' $STUB_SENTINEL");
        Stub("redis-server", "echo \"redis-server $*\"");
        Stub("hostname", "if [ \"${1:-}\" = -i ]; then echo 10.0.0.9; else echo \"$HOSTNAME\"; fi");
        Stub("sleep", "exit 0");
    }

    [TearDown]
    public void RemoveStubs() => _dir?.Delete(recursive: true);

    [Test]
    public void SentinelAnswersAnotherPod_ReplicatesFromIt()
    {
        var args = RunRedis("c-us-west-2-redis-0", upstream: "use1.example.com 6379", sentinel: "c-us-west-2-redis-1.c-us-west-2-redis.ai.svc 6379");
        Assert.That(args, Does.EndWith("--replicaof c-us-west-2-redis-1.c-us-west-2-redis.ai.svc 6379"), "the Sentinels' master wins over the declared upstream");
    }

    [Test]
    public void SentinelAnswersThisPod_StartsAsMaster()
    {
        var args = RunRedis("c-us-west-2-redis-0", upstream: "use1.example.com 6379", sentinel: $"{Pod0} 6379");
        Assert.Multiple(() =>
        {
            Assert.That(args, Does.Not.Contain("--replicaof"), "a pod the Sentinels call master comes back as master (a promoted writer keeps its role)");
            Assert.That(args, Does.Contain($"--replica-announce-ip {Pod0} --replica-announce-port 6379"), "it announces its stable DNS name");
        });
    }

    [Test]
    public void NoSentinel_Pod0FollowsTheDeclaredUpstream()
    {
        var args = RunRedis("c-us-west-2-redis-0", upstream: "use1.example.com 6379", sentinel: null);
        Assert.That(args, Does.EndWith("--replicaof use1.example.com 6379"), "without Sentinels the recovery region's pod 0 replicates from the primary region");
    }

    [Test]
    public void NoSentinelNoUpstream_Pod0IsTheWriter()
    {
        var args = RunRedis("c-us-west-2-redis-0", upstream: string.Empty, sentinel: null);
        Assert.That(args, Does.Not.Contain("--replicaof"), "the writer's region declares no upstream");
    }

    [Test]
    public void NoSentinel_OtherPodsFollowPod0()
    {
        var args = RunRedis("c-us-west-2-redis-2", upstream: string.Empty, sentinel: null);
        Assert.That(args, Does.EndWith($"--replicaof {Pod0} 6379"), "replicas in the cluster follow pod 0");
    }

    [Test]
    public void Sentinel_WritesItsConfigOnceWithAStableId()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir.FullName, "data"));
        var script = SentinelRedisScripts.Sentinel("c-us-east-1-sentinel", "c-us-east-1-redis", Ns, "c-us-east-1", 3).Replace("/data", data.FullName, StringComparison.Ordinal);
        var first = Run(script, "c-us-east-1-sentinel-2", new Dictionary<string, string>());
        var conf = File.ReadAllText(Path.Combine(data.FullName, "sentinel.conf"));
        File.AppendAllText(Path.Combine(data.FullName, "sentinel.conf"), "sentinel known-sentinel learned\n");
        Run(script, "c-us-east-1-sentinel-2", new Dictionary<string, string>());
        var again = File.ReadAllText(Path.Combine(data.FullName, "sentinel.conf"));
        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Contain("--sentinel"), "the pod runs redis-server in Sentinel mode");
            Assert.That(conf, Does.Contain("sentinel monitor c-us-east-1 c-us-east-1-redis-0.c-us-east-1-redis.ai.svc 6379 3"), "it monitors pod 0 with quorum 3");
            Assert.That(conf, Does.Contain("sentinel announce-ip c-us-east-1-sentinel-2.c-us-east-1-sentinel.ai.svc"), "it announces its stable name");
            Assert.That(conf, Does.Match("sentinel myid [0-9a-f]{40}\n"), "a 40-hex myid derived from the pod name");
            Assert.That(again, Does.Contain("sentinel known-sentinel learned"), "a restart keeps what Sentinel rewrote into its config");
        });
    }

    private string RunRedis(string pod, string upstream, string? sentinel)
    {
        var file = Path.Combine(_dir.FullName, "upstream");
        File.WriteAllText(file, upstream);
        var script = SentinelRedisScripts.Redis(Redis, Ns, "c-us-west-2-sentinel", "c-us-west-2", file);
        var env = new Dictionary<string, string>();
        if (sentinel is not null)
        {
            env["STUB_SENTINEL"] = sentinel;
        }

        return Run(script, pod, env).Trim();
    }

    private string Run(string script, string hostname, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{_dir.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["HOSTNAME"] = hostname;
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"the script ran: {error}");
        return output;
    }

    private void Stub(string name, string body)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
