using System.Diagnostics;
using System.Globalization;
using DrKit.Drills.Hosting;
using DrKit.Drills.Reports;

namespace DrKit.Drills.Soak;

/// <summary>One drill of the soak: what was run, what it measured, and what it left behind.</summary>
internal sealed record SoakOutcome(int Index, string What, bool Killed, double? KilledAfterSeconds, DrillResult? Result, IReadOnlyList<string> Leftovers, double Seconds);

/// <summary>
/// Runs one <c>drkit drill --local</c> as a process, watching its ownership record to learn every process, port
/// and directory it owns; optionally SIGKILLs it after a delay. Afterwards it waits for the drill's watcher to
/// reap (a killed drill) and lists whatever of the drill is still there.
/// </summary>
internal sealed class SoakRun(string cli, string repoRoot, string workDir)
{
    private static readonly TimeSpan ReapWait = TimeSpan.FromSeconds(60);

    private string Runtime => Path.Combine(workDir, "run");

    private string Temp => Path.Combine(workDir, "tmp");

    public async Task<SoakOutcome> RunAsync(int index, string stack, string failure, bool restore, bool force, TimeSpan? killAfter, CancellationToken ct)
    {
        Directory.CreateDirectory(Runtime);
        Directory.CreateDirectory(Temp);
        var history = Path.Combine(workDir, $"history-{index:D3}.jsonl");
        List<string> args = ["drill", "--local", stack, "--failure", failure, "--history", history, "--report-dir", Path.Combine(workDir, "reports")];
        if (restore)
        {
            args.Add("--restore");
        }

        if (force)
        {
            args.AddRange(["--force", "soak: lag beyond the RPO is the point of this run"]);
        }

        var what = $"{stack} {failure}{(restore ? " +restore" : string.Empty)}{(force ? " +force" : string.Empty)}";
        var clock = Stopwatch.StartNew();
        using var drill = Start(args);
        var seen = new Dictionary<string, OwnedSnapshot>();
        var killed = false;
        while (!drill.HasExited)
        {
            Observe(seen);
            if (killAfter is { } k && clock.Elapsed >= k)
            {
                Posix.Signal(drill.Id, Posix.SigKill);
                killed = true;
                break;
            }

            await Task.Delay(25, ct);
        }

        await drill.WaitForExitAsync(ct);
        Observe(seen);
        var leftovers = await LeftoversAsync(seen.Values, ct);
        DrillResult? result = null;
        if (!killed && File.Exists(history))
        {
            result = (await new DrillHistory(history).ReadAsync(ct)).LastOrDefault();
        }

        return new SoakOutcome(index, what, killed, killed ? clock.Elapsed.TotalSeconds : null, result, leftovers, clock.Elapsed.TotalSeconds);
    }

    private async Task<IReadOnlyList<string>> LeftoversAsync(IEnumerable<OwnedSnapshot> records, CancellationToken ct)
    {
        var left = new List<string>();
        foreach (var record in records)
        {
            var wait = Stopwatch.StartNew();
            while (File.Exists(record.Path) && wait.Elapsed < ReapWait)
            {
                await Task.Delay(50, ct);
            }

            if (File.Exists(record.Path))
            {
                left.Add($"record {Path.GetFileName(record.Path)}");
            }

            left.AddRange(OrphanReaper.Remaining(record));
            var id = Path.GetFileNameWithoutExtension(record.Path);
            left.AddRange(Marked(id).Select(pid => $"process {pid} marked {id}"));
        }

        left.AddRange(Directory.EnumerateDirectories(Temp, "drkit-drill-*").Select(d => $"directory {d}"));
        return left.Distinct().ToList();
    }

    private void Observe(Dictionary<string, OwnedSnapshot> seen)
    {
        foreach (var path in Directory.EnumerateFiles(Runtime, "*" + OwnershipRecord.Extension))
        {
            try
            {
                var now = OwnershipRecord.Read(path);
                if (!seen.TryGetValue(path, out var before))
                {
                    seen[path] = now;
                    continue;
                }

                // Keep the union: a record only grows while its drill runs.
                before.Processes.AddRange(now.Processes.Except(before.Processes));
                before.Ports.AddRange(now.Ports.Except(before.Ports));
                before.Directories.AddRange(now.Directories.Except(before.Directories));
            }
            catch (IOException)
            {
                // Deleted (the drill finished) between listing and reading.
            }
        }
    }

    private static List<int> Marked(string id)
    {
        var found = new List<int>();
        var needle = $"\0{OwnershipRecord.MarkerVariable}={id}\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !Posix.IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (("\0" + File.ReadAllText(Path.Combine(dir, "environ"))).Contains(needle, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours.
            }
        }

        return found;
    }

    private Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repoRoot,
        };
        info.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["TMPDIR"] = Temp;
        info.Environment["DRKIT_RUNTIME_DIR"] = Runtime;
        // The runtime's own diagnostics pipes would otherwise be left in TMPDIR by a killed process.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        info.Environment.Remove(OwnershipRecord.MarkerVariable);
        var p = Process.Start(info)!;
        // Drain output so a chatty drill never blocks on a full pipe.
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }
}
