using DrKit.Failover;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>A verification that reads the cloud itself (a role, a routing control, a group's instances), never stack outputs.</summary>
public sealed class CloudCheck(string name, string expectation, Func<CancellationToken, Task<(bool Healthy, string Detail)>> check, TimeProvider time) : IHealthProbe
{
    public string Name => name;

    /// <summary>What the check expects, for dry runs.</summary>
    public string Expectation => expectation;

    /// <summary>The member <paramref name="promoter"/> promoted acts as a writer, read from the system itself.</summary>
    public static CloudCheck Writer(IDataPromoter promoter, string expectation, TimeProvider time) => new($"{promoter.Name} writer", expectation, async ct =>
        await promoter.IsPromotedAsync(ct).ConfigureAwait(false) ? (true, "writer") : (false, "still a replica"), time);

    /// <summary>Only <paramref name="region"/>'s routing control is On, read from the ARC data plane.</summary>
    public static CloudCheck OnlyOn(ITrafficSwitch traffic, string region, TimeProvider time) => new("traffic", $"only {region} On", async ct =>
    {
        var now = await traffic.GetStateAsync(ct).ConfigureAwait(false);
        return (now.ActiveRegion == region && now.Percent == 100, $"{now.ActiveRegion} {now.Percent}%");
    }, time);

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var (healthy, detail) = await check(ct).ConfigureAwait(false);
        return new ProbeResult(healthy, detail, time.GetElapsedTime(start));
    }
}
