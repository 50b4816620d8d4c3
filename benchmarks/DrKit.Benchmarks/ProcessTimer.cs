using System.Diagnostics;
using System.Globalization;

namespace DrKit.Benchmarks;

/// <summary>One timed child process: wall time from start to exit, and its peak resident memory.</summary>
/// <param name="Cpu">User + system CPU time (from /usr/bin/time; null when polling), less sensitive than wall time to other load.</param>
internal sealed record ProcessSample(int ExitCode, TimeSpan Wall, long PeakBytes, long OutputChars, TimeSpan? Cpu);

/// <summary>
/// Runs a command as a whole process. Peak memory comes from <c>/usr/bin/time -v</c> ("Maximum resident set
/// size", exact, read by the kernel at exit) when it exists; otherwise from polling the child's
/// <c>/proc/&lt;pid&gt;/status</c> VmHWM, which can miss growth in the last poll interval.
/// </summary>
internal sealed class ProcessTimer
{
    private const string GnuTime = "/usr/bin/time";

    public bool UsesGnuTime { get; } = File.Exists(GnuTime);

    public string MemorySource => UsesGnuTime ? "/usr/bin/time -v (max RSS at exit)" : "/proc/<pid>/status VmHWM, polled every 2 ms";

    public async Task<ProcessSample> RunAsync(string fileName, IReadOnlyList<string> args, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(UsesGnuTime ? GnuTime : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (UsesGnuTime)
        {
            start.ArgumentList.Add("-v");
            start.ArgumentList.Add(fileName);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        long polledPeak = 0;
        if (!UsesGnuTime)
        {
            while (!process.HasExited)
            {
                polledPeak = Math.Max(polledPeak, ReadVmHwm(process.Id));
                await Task.Delay(2, ct).ConfigureAwait(false);
            }
        }

        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        clock.Stop();
        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        var peak = UsesGnuTime ? MaxRss(error) : polledPeak;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        }

        TimeSpan? cpu = UsesGnuTime ? TimeSpan.FromSeconds(Seconds(error, "User time (seconds):") + Seconds(error, "System time (seconds):")) : null;
        return new ProcessSample(process.ExitCode, clock.Elapsed, peak, output.Length, cpu);
    }

    private static long MaxRss(string timeReport) => (long)Number(timeReport, "Maximum resident set size (kbytes):") * 1024;

    private static double Seconds(string timeReport, string label) => Number(timeReport, label);

    private static double Number(string timeReport, string label)
    {
        var line = timeReport.Split('\n').FirstOrDefault(l => l.Contains(label, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no '{label}' in /usr/bin/time output");
        return double.Parse(line[(line.IndexOf(label, StringComparison.Ordinal) + label.Length)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static long ReadVmHwm(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // the child exited between polls
        }
    }
}
