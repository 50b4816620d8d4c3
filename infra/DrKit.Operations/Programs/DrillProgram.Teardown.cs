using DrKit.Core.Platforms.Aws;
using DrKit.Failover;

namespace DrKit.Operations.Programs;

/// <summary>
/// The teardown side of a drill: unlock a cut deployment, destroy, check the drill region for what the state never held,
/// and remove the stack only when nothing is left.
/// </summary>
public sealed partial class DrillProgram
{
    public const string UnlockStep = "CancelUpdate";

    /// <summary>The leftover check is one tagging API call: bounded on its own, so a destroy that used up its bound (or was
    /// cut by a second interrupt) still leaves time to name what is left.</summary>
    private static readonly TimeSpan LeftoverCheckBound = TimeSpan.FromMinutes(5);

    /// <summary>What a cancelled drill tells the operator at the first interrupt: what it waits for, and for how long at most.</summary>
    public static string CancelNotice(OperationTopology topology, DrillSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stack = settings.DrillStack ?? "the drill stack";
        return $"A deployment in flight may run on for up to {FailoverProgram.Text(CancelWait(topology, settings))} so the restores it started land in the state, " +
            $"then {stack} is destroyed (up to {FailoverProgram.Text(TeardownBound(topology, Tiers(topology, Region(topology)), settings))}) and the drill recorded. " +
            $"Interrupt again to stop waiting: the deployment is cut, {stack} is kept, and 'drkit teardown {stack}' finishes the cleanup.";
    }

    /// <summary>What a drill tells the operator at the second interrupt.</summary>
    public static string StopNotice(string drillStack) =>
        $"The deployment is cut and unlocked, what is left in the drill region is named, and {drillStack} is kept: run 'drkit teardown {drillStack}' to finish the cleanup.";

    private async Task<bool> TearDownAsync(string drillStack, string region, TimeSpan bound, DrillRun run, CancellationToken stopWaiting)
    {
        var runner = run.Runner;
        // A fresh token: cancelling the drill must not cancel its cleanup, but cleanup itself is bounded, and a second
        // interrupt stops it (the stack is then kept for 'drkit teardown').
        using var cts = new CancellationTokenSource(bound, time);
        using var stop = stopWaiting.Register(cts.Cancel);
        var destroyed = false;
        try
        {
            if (run.DeployCut)
            {
                await UnlockAsync(drillStack, runner).ConfigureAwait(false);
            }

            if (stopWaiting.IsCancellationRequested)
            {
                runner.Record("Destroy", StepOutcome.Skipped, $"not waited for after the second interrupt: run 'drkit teardown {drillStack}'");
            }
            else
            {
                await runner.RunAsync("Destroy", async () =>
                {
                    await gateway.DestroyAsync(drillStack, cts.Token).ConfigureAwait(false);
                    return $"resources of {drillStack} destroyed";
                }).ConfigureAwait(false);
                destroyed = true;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Recorded as a failed step; the report and exit code tell the operator to run teardown. A destroy cut by the
            // second interrupt leaves its own update unfinished: unlock it, so 'drkit teardown' can run.
            if (stopWaiting.IsCancellationRequested)
            {
                await UnlockAsync(drillStack, runner).ConfigureAwait(false);
            }
        }
        finally
        {
            // After any deployment that did not end (failed, timed out or cut), whatever destroy did: a restore the provider
            // had not recorded yet is invisible to destroy, and only the drill region can say it is there.
            if (run.DeployIncomplete)
            {
                await CheckLeftoversAsync(drillStack, region, run).ConfigureAwait(false);
            }
        }

        if (!destroyed || run.Leftovers.Count > 0 || runner.Records.Any(r => r.Name == LeftoversStep && r.Outcome != StepOutcome.Completed))
        {
            return false;
        }

        try
        {
            await runner.RunAsync("Remove", async () =>
            {
                await gateway.RemoveAsync(drillStack, cts.Token).ConfigureAwait(false);
                return $"stack {drillStack} removed";
            }).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>
    /// 'pulumi cancel': a cut 'pulumi up' never marks its update finished, and the backend refuses the next operation on the
    /// stack (Pulumi Cloud answers 409 "Another update is currently in progress", a DIY backend keeps its lock file) until
    /// it is cancelled (https://www.pulumi.com/docs/iac/cli/commands/pulumi_cancel/). Best effort: it fails when no update
    /// is running, and destroy then shows whether the stack is usable. It talks to the backend only, never to a region.
    /// </summary>
    private async Task UnlockAsync(string drillStack, ProgramRunner runner)
    {
        using var cts = new CancellationTokenSource(LeftoverCheckBound, time);
        try
        {
            await runner.RunAsync(UnlockStep, async () =>
            {
                await gateway.CancelUpdateAsync(drillStack, cts.Token).ConfigureAwait(false);
                return $"the unfinished update of {drillStack} was cancelled, so the stack can be destroyed";
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Recorded as a failed step; destroy (or 'drkit teardown') goes on.
        }
    }

    /// <summary>Asks the drill region (never the source's) what still carries the drill stack's tag.</summary>
    private async Task CheckLeftoversAsync(string drillStack, string region, DrillRun run)
    {
        using var cts = new CancellationTokenSource(LeftoverCheckBound, time);
        try
        {
            await run.Runner.RunAsync(LeftoversStep, async () =>
            {
                run.Leftovers.AddRange(await points.ReadLeftoversAsync(drillStack, region, cts.Token, run.Azure).ConfigureAwait(false));
                return run.Leftovers.Count == 0
                    ? $"nothing in {region} is tagged {AwsNames.StackTagKey}={drillStack}"
                    : throw new InvalidOperationException(
                        $"the deployment did not end and left resources the state does not hold, still tagged {AwsNames.StackTagKey}={drillStack} in {region}: {string.Join(", ", run.Leftovers)}. " +
                        $"The drill stack is kept; delete them (the tagging API can list a resource for a while after it was deleted: check each first), then run 'drkit teardown {drillStack}'.");
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Recorded as a failed step; the stack is kept.
        }
    }
}
