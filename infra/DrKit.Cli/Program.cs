using DrKit.Cli;
using DrKit.Cli.Commands;

// A native drkit hands the commands that need the Pulumi Automation API to its companion before doing anything else.
if (AutomationCompanion.Find(AppContext.BaseDirectory) is { } companion && AutomationCompanion.Delegates(args, GatewayFactory.Available, companion))
{
    return AutomationCompanion.Exec(companion, args, Console.Error);
}

// Ctrl-C and SIGTERM cancel the command instead of ending the process, so cleanup (a drill's teardown) can run.
using var signals = TerminationSignals.Register(Console.Error);
return await DrKitApp.RunAsync(args, CliIO.FromProcess() with { Signals = signals }, signals.Cancelled);
