using DrKit.Failover;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>A verification that reads the cloud itself (a role, a routing control, a group's instances), never stack outputs.</summary>
public sealed class CloudCheck(string name, string expectation, Func<CancellationToken, Task<(bool Healthy, string Detail)>> check, TimeProvider time) : IHealthProbe
{
    public string Name => name;

    /// <summary>What the check expects, for dry runs.</summary>
    public string Expectation => expectation;

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var (healthy, detail) = await check(ct).ConfigureAwait(false);
        return new ProbeResult(healthy, detail, time.GetElapsedTime(start));
    }
}
