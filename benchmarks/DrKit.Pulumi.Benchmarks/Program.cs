using System.Globalization;
using DrKit.Benchmarks;
using DrKit.Pulumi.Benchmarks;

// The Pulumi program under mocks: for each case a child process declares the stack (plan, policy transformation,
// every component) while /usr/bin/time reads its peak memory. Targets on 2 cores: 100 components in at most 5 s,
// 1,000 in at most 30 s, peak memory under 1 GB.
//   dotnet run -c Release --project benchmarks/DrKit.Pulumi.Benchmarks [runs] [case]
// where case, if given, keeps only the cases whose name contains it (e.g. "1000" or "pilot-light").
if (args is ["--declare", var declareFile, var declareStack, var resultFile])
{
    return await Declaration.RunAsync(declareFile, declareStack, resultFile);
}

if (args is ["--write-catalog", var countText, var directory] && int.TryParse(countText, out var catalogSize))
{
    // The generated catalog on its own, to read it or to trace one declaration: --declare <file> catalog <result>.
    Console.WriteLine(CatalogGenerator.Write(Directory.CreateDirectory(directory).FullName, catalogSize));
    return 0;
}

var runs = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 3;
const long MemoryTarget = 1024L * 1024 * 1024;
var root = FindRoot(AppContext.BaseDirectory);
var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? [typeof(Declaration).Assembly.Location] : Array.Empty<string>();
var temp = Directory.CreateTempSubdirectory("drkit-pulumi-bench-");
try
{
    var cases = new List<(string Name, string File, TimeSpan? Target)>();
    foreach (var stack in new[] { "primary", "pilot-light", "active-active" })
    {
        cases.Add(($"bundled {stack}", Path.Combine(root, "stacks", $"Pulumi.{stack}.yaml"), null));
    }

    foreach (var (size, target) in new[] { (100, TimeSpan.FromSeconds(5)), (1000, TimeSpan.FromSeconds(30)) })
    {
        var dir = Directory.CreateDirectory(Path.Combine(temp.FullName, size.ToString(CultureInfo.InvariantCulture)));
        cases.Add(($"generated {size} x {1 + CatalogGenerator.Recovery.Length} regions", CatalogGenerator.Write(dir.FullName, size), target));
    }

    if (args.Length > 1)
    {
        cases.RemoveAll(c => !c.Name.Contains(args[1], StringComparison.Ordinal));
    }

    var timer = new ProcessTimer();
    Console.WriteLine($"DrProgram under mocks, one child process per declaration, {runs} runs per case (median wall, max peak memory)");
    Console.WriteLine();
    Console.WriteLine($"{"case",-34} {"resources",9} {"declare",9} {"process",9} {"cpu",9} {"peak mem",10} {"target",8}  met");
    Console.WriteLine(new string('-', 102));
    var allMet = true;
    foreach (var (name, file, target) in cases)
    {
        var walls = new List<TimeSpan>();
        var declares = new List<TimeSpan>();
        var cpus = new List<TimeSpan>();
        long peak = 0;
        var resources = 0;
        for (var i = 0; i < runs; i++)
        {
            var result = Path.Combine(temp.FullName, "result.txt");
            var sample = await timer.RunAsync(self, [.. selfArgs, "--declare", file, Path.GetFileNameWithoutExtension(file).Replace("Pulumi.", "", StringComparison.Ordinal), result], root, CancellationToken.None);
            var (count, declare) = Declaration.ReadResult(result);
            walls.Add(sample.Wall);
            declares.Add(declare);
            cpus.Add(sample.Cpu ?? TimeSpan.Zero);
            peak = Math.Max(peak, sample.PeakBytes);
            resources = count;
        }

        var wall = Median(walls);
        var met = (target is null || wall <= target) && peak < MemoryTarget;
        allMet &= met;
        Console.WriteLine($"{name,-34} {resources,9} {Seconds(Median(declares)),9} {Seconds(wall),9} {(timer.UsesGnuTime ? Seconds(Median(cpus)) : "n/a"),9} {peak / (1024.0 * 1024.0),7:F0} MB {(target is null ? "-" : Seconds(target.Value)),8}  {(met ? "yes" : "NO")}");
    }

    Console.WriteLine();
    Console.WriteLine("declare: Deployment.TestAsync of the program, in the child; process: the child from start to exit (runtime start-up");
    Console.WriteLine("included); cpu: the child's user + system time, which other load on the machine does not inflate the way it does wall time");
    Console.WriteLine($"memory target: < 1024 MB for every case; peak memory read from: {timer.MemorySource}");
    Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")} on {Environment.ProcessorCount} cores");
    return allMet ? 0 : 1;
}
finally
{
    temp.Delete(recursive: true);
}

static TimeSpan Median(List<TimeSpan> samples) => samples.Order().ElementAt((samples.Count - 1) / 2);

static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F2} s");

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
