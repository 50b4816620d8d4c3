using System.Diagnostics;
using System.Reflection;
using DrKit.Benchmarks;
using DrKit.Core.Planning;

// drkit plan on a 1,000-component, three-region catalog: whole-process wall time and peak memory against the
// targets, plus the in-process plan time for the same file.
const int Components = 1000;
var runs = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 10;
var targetWall = TimeSpan.FromSeconds(0.5);
const long TargetPeak = 150L * 1024 * 1024;

var configuration = typeof(CatalogGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value!;
var root = FindRoot(AppContext.BaseDirectory);
var drkit = Path.Combine(root, "infra", "DrKit.Cli", "bin", configuration, "net10.0", "drkit.dll");
if (!File.Exists(drkit))
{
    Console.Error.WriteLine($"drkit is not built at {drkit}; run: dotnet build -c {configuration} infra/DrKit.Cli");
    return 2;
}

var temp = Directory.CreateTempSubdirectory("drkit-bench-");
try
{
    var catalog = CatalogGenerator.Write(temp.FullName, Components);
    Console.WriteLine($"catalog: {Components} components x {1 + CatalogGenerator.Recovery.Length} regions ({new FileInfo(catalog).Length / 1024} KiB)");
    Console.WriteLine($"timed:   dotnet {drkit} plan <catalog> --format json ({configuration}), 1 warm-up + {runs} runs");

    var timer = new ProcessTimer();
    string[] cliArgs = [drkit, "plan", catalog, "--format", "json"];
    await timer.RunAsync("dotnet", cliArgs, CancellationToken.None);
    var samples = new List<ProcessSample>();
    for (var i = 0; i < runs; i++)
    {
        samples.Add(await timer.RunAsync("dotnet", cliArgs, CancellationToken.None));
    }

    // In-process: the same file through the same core calls the command makes, after a warm-up.
    var inProcess = new List<TimeSpan>();
    var components = 0;
    for (var i = 0; i <= runs; i++)
    {
        var clock = Stopwatch.StartNew();
        var plan = Planner.PlanFile(catalog);
        var json = PlanJson.Serialize(plan);
        clock.Stop();
        components = plan.Components.Count;
        if (i > 0 && json.Length > 0)
        {
            inProcess.Add(clock.Elapsed);
        }
    }

    var walls = samples.Select(s => s.Wall).Order().ToList();
    var peaks = samples.Select(s => s.PeakBytes).Order().ToList();
    var p50 = Percentile(walls, 0.50);
    var p95 = Percentile(walls, 0.95);
    var peak = peaks[^1];
    Console.WriteLine();
    Console.WriteLine($"{"measure",-34} {"value",12} {"target",10}  met");
    Console.WriteLine(new string('-', 64));
    Row("process wall time p50", Ms(p50), "< 500 ms", p50 < targetWall);
    Row("process wall time p95", Ms(p95), "< 500 ms", p95 < targetWall);
    Row("process peak memory (max of runs)", Mb(peak), "< 150 MB", peak < TargetPeak);
    Row("process peak memory p50", Mb(Percentile(peaks, 0.50)), "< 150 MB", Percentile(peaks, 0.50) < TargetPeak);
    if (samples.All(s => s.Cpu is not null))
    {
        Row("process CPU time (user+sys) p50", Ms(Percentile(samples.Select(s => s.Cpu!.Value).Order().ToList(), 0.50)), "-", null);
    }

    Row("in-process plan + JSON p50", Ms(Percentile(inProcess.Order().ToList(), 0.50)), "-", null);
    Row("in-process plan + JSON p95", Ms(Percentile(inProcess.Order().ToList(), 0.95)), "-", null);
    Console.WriteLine();
    Console.WriteLine($"components planned: {components}; JSON written per run: {samples[0].OutputChars / 1024} KiB");
    Console.WriteLine($"peak memory read from: {timer.MemorySource}");
    Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")} on {Environment.ProcessorCount} cores (wall time includes waiting for a core)");
    return 0;
}
finally
{
    temp.Delete(recursive: true);
}

static void Row(string measure, string value, string target, bool? met) =>
    Console.WriteLine($"{measure,-34} {value,12} {target,10}  {(met is null ? "-" : met.Value ? "yes" : "NO")}");

static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:F0} ms";

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MB";

// Nearest-rank percentile of sorted samples.
static T Percentile<T>(IReadOnlyList<T> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static string FindRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException($"no Pulumi.yaml above {start}");
}
