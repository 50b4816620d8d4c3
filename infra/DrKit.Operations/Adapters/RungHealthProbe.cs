using DrKit.Core.Estimation;
using DrKit.Core.Model;

namespace DrKit.Operations.Adapters;

/// <summary>
/// Asks model-provider rungs' health check URLs whether they serve: one GET each, healthy on a 2xx answer. No answer, a
/// refused connection, the per-probe timeout or any other status is unhealthy, so a switch never lands on a rung whose
/// probe it could not reach. The probes run in parallel, each bounded by <see cref="Assumptions.ProviderProbeTimeout"/>
/// on the injected clock, so an operation waits one timeout at most however long the chain. Rungs without a URL for the
/// region asked are not probed (the decision then knows nothing of their health).
/// </summary>
public sealed class RungHealthProbe(HttpClient client, TimeProvider? time = null, TimeSpan? timeout = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _timeout = timeout ?? Assumptions.ProviderProbeTimeout;

    /// <summary>Rung -> healthy, for every rung of <paramref name="rungs"/> with a URL through the application in
    /// <paramref name="region"/> (<see cref="ProviderRungSpec.HealthCheckUrlIn"/>).</summary>
    public Task<IReadOnlyDictionary<string, bool>> ProbeAsync(IEnumerable<ProviderRungSpec> rungs, string region, CancellationToken ct) =>
        ProbeAsync(rungs, r => r.HealthCheckUrlIn(region), ct);

    /// <summary>Rung -> healthy, for every rung <paramref name="url"/> gives a URL for, all probed at once.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ProbeAsync(IEnumerable<ProviderRungSpec> rungs, Func<ProviderRungSpec, string?> url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        ArgumentNullException.ThrowIfNull(url);
        var probes = rungs.Select(r => (r.Name, Url: url(r))).Where(p => p.Url is not null)
            .Select(async p => (p.Name, Healthy: await HealthyAsync(new Uri(p.Url!), ct).ConfigureAwait(false))).ToList();
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (name, healthy) in await Task.WhenAll(probes).ConfigureAwait(false))
        {
            // Two chains may name a rung alike: it is healthy only when every probe of that name passed.
            results[name] = healthy && results.GetValueOrDefault(name, true);
        }

        return results;
    }

    public async Task<bool> HealthyAsync(Uri url, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(_timeout, _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, bounded.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The probe's own bound or the client's timeout: the provider's probe did not answer in time.
            return false;
        }
    }

    /// <summary>How a dry run shows the probe through the application in <paramref name="region"/>.</summary>
    public static string Describe(ProviderRungSpec rung, string region)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.HealthCheckUrlIn(region) is { } url ? $"GET {url} (2xx = {rung.Name} healthy)" : $"{rung.Name}: no healthCheckUrl for {region}, not probed";
    }
}
