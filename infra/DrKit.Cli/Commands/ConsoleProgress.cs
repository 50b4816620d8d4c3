using DrKit.Failover;
using Spectre.Console;

namespace DrKit.Cli.Commands;

/// <summary>Live progress of a real operation: one line as each step starts and one as it ends.</summary>
internal sealed class ConsoleProgress(IAnsiConsole console) : IFailoverObserver
{
    public void StepStarted(string operationId, string step, DateTimeOffset startedAt) =>
        console.MarkupLine($"[grey]{startedAt:HH:mm:ss}[/] [blue]>[/] {Markup.Escape(step)}");

    public void StepCompleted(string operationId, string step, StepOutcome outcome, TimeSpan duration, string detail) =>
        console.MarkupLine($"[green]  {Markup.Escape(outcome.ToString())}[/] {Markup.Escape(step)} [grey]({duration.TotalSeconds:0.0}s)[/] {Markup.Escape(detail)}");

    public void StepFailed(string operationId, string step, StepOutcome outcome, TimeSpan duration, string detail) =>
        console.MarkupLine($"[red]  {Markup.Escape(outcome.ToString())}[/] {Markup.Escape(step)} [grey]({duration.TotalSeconds:0.0}s)[/] {Markup.Escape(detail)}");
}
