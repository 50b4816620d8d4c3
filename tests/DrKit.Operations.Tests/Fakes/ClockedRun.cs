namespace DrKit.Operations.Tests.Fakes;

/// <summary>Drives a run on a manual clock: moves the clock in small steps while the run waits on timers (polls, hanging calls).</summary>
internal static class ClockedRun
{
    public static async Task<T> DriveAsync<T>(Task<T> run, ManualTimeProvider clock)
    {
        for (var i = 0; i < 50_000 && !run.IsCompleted; i++)
        {
            await Task.Yield();
            if (!run.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.That(run.IsCompleted, Is.True, "the run should finish within the simulated time");
        return await run;
    }
}
