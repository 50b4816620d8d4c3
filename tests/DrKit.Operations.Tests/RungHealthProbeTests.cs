using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Operations.Adapters;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class RungHealthProbeTests
{
    /// <summary>Probes that never answer, signalling once <paramref name="expected"/> are in flight together.</summary>
    private sealed class Unanswered(int expected) : HttpMessageHandler
    {
        private int _inFlight;

        public TaskCompletionSource AllInFlight { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _inFlight) == expected)
            {
                AllInFlight.TrySetResult();
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("never answers");
        }
    }

    private static IReadOnlyList<ProviderRungSpec> Rungs() =>
        ((ModelProviderSettings)BundledStacks.Topology("pilot-light").Components.Single(c => c.Settings is ModelProviderSettings).Settings).Providers;

    [Test]
    public async Task ProbeAsync_UnansweredProbes_RunAtOnce_AndEachEndsAtItsTimeout()
    {
        var rungs = Rungs();
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var handler = new Unanswered(rungs.Count);
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var probing = new RungHealthProbe(http, clock, TimeSpan.FromSeconds(5)).ProbeAsync(rungs, "us-west-2", CancellationToken.None);

        // Every probe is in flight before the clock moves at all: none waits for another to end (a guard against a hang, not a timing).
        await handler.AllInFlight.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.That(probing.IsCompleted, Is.False, "nothing answers and the bound has not passed");
        clock.Advance(TimeSpan.FromSeconds(5));
        var healthy = await probing.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(healthy.Values.ToList(), Has.Count.EqualTo(rungs.Count).And.All.False, "one bound for the whole chain: each unanswered probe counts as failed");
    }
}
