using System.Globalization;
using DrKit.Drills;
using DrKit.Drills.Benchmarks;
using DrKit.Drills.Postgres;
using Spectre.Console;

// Usage: DrKit.Drills.Benchmarks [runs-per-mode=10] [--sentinel] [--no-redis] [--history <file>]
var runs = args.FirstOrDefault(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)) is { } n
    ? int.Parse(n, CultureInfo.InvariantCulture) : 10;
var sentinel = args.Contains("--sentinel");
var redis = !args.Contains("--no-redis");
var historyIndex = Array.IndexOf(args, "--history");
var history = historyIndex >= 0 && historyIndex + 1 < args.Length ? args[historyIndex + 1] : null;
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Redirected output reports 80 columns, which would wrap every figure of the table.
    console.Profile.Width = 160;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var results = new List<(ReplicationMode Mode, DrillResult Result)>();
foreach (var mode in new[] { ReplicationMode.Async, ReplicationMode.Sync })
{
    for (var i = 1; i <= runs; i++)
    {
        var spec = new LocalDrillSpec
        {
            StackName = $"bench-{mode.ToString().ToLowerInvariant()}",
            PostgresMode = mode,
            Redis = redis,
            Sentinel = sentinel,
            WarmUp = TimeSpan.FromSeconds(2),
            PostgresTargets = new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)),
            RedisTargets = new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)),
        };
        var result = await LocalDrillRunner.RunAsync(spec, new DrillOptions(HistoryPath: history), cts.Token);
        results.Add((mode, result));
        var line = string.Join("  ", result.Tiers.Select(t =>
            string.Create(CultureInfo.InvariantCulture, $"{t.Tier}: RTO {t.Rto?.TotalSeconds:0.000} s, lost {t.LostWrites} ({t.RpoSeconds.TotalSeconds:0.000} s)")));
        console.MarkupLineInterpolated($"{mode} run {i}/{runs}: {result.Verdict}  {line}  detect {result.DetectionTime?.TotalMilliseconds:0} ms");
        if (result.Error is not null)
        {
            console.WriteLine(result.Summary);
        }
    }
}

var table = new Table().Title($"Local drills: {runs} runs per mode, 200 writes/s per tier, kill -9 of the primary").Border(TableBorder.Rounded)
    .AddColumns("Mode", "Tier", "Runs", "RTO p50", "RTO p95", "Lost p50", "Lost p95", "Lost max", "RPO p50", "RPO p95", "RPO max", "Detect p50");
foreach (var group in results.SelectMany(r => r.Result.Tiers.Select(t => (r.Mode, r.Result, Tier: t))).GroupBy(x => (x.Mode, x.Tier.Tier)))
{
    var rto = group.Where(x => x.Tier.Rto is not null).Select(x => x.Tier.Rto!.Value.TotalSeconds).ToList();
    var lost = group.Select(x => (double)x.Tier.LostWrites).ToList();
    var rpo = group.Select(x => x.Tier.RpoSeconds.TotalSeconds).ToList();
    var detect = group.Where(x => x.Result.DetectionTime is not null).Select(x => x.Result.DetectionTime!.Value.TotalSeconds).ToList();
    string S(double v) => v.ToString("0.000", CultureInfo.InvariantCulture) + " s";
    string C(double v) => v.ToString("0", CultureInfo.InvariantCulture);
    table.AddRow(group.Key.Mode.ToString(), group.Key.Tier, group.Count().ToString(CultureInfo.InvariantCulture),
        S(Percentiles.Of(rto, 50)), S(Percentiles.Of(rto, 95)), C(Percentiles.Of(lost, 50)), C(Percentiles.Of(lost, 95)), C(lost.Max()),
        S(Percentiles.Of(rpo, 50)), S(Percentiles.Of(rpo, 95)), S(rpo.Max()), S(Percentiles.Of(detect, 50)));
}

console.Write(table);
var failed = results.Count(r => r.Result.Engine?.Succeeded != true);
console.MarkupLineInterpolated($"Runs without a successful failover: {failed} of {results.Count}");
return failed == 0 ? 0 : 1;
