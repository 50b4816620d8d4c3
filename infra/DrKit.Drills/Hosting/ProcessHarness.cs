using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DrKit.Drills.Hosting;

/// <summary>
/// Owns everything a drill creates on the machine: a temporary directory, the ports handed out and every
/// process started. Disposing it (or a timeout, Ctrl-C or process exit, see <see cref="EmergencyCleanup"/>)
/// stops every process — graceful signal, then SIGKILL of the whole tree — and deletes the directory.
/// What no handler can catch (a SIGKILL of the drill, a crash of the runtime) is covered by an ownership record
/// and a watcher that outlives the drill (see <see cref="OrphanReaper"/>); creating a harness first reaps what
/// earlier, dead drills left.
/// </summary>
public sealed class ProcessHarness : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, byte> PortsInUse = new();

    private readonly ConcurrentDictionary<int, ManagedProcess> _running = new();
    private readonly ConcurrentDictionary<int, byte> _startedPids = new();
    private readonly ConcurrentBag<int> _ports = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationTokenSource _timeout = new();
    private readonly HarnessOptions _options;
    private readonly OwnershipRecord _record;
    private readonly Process _watcher;
    private int _disposed;
    private int _released;

    private ProcessHarness(HarnessOptions options, string root, OwnershipRecord record, Process watcher)
    {
        _options = options;
        RootDirectory = root;
        _record = record;
        _watcher = watcher;
        _startedPids[watcher.Id] = 0;
        if (options.Timeout is { } timeout)
        {
            _timeout.Token.Register(() =>
            {
                TimedOut = true;
                _lifetime.Cancel();
            });
            _timeout.CancelAfter(timeout);
        }

        EmergencyCleanup.Register(this);
    }

    public string RootDirectory { get; }

    public ServerAccount Account => ServerAccount.Current;

    /// <summary>Fires on timeout, on Ctrl-C and on dispose; drill steps link their tokens to it.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>True when the lifetime ended because <see cref="HarnessOptions.Timeout"/> passed.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Every pid this harness started or saw as a child of one, for leak checks.</summary>
    public IReadOnlyCollection<int> KnownPids => [.. _startedPids.Keys];

    public IReadOnlyCollection<int> ReservedPorts => [.. _ports];

    /// <summary>The ownership record naming this drill's processes, ports and directory while it runs.</summary>
    public string RecordPath => _record.Path;

    /// <summary>Dead drills reaped when this harness was created.</summary>
    public IReadOnlyList<ReapedDrill> ReapedAtStart { get; private init; } = [];

    /// <summary>Records how far the drill got, so whoever reaps it after a crash can say where it died.</summary>
    public void NotePhase(string phase) => _record.SetPhase(phase);

    public static ProcessHarness Create(HarnessOptions? options = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Local drills need Linux: they use /proc, POSIX signals and Debian's server packages.");
        }

        options ??= new HarnessOptions();
        var runtime = options.RuntimeDirectory ?? OwnershipRecord.DefaultRuntimeDirectory;
        var reaped = OrphanReaper.Reap(runtime);
        var parent = Path.GetFullPath(options.TempRoot ?? Path.GetTempPath());
        Directory.CreateDirectory(parent);
        var id = "drkit-drill-" + Guid.NewGuid().ToString("N")[..12];
        var root = Path.Combine(parent, id);

        // Recorded before it exists, so a drill killed between the two still has its directory reaped.
        var record = OwnershipRecord.Create(runtime, id, root);
        var watcher = OrphanReaper.StartWatcher(record);
        Directory.CreateDirectory(root);

        // The server account must be able to walk into its own subdirectories.
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        DirectoryAccess.EnsureTraversable(root, ServerAccount.Current);
        return new ProcessHarness(options, root, record, watcher) { ReapedAtStart = reaped };
    }

    /// <summary>Finds a free loopback port and keeps it out of other harnesses' hands until dispose.</summary>
    public int ReservePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (PortsInUse.TryAdd(port, 0))
            {
                _ports.Add(port);
                _record.AddPort(port);
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port found.");
    }

    /// <summary>Creates a subdirectory; <paramref name="forServer"/> hands it to the server account.</summary>
    public string CreateDirectory(string relative, bool forServer)
    {
        var path = Path.Combine(RootDirectory, relative);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException();
        }

        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (forServer)
        {
            Account.Own(path);
        }

        return path;
    }

    public ManagedProcess Start(ProcessSpec spec)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var log = spec.LogPath is null ? null : new StreamWriter(spec.LogPath, append: true, Encoding.UTF8);
        var process = Launch(spec);
        var managed = new ManagedProcess(spec, process, log);
        _startedPids[managed.Pid] = 0;
        _record.AddProcess(managed.Pid, spec.Name);
        _running[managed.Pid] = managed;
        managed.Attach();
        return managed;
    }

    /// <summary>Runs a command to completion (initdb, pg_basebackup); it is killed on timeout or cancellation.</summary>
    public async Task<CommandResult> RunAsync(ProcessSpec spec, TimeSpan timeout, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var process = Launch(spec);
        _startedPids[process.Id] = 0;
        _record.AddProcess(process.Id, spec.Name);
        var output = new StringBuilder();
        var gate = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessTree.SignalTree(process.Id, Posix.SigKill);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            _lifetime.Token.ThrowIfCancellationRequested();
            throw new TimeoutException($"{spec.Name} did not finish within {timeout.TotalSeconds:0.#} s.");
        }

        lock (gate)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Graceful stop with the process's own stop signal, then SIGKILL of the tree after the grace period.</summary>
    public async Task StopAsync(ManagedProcess process, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        var tree = Snapshot(process.Pid);
        Posix.Signal(process.Pid, process.Spec.StopSignal);
        if (!await process.WaitForExitAsync(_options.EffectiveStopGrace, ct).ConfigureAwait(false))
        {
            SignalAll(tree, Posix.SigKill);
        }

        await WaitGoneAsync(tree, ct).ConfigureAwait(false);
        Forget(process);
    }

    /// <summary>SIGKILL of the process and all its children at once: the "machine died" failure.</summary>
    public async Task KillAsync(ManagedProcess process, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        var tree = Snapshot(process.Pid);
        SignalAll(tree, Posix.SigKill);
        await WaitGoneAsync(tree, ct).ConfigureAwait(false);
        Forget(process);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timeout.Dispose();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            // Stop everything in parallel: sequential grace periods would add up.
            await Task.WhenAll(_running.Values.Select(p => StopAsync(p, CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            EmergencyStop();
            DeleteDirectory(RootDirectory);
            foreach (var port in _ports)
            {
                PortsInUse.TryRemove(port, out _);
            }

            EmergencyCleanup.Unregister(this);
            _lifetime.Dispose();
            Release();
        }
    }

    /// <summary>Everything is stopped and deleted: drop the record, and with it the watcher's reason to run.</summary>
    internal void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        _record.Delete();
        Posix.Signal(_watcher.Id, Posix.SigKill);
        _watcher.WaitForExit(TimeSpan.FromSeconds(5));
        _watcher.Dispose();
    }

    internal void CancelFromInterrupt()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the snapshot and now: nothing left to cancel.
        }
    }

    /// <summary>Synchronous last resort for Ctrl-C and process exit: SIGKILL everything known, no waiting on grace.</summary>
    internal void EmergencyStop()
    {
        foreach (var process in _running.Values)
        {
            SignalAll(Snapshot(process.Pid), Posix.SigKill);
            Forget(process);
        }

        foreach (var pid in _startedPids.Keys)
        {
            Posix.Signal(pid, Posix.SigKill);
        }

        var deadline = Stopwatch.StartNew();
        while (_startedPids.Keys.Any(Posix.IsAlive) && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(10);
        }
    }

    internal static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 20 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException) when (attempt < 19)
            {
                // A dying server may still be writing its last file.
                Thread.Sleep(50);
            }
        }
    }

    private List<int> Snapshot(int pid)
    {
        List<int> tree = [pid, .. ProcessTree.Descendants(pid)];
        foreach (var p in tree)
        {
            _startedPids[p] = 0;
        }

        return tree;
    }

    private static void SignalAll(IEnumerable<int> pids, int signal)
    {
        foreach (var pid in pids)
        {
            Posix.Signal(pid, signal);
        }
    }

    private static async Task WaitGoneAsync(IReadOnlyList<int> pids, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (pids.Any(Posix.IsAlive))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(2))
            {
                // Children a graceful stop left behind (or that ignore it) get the hard signal.
                SignalAll(pids, Posix.SigKill);
            }

            await Task.Delay(10, ct).ConfigureAwait(false);
        }
    }

    private void Forget(ManagedProcess process)
    {
        if (_running.TryRemove(process.Pid, out _))
        {
            process.Dispose();
        }
    }

    private Process Launch(ProcessSpec spec)
    {
        var (fileName, args) = spec.AsServerAccount ? Account.Wrap(spec.FileName, spec.Args) : (spec.FileName, spec.Args);
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            // Always redirected so server chatter never lands on the drill's console.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RootDirectory,
        };

        // Inherited by every descendant: the reaper finds a process by it even if the drill died before the
        // pid reached the record.
        info.Environment[OwnershipRecord.MarkerVariable] = _record.Id;
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {spec.Name}.");
        process.StandardInput.Close();
        return process;
    }
}
