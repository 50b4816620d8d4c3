using System.Diagnostics;
using System.Reflection;
using DrKit.Benchmarks;
using DrKit.Core.Planning;

// drkit as a whole process, the way people and CI run it: `drkit plan` of a bundled stack and of a generated
// 1,000-component, three-region catalog, against the targets; `drkit --version` as the start-up floor; and the share
// of each plan that is start-up (runtime, loading, JIT) rather than planning, from the same work done in-process.
// Usage: DrKit.Benchmarks [runs] [--drkit PATH]
const int Components = 1000;
const string BundledStack = "pilot-light";
var runs = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 21;
var requested = args.SkipWhile(a => a != "--drkit").Skip(1).FirstOrDefault();
var targetBundled = TimeSpan.FromSeconds(0.2);
var targetCatalog = TimeSpan.FromSeconds(0.35);
const long TargetPeak = 150L * 1024 * 1024;

var configuration = typeof(CatalogGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value!;
var root = FindRoot(AppContext.BaseDirectory);
var drkit = DrkitExecutable.Find(requested, root, configuration);
if (drkit is null)
{
    Console.Error.WriteLine($"no drkit to time: run ./build.sh install, or dotnet build -c {configuration} infra/DrKit.Cli, or pass --drkit PATH");
    return 2;
}

var temp = Directory.CreateTempSubdirectory("drkit-bench-");
try
{
    var catalog = CatalogGenerator.Write(temp.FullName, Components);
    var bundled = Path.Combine(root, "stacks", $"Pulumi.{BundledStack}.yaml");
    Console.WriteLine($"drkit:   {drkit.Description}");
    Console.WriteLine($"catalog: {Components} components x {1 + CatalogGenerator.Recovery.Length} regions ({new FileInfo(catalog).Length / 1024} KiB)");
    Console.WriteLine($"runs:    1 warm-up + {runs} per command, interleaved so load changes fall on every command alike");
    Console.WriteLine($"load average at the start: {LoadAverage()} on {Environment.ProcessorCount} cores");

    Scenario[] scenarios =
    [
        new("drkit --version", drkit.Args("--version"), null),
        new($"drkit plan {BundledStack}", drkit.Args("plan", BundledStack), null),
        new($"drkit plan {BundledStack} --format json", drkit.Args("plan", BundledStack, "--format", "json"), bundled),
        new($"drkit plan <catalog> --format json", drkit.Args("plan", catalog, "--format", "json"), catalog),
    ];
    var timer = new ProcessTimer();
    for (var i = 0; i <= runs; i++)
    {
        foreach (var scenario in scenarios)
        {
            var sample = await timer.RunAsync(drkit.FileName, scenario.Args, root, CancellationToken.None);
            if (i > 0)
            {
                scenario.Samples.Add(sample);
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine($"{"whole process",-44} {"p50",8} {"p95",8} {"CPU p50",8} {"peak",9} {"start-up",9}  {"target",9}  met");
    Console.WriteLine(new string('-', 110));
    foreach (var scenario in scenarios)
    {
        var walls = scenario.Samples.Select(s => s.Wall).Order().ToList();
        var p50 = Percentile(walls, 0.50);
        var cpu = scenario.Samples.All(s => s.Cpu is not null) ? Ms(Percentile(scenario.Samples.Select(s => s.Cpu!.Value).Order().ToList(), 0.50)) : "-";
        var peak = scenario.Samples.Max(s => s.PeakBytes);
        var share = scenario.PlanFile is null ? "-" : $"{1 - (InProcess(scenario.PlanFile, runs) / p50):P0}";
        var (target, met) = scenario.Name switch
        {
            var s when s == $"drkit plan {BundledStack}" => ("<= 200 ms", p50 <= targetBundled),
            var s when s.Contains("<catalog>", StringComparison.Ordinal) => ("<= 350 ms", p50 <= targetCatalog && peak < TargetPeak),
            _ => ("-", (bool?)null),
        };
        Console.WriteLine($"{scenario.Name,-44} {Ms(p50),8} {Ms(Percentile(walls, 0.95)),8} {cpu,8} {Mb(peak),9} {share,9}  {target,9}  {(met is null ? "-" : met.Value ? "yes" : "NO")}");
    }

    Console.WriteLine();
    Console.WriteLine("start-up = 1 - (the same plan and JSON, warm, in this process) / (whole-process p50): runtime start, assembly loading and JIT.");
    Console.WriteLine($"the catalog's peak memory target is < 150 MB; peak memory read from: {timer.MemorySource}");
    Console.WriteLine($"load average at the end: {LoadAverage()} on {Environment.ProcessorCount} cores (wall time includes waiting for a core; CPU time does not)");
    return 0;
}
finally
{
    temp.Delete(recursive: true);
}

// The plan and its JSON, warm, in this process: the work a plan run does once start-up is paid; median of runs.
static TimeSpan InProcess(string file, int runs)
{
    var times = new List<TimeSpan>();
    for (var i = 0; i <= runs; i++)
    {
        var clock = Stopwatch.StartNew();
        var json = PlanJson.Serialize(Planner.PlanFile(file));
        clock.Stop();
        if (i > 0 && json.Length > 0)
        {
            times.Add(clock.Elapsed);
        }
    }

    return Percentile(times.Order().ToList(), 0.50);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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

/// <summary>One timed command line; <paramref name="PlanFile"/> is the stack it plans, to time the same work in-process.</summary>
internal sealed record Scenario(string Name, IReadOnlyList<string> Args, string? PlanFile)
{
    public List<ProcessSample> Samples { get; } = [];
}
