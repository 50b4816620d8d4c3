using DrKit.Core.Model;

namespace DrKit.Operations.Adapters;

/// <summary>
/// Asks a model-provider rung's health check URL whether it serves: one GET, healthy on a 2xx answer. No answer, a
/// refused connection, the client's timeout or any other status is unhealthy, so a switch never lands on a rung whose
/// probe it could not reach. Rungs without a URL are not probed (the decision then knows nothing of their health).
/// </summary>
public sealed class RungHealthProbe(HttpClient client)
{
    /// <summary>Rung -> healthy, for every rung of <paramref name="rungs"/> that declares a health check URL.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> ProbeAsync(IEnumerable<ProviderRungSpec> rungs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var rung in rungs.Where(r => r.HealthCheckUrl is not null))
        {
            results[rung.Name] = await HealthyAsync(new Uri(rung.HealthCheckUrl!), ct).ConfigureAwait(false);
        }

        return results;
    }

    public async Task<bool> HealthyAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // The client's own timeout: the provider's probe did not answer in time.
            return false;
        }
    }

    /// <summary>How a dry run shows the probe.</summary>
    public static string Describe(ProviderRungSpec rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.HealthCheckUrl is { } url ? $"GET {url} (2xx = {rung.Name} healthy)" : $"{rung.Name}: no healthCheckUrl, not probed";
    }
}
