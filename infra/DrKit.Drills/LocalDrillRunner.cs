using System.Globalization;
using DrKit.Drills.Hosting;
using DrKit.Drills.Reports;
using DrKit.Drills.Running;
using Spectre.Console;

namespace DrKit.Drills;

/// <summary>
/// Runs a disaster-recovery drill on this machine: real PostgreSQL and Redis servers on loopback, a steady
/// write workload, an injected failure, the failover engine through local adapters, and measured RTO/RPO.
/// Everything the drill starts is torn down before this returns, whatever happened.
/// </summary>
public static class LocalDrillRunner
{
    /// <summary>
    /// Runs one drill. A failing drill is reported through <see cref="DrillResult.Verdict"/> and
    /// <see cref="DrillResult.Error"/>; only the caller's own cancellation throws.
    /// </summary>
    public static async Task<DrillResult> RunAsync(LocalDrillSpec spec, DrillOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        spec.Validate();
        var time = options.EffectiveTime;
        var startedAt = time.GetUtcNow();
        var drillId = string.Create(CultureInfo.InvariantCulture, $"{spec.StackName}-{startedAt:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");

        DrillResult result;
        if (options.Console is { } console)
        {
            console.MarkupLine($"[bold]DrKit local drill[/] {Markup.Escape(drillId)}: {Markup.Escape(spec.FailureMode.ToString())}, PostgreSQL {spec.PostgresMode}");
            result = await console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async ctx =>
            {
                void Show(DrillEvent e) => ctx.Status(Markup.Escape(
                    string.Create(CultureInfo.InvariantCulture, $"{(e.At - startedAt).TotalSeconds,6:0.00} s  {e.Name}")));
                return await RunCoreAsync(spec, options, drillId, startedAt, Show, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            result = await RunCoreAsync(spec, options, drillId, startedAt, null, ct).ConfigureAwait(false);
        }

        if (options.HistoryPath is { } history)
        {
            await new DrillHistory(history).AppendAsync(result, ct).ConfigureAwait(false);
        }

        if (options.ReportDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, drillId + ".md"), MarkdownReport.Render(result), ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(dir, drillId + ".html"), HtmlReport.Render(result), ct).ConfigureAwait(false);
        }

        if (options.Console is { } c)
        {
            ConsoleReport.Render(c, result);
        }

        return result;
    }

    private static async Task<DrillResult> RunCoreAsync(LocalDrillSpec spec, DrillOptions options, string drillId,
        DateTimeOffset startedAt, Action<DrillEvent>? onEvent, CancellationToken ct)
    {
        var harness = ProcessHarness.Create(new HarnessOptions(options.TempRoot, options.EffectiveTimeout));
        var timeline = new DrillTimeline(options.EffectiveTime, e =>
        {
            // Milestones only: acknowledgements and detector chatter (a false alarm) say nothing of where a drill stopped.
            if (e.Kind is "phase" or "failure" or "step" or "restore")
            {
                harness.NotePhase(e.Name);
            }

            onEvent?.Invoke(e);
        });
        var session = new DrillSession(spec, drillId, harness, timeline);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, harness.Lifetime);
            return await session.RunAsync(startedAt, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = harness.TimedOut
                ? $"The drill exceeded its {options.EffectiveTimeout.TotalSeconds:0} s timeout and was torn down."
                : e is OperationCanceledException ? "The drill was interrupted and torn down." : $"{e.GetType().Name}: {e.Message}";
            timeline.Add("error", "drill failed", reason);
            return session.Result(startedAt, DrillVerdict.Failed, reason) with { Error = e.ToString(), Timeline = timeline.Snapshot() };
        }
        finally
        {
            await harness.DisposeAsync().ConfigureAwait(false);
        }
    }
}
