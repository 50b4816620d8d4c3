using DrKit.Failover;

namespace DrKit.Operations.Adapters;

/// <summary>
/// Verification that users can reach the recovery region, not only that its parts are up: the region's health-check
/// URL (the one Route 53 probes) must answer 2xx from this machine and keep answering for <paramref name="settle"/>
/// (Route 53's consecutive passing checks plus the record TTL, <see cref="Core.Planning.TrafficPlan.Settle"/>) before
/// the check passes. Until Route 53 calls the recovery record healthy, an all-unhealthy answer set fails open to the
/// old region, so ending the measured RTO earlier would report a recovery users do not see. A failed answer restarts
/// the count.
/// </summary>
public sealed class EndpointSettleCheck(HttpClient client, Uri url, TimeSpan settle, TimeProvider time, string region) : IHealthProbe
{
    private DateTimeOffset? _answeringSince;

    public string Name => $"endpoint {region}";

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        string? failure;
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            failure = response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            failure = $"{url} unreachable ({e.Message})";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            failure = $"{url} did not answer in time";
        }

        var now = time.GetUtcNow();
        if (failure is not null)
        {
            _answeringSince = null;
            return new ProbeResult(false, failure, time.GetElapsedTime(start));
        }

        _answeringSince ??= now;
        var answering = now - _answeringSince.Value;
        var settled = answering >= settle;
        var detail = settled
            ? $"{url} answering for {Text(answering)}, past Route 53's passing checks and the TTL ({Text(settle)})"
            : $"{url} answering for {Text(answering)}; Route 53 needs {Text(settle)} (passing checks + TTL) before users arrive";
        return new ProbeResult(settled, detail, time.GetElapsedTime(start));
    }

    private static string Text(TimeSpan span) => Core.Objectives.DurationText.Format(span < TimeSpan.Zero ? TimeSpan.Zero : span);
}
