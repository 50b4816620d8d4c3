namespace DrKit.Failover.Tests.Fakes;

/// <summary>Moves a fake clock in small steps until a run finishes, for runs that wait on timers.</summary>
internal static class ClockDriver
{
    public static async Task<T> DriveAsync<T>(ManualTimeProvider clock, Task<T> run, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !run.IsCompleted; i++)
        {
            clock.Advance(step);
            // Lets continuations queued to the thread pool catch up before the clock moves again.
            await Task.Yield();
        }

        Assert.That(run.IsCompleted, Is.True, $"the run should finish within {maxSteps} clock steps of {step}");
        return await run;
    }
}
