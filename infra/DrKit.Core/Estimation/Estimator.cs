using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>
/// Picks each component's mechanism from its strategy and options and estimates the RPO and RTO it can
/// achieve on the loss of the primary region (or, on a single-region stack, of the component itself).
/// </summary>
internal static partial class Estimator
{
    public static Draft Draft(ComponentSpec c, EstimateContext ctx) => c.Options switch
    {
        EndpointOptions o => Endpoint(c, o, ctx),
        PostgresOptions o => Postgres(c, o, ctx),
        RedisOptions o => Redis(c, o, ctx),
        VectorIndexOptions o => VectorIndex(c, o, ctx),
        BucketOptions o => Bucket(c, o, ctx),
        RegistryOptions o => Registry(o, ctx),
        GpuOptions o => Gpu(c, o, ctx),
        OnlineFeatureStoreOptions o => OnlineFeatureStore(c, o, ctx),
        ModelProviderOptions o => ModelProvider(c, o, ctx),
        Platforms.Kubernetes.KubernetesOptions o => Platforms.Kubernetes.KubernetesEstimator.Draft(c, o, ctx),
        _ => throw new InvalidOperationException($"no estimator for {c.Options.GetType().Name}"),
    };

    private static Estimate Stateless(Derivation rto, bool rtoGuaranteed = true, params string[] caveats) =>
        new(null, rto.Total, true, rtoGuaranteed, [rto.Explain()], caveats);

    private static Estimate Stateful(Derivation rpo, Derivation rto, bool rpoGuaranteed = true, bool rtoGuaranteed = true, params string[] caveats) =>
        new(rpo.Total, rto.Total, rpoGuaranteed, rtoGuaranteed, [rpo.Explain(), rto.Explain()], caveats);

    private static Draft Endpoint(ComponentSpec c, EndpointOptions o, EstimateContext ctx)
    {
        var rto = ctx.Detect(new Derivation("RTO"));
        string mechanism;
        var running = 0;
        switch (c.Strategy)
        {
            case Strategy.BackupRestore:
                mechanism = "redeploy from code";
                rto.Add("provision", Assumptions.ComputeProvisioning, $"create compute in {ctx.Recovery}").Add("start", o.StartupTime, "start API containers");
                break;
            case Strategy.WarmStandby when o.StandbyRunning > 0:
            case Strategy.ActiveActive:
                running = c.Strategy == Strategy.ActiveActive ? Math.Max(1, o.StandbyRunning) : o.StandbyRunning;
                mechanism = c.Strategy == Strategy.ActiveActive ? "live in every region, health-checked routing" : $"compute already running ({running})";
                break;
            default:
                mechanism = "compute scaled from zero";
                rto.Add("launch", Assumptions.InstanceLaunch, "launch instances into the zero-sized recovery group").Add("start", o.StartupTime, "start API containers");
                break;
        }

        ctx.Dns(rto);
        var regions = new List<RegionSettings> { Region.Of(ctx.Primary, "primary", ("endpoint", o.Endpoints.GetValueOrDefault(ctx.Primary, "(not set)")), ("port", o.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))) };
        regions.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("endpoint", o.Endpoints.GetValueOrDefault(r, "(not set)")), ("running", running.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        return new Draft(mechanism, Stateless(rto), new EndpointSettings(o.Endpoints, o.Port, running), regions);
    }

    private static Draft Gpu(ComponentSpec c, GpuOptions o, EstimateContext ctx)
    {
        var reserved = o.Reserved ?? c.Strategy != Strategy.BackupRestore;
        var running = c.Strategy switch
        {
            Strategy.ActiveActive => o.Count,
            Strategy.WarmStandby => o.StandbyRunning,
            _ => 0,
        };
        var rto = ctx.Detect(new Derivation("RTO"));
        if (c.Strategy == Strategy.BackupRestore)
        {
            rto.Add("provision", Assumptions.ComputeProvisioning, "create the serving group from code");
        }

        if (running < o.Count)
        {
            rto.Add("boot", o.BootTime, $"launch {o.Count - running} x {o.InstanceType}").Add("load", o.ModelLoadTime, "load model weights");
        }

        var caveats = reserved ? [] : new[] { $"on-demand {o.InstanceType} capacity may not exist in {ctx.Recovery} at failover: reserve it or accept the risk" };
        var mechanism = (reserved ? "reserved capacity" : "on-demand capacity") + c.Strategy switch
        {
            Strategy.ActiveActive => ", live in every region",
            Strategy.WarmStandby => $", {running} of {o.Count} running",
            Strategy.PilotLight => ", none running",
            _ => ", provisioned at failover",
        };

        var allocations = new List<GpuAllocation>
        {
            new(ctx.Primary, Zone(o, ctx.Primary), c.Strategy == Strategy.ActiveActive && reserved ? o.Count : 0, o.Count, o.ReservationEnd),
        };
        allocations.AddRange(ctx.Stack.RecoveryRegions.Select(r => new GpuAllocation(r, Zone(o, r), reserved ? o.Count : 0, running, o.ReservationEnd)));
        var regions = allocations.Select(a => Region.Of(a.Region, a.Region == ctx.Primary ? "primary" : "recovery",
            ("instanceType", o.InstanceType), ("zone", a.AvailabilityZone), ("reserved", a.Reserved.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("running", a.Running.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        return new Draft(mechanism, Stateless(rto, reserved, caveats), new GpuSettings(o.InstanceType, o.Count, reserved, allocations) { Launch = o.Launch, WarmUp = o.BootTime + o.ModelLoadTime }, regions);
    }

    private static string Zone(GpuOptions o, string region) => o.AvailabilityZones.GetValueOrDefault(region, region + "a");
}
