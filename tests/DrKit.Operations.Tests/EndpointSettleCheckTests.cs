using System.Net;
using DrKit.Operations.Adapters;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class EndpointSettleCheckTests
{
    private static readonly Uri Url = new("https://api.usw2.example.com/healthz");

    /// <summary>Answers each request with the next status of the list (the last one repeats).</summary>
    private sealed class Statuses(params HttpStatusCode[] codes) : HttpMessageHandler
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(codes[Math.Min(_next++, codes.Length - 1)]));
    }

    [Test]
    public async Task Probe_PassesOnlyOnceTheEndpointKeptAnsweringThroughTheSettleTime()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient(new Statuses(HttpStatusCode.OK));
        var check = new EndpointSettleCheck(http, Url, TimeSpan.FromSeconds(90), clock, "us-west-2");

        var first = await check.ProbeAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(60));
        var early = await check.ProbeAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        var settled = await check.ProbeAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Healthy, Is.False, "Route 53 has not yet seen the consecutive passing checks: it still answers with the old region");
            Assert.That(early.Healthy, Is.False, "the TTL has not run out either");
            Assert.That(settled.Healthy, Is.True, settled.Detail);
        });
    }

    [Test]
    public async Task Probe_AFailedAnswerRestartsTheCount()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient(new Statuses(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK));
        var check = new EndpointSettleCheck(http, Url, TimeSpan.FromSeconds(90), clock, "us-west-2");

        await check.ProbeAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(60));
        var failed = await check.ProbeAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(60));
        var again = await check.ProbeAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Detail, Does.Contain("503"), "the failing answer is reported");
            Assert.That(again.Healthy, Is.False, "Route 53 counts consecutive passes: a 503 starts the count again");
        });
    }

    [Test]
    public async Task Failover_VerifyEndsTheMeasuredRtoOnlyAfterTheRecoveryEndpointSettled()
    {
        using var http = new HttpClient(new Statuses(HttpStatusCode.OK));
        var harness = new AwsFailoverHarness { Http = http };

        var result = await harness.RunAsync();

        var plan = BundledStacks.Topology("pilot-light").Traffic!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(result.Steps.Single(s => s.Name == "Verify").Detail, Does.Contain("endpoint us-west-2"), "Verify names the user-facing check");
            Assert.That(plan.Settle, Is.EqualTo(TimeSpan.FromSeconds(10 * 3 + 60)), "three passing checks 10 s apart, then the 60 s TTL");
            var verify = result.Steps.Single(s => s.Name == "Verify");
            Assert.That(verify.Duration, Is.GreaterThanOrEqualTo(plan.Settle), "the measured RTO includes the time Route 53 and resolvers need");
        });
    }
}
