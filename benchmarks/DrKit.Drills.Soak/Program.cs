using System.Globalization;
using DrKit.Drills;
using DrKit.Drills.Benchmarks;
using DrKit.Drills.Postgres;
using DrKit.Drills.Soak;
using Spectre.Console;

// Usage: DrKit.Drills.Soak [runs=100] [--seed N] [--minutes M]
// Runs local drills in a row as real drkit processes over every failure mode (PostgreSQL async and sync), and
// SIGKILLs every fourth drill at a random point. Prints leftovers (target 0), acknowledged writes lost in sync
// mode (target 0) and the RTO distribution. --minutes stops starting new drills after M minutes.
var runs = args.FirstOrDefault(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 100;
var seed = Option("--seed") ?? 12;
var minutes = Option("--minutes");
var random = new Random(seed);
var root = FindRoot();
var cli = Path.Combine(root, "infra", "DrKit.Cli", "bin", "Release", "net10.0", "drkit.dll");
if (!File.Exists(cli))
{
    cli = Path.Combine(root, "infra", "DrKit.Cli", "bin", "Debug", "net10.0", "drkit.dll");
}

var work = Path.Combine(Path.GetTempPath(), "drkit-soak-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    console.Profile.Width = 160;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

// Every failure mode a local drill has, over both replication modes the bundled stacks declare.
(string Stack, string Failure, bool Restore, bool Force)[] modes =
[
    ("pilot-light", "kill-primary", false, false),
    ("active-active", "kill-primary", false, false),
    ("pilot-light", "kill-primary", true, false),
    ("active-active", "stop-archive", false, false),
    // A paused replica fails over only once its lag passes the RPO: active-active's PostgreSQL RPO is a minute,
    // pilot-light's an hour, which no drill (3 min limit) waits out.
    ("active-active", "paused-replica", false, false),
    ("active-active", "kill-primary", true, false),
    ("active-active", "paused-replica", false, true),
];

console.MarkupLineInterpolated($"Soak: up to {runs} drills, seed {seed}, work dir {work}, drkit {cli}");
var soak = new SoakRun(cli, root, work);
var outcomes = new List<SoakOutcome>();
var started = DateTime.UtcNow;
var normal = 0;
for (var i = 1; i <= runs && !cts.IsCancellationRequested; i++)
{
    if (minutes is { } m && DateTime.UtcNow - started > TimeSpan.FromMinutes(m))
    {
        console.MarkupLineInterpolated($"Stopping after {i - 1} drills: the {m}-minute budget is spent.");
        break;
    }

    SoakOutcome outcome;
    if (i % 4 == 0)
    {
        // A drill takes 8 to 20 s; a kill anywhere in 0.3 to 16 s lands in start-up, warm-up, failover or restore.
        var mode = modes[random.Next(modes.Length)];
        var after = TimeSpan.FromSeconds(0.3 + (random.NextDouble() * 15.7));
        outcome = await soak.RunAsync(i, mode.Stack, mode.Failure, mode.Restore, mode.Force, after, cts.Token);
    }
    else
    {
        var mode = modes[normal++ % modes.Length];
        outcome = await soak.RunAsync(i, mode.Stack, mode.Failure, mode.Restore, mode.Force, null, cts.Token);
    }

    outcomes.Add(outcome);
    var r = outcome.Result;
    var tiers = r is null ? string.Empty : string.Join("  ", r.Tiers.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Tier} RTO {t.Rto?.TotalSeconds:0.000} s lost {t.LostWrites}")));
    var fate = outcome.Killed ? string.Create(CultureInfo.InvariantCulture, $"SIGKILL at {outcome.KilledAfterSeconds:0.0} s") : $"{r?.Verdict.ToString() ?? "no result"}";
    console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{i,3} {outcome.What,-42} {fate,-18} {tiers}  leftovers {outcome.Leftovers.Count}  ({outcome.Seconds:0.0} s)"));
    foreach (var left in outcome.Leftovers)
    {
        console.WriteLine("      left: " + left);
    }
}

var results = outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList();
var rto = results.SelectMany(r => r.Tiers).Where(t => t.Rto is not null).Select(t => t.Rto!.Value.TotalSeconds).ToList();
var syncTiers = results.Where(r => r.Spec.PostgresMode == ReplicationMode.Sync && r.Spec.FailureMode == DrillFailureMode.KillPrimary)
    .SelectMany(r => r.Tiers.Where(t => t.Tier == "postgres")).ToList();
string S(double v) => double.IsNaN(v) ? "-" : v.ToString("0.000", CultureInfo.InvariantCulture) + " s";
var table = new Table().Title("Soak of local drills").Border(TableBorder.Rounded).AddColumns("Measure", "Result", "Target");
table.AddRow("Drills run", outcomes.Count.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture));
table.AddRow("  of which SIGKILLed", outcomes.Count(o => o.Killed).ToString(CultureInfo.InvariantCulture), "every 4th");
table.AddRow("  completed with a result", results.Count.ToString(CultureInfo.InvariantCulture), "-");
table.AddRow("  verdicts", string.Join(", ", results.GroupBy(r => r.Verdict).Select(g => $"{g.Key} {g.Count()}")), "-");
table.AddRow("Leftover processes", outcomes.Sum(o => o.Leftovers.Count(l => l.StartsWith("process", StringComparison.Ordinal))).ToString(CultureInfo.InvariantCulture), "0");
table.AddRow("Leftover listening ports", outcomes.Sum(o => o.Leftovers.Count(l => l.StartsWith("port", StringComparison.Ordinal))).ToString(CultureInfo.InvariantCulture), "0");
table.AddRow("Leftover directories", outcomes.Sum(o => o.Leftovers.Count(l => l.StartsWith("directory", StringComparison.Ordinal))).ToString(CultureInfo.InvariantCulture), "0");
table.AddRow("Leftover records", outcomes.Sum(o => o.Leftovers.Count(l => l.StartsWith("record", StringComparison.Ordinal))).ToString(CultureInfo.InvariantCulture), "0");
table.AddRow("Acknowledged writes lost, sync mode (kill-primary)", $"{syncTiers.Sum(t => t.LostWrites)} in {syncTiers.Count} failovers", "0");
table.AddRow("RTO p50 / p95 / max (every tier, every failover)", $"{S(Percentiles.Of(rto, 50))} / {S(Percentiles.Of(rto, 95))} / {S(rto.Count == 0 ? double.NaN : rto.Max())} over {rto.Count}", "-");
table.AddRow("Wall time", string.Create(CultureInfo.InvariantCulture, $"{(DateTime.UtcNow - started).TotalMinutes:0.0} min"), "-");
console.Write(table);
var clean = outcomes.All(o => o.Leftovers.Count == 0) && syncTiers.All(t => t.LostWrites == 0);
return clean ? 0 : 1;

int? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}

static string FindRoot()
{
    for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
    {
        if (File.Exists(Path.Combine(dir, "Infra.sln")))
        {
            return dir;
        }
    }

    return Directory.GetCurrentDirectory();
}
