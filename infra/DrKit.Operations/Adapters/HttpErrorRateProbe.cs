using DrKit.Failover;

namespace DrKit.Operations.Adapters;

/// <summary>
/// Measures the error rate live by sending a burst of requests to the service's health URL through public DNS,
/// so it sees whatever the traffic shift did; a failed request or a non-success status counts as an error.
/// </summary>
public sealed class HttpErrorRateProbe(HttpClient client, Uri url, int samples = 20) : IErrorRateProbe
{
    public Uri Url => url;

    public async Task<double> GetErrorRateAsync(CancellationToken ct)
    {
        var errors = 0;
        for (var i = 0; i < samples; i++)
        {
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                errors += response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                errors++;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // The client's own timeout: the service did not answer in time.
                errors++;
            }
        }

        return samples == 0 ? 0 : errors / (double)samples;
    }
}
