using DrKit.Core.Model;
using DrKit.Failover;
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
        RegistryOptions o => Registry(c, o, ctx),
        GpuOptions o => Gpu(c, o, ctx),
        OnlineFeatureStoreOptions o => OnlineFeatureStore(c, o, ctx),
        ModelProviderOptions o => ModelProvider(c, o, ctx),
        Platforms.Kubernetes.KubernetesOptions o => Platforms.Kubernetes.KubernetesEstimator.Draft(c, o, ctx),
        Platforms.Azure.AzureOptions o => Platforms.Azure.AzureEstimator.Draft(c, o, ctx),
        _ => throw new InvalidOperationException($"no estimator for {c.Options.GetType().Name}"),
    };

    private static Estimate Stateless(Derivation rto, params string[] caveats) => Estimates.Of(null, rto, caveats);

    private static Estimate Stateful(Derivation rpo, Derivation rto, params string[] caveats) => Estimates.Of(rpo, rto, caveats);

    private static Draft Endpoint(ComponentSpec c, EndpointOptions o, EstimateContext ctx)
    {
        var rto = new Derivation("RTO");
        var startup = Figure.Configured(o.StartupTime, "drkit:components.<name>.startupTime (default 1m, assumed)");
        var caveats = new List<string>();
        string mechanism;
        var running = 0;
        switch (c.Strategy)
        {
            case Strategy.BackupRestore:
                mechanism = "redeploy from code";
                ctx.DetectAndDecide(rto, c.Tier).Add("provision", Figures.ComputeProvisioning, $"create compute in {ctx.Recovery}").Add("start", startup, "start API containers");
                ctx.Dns(rto);
                break;
            case Strategy.ActiveActive:
                // Health-checked routing drops the failed region by itself: no decision, no failover step.
                running = Math.Max(1, o.StandbyRunning);
                mechanism = "live in every region, health-checked routing";
                ctx.Detect(rto);
                ctx.Dns(rto);
                caveats.Add($"the surviving region takes all traffic: it needs the headroom to serve it (running {running} per region)");
                break;
            case Strategy.WarmStandby when o.StandbyRunning > 0:
                running = o.StandbyRunning;
                mechanism = $"compute already running ({running})";
                ctx.DetectAndDecide(rto, c.Tier);
                break;
            default:
                mechanism = "compute scaled from zero";
                ctx.DetectAndDecide(rto, c.Tier)
                   .Add("launch", Figures.InstanceLaunch, "launch instances into the zero-sized recovery group", FailoverSteps.ScaleCompute)
                   .Add("start", startup, "start API containers", FailoverSteps.ScaleCompute);
                break;
        }

        if (c.Strategy != Strategy.BackupRestore)
        {
            caveats.Add($"clients and resolvers that cache DNS beyond the {DurationText.Format(ctx.Traffic.Ttl)} TTL (JVMs, some ISP resolvers) keep calling {ctx.Primary} longer");
        }

        var regions = new List<RegionSettings> { Region.Of(ctx.Primary, "primary", ("endpoint", o.Endpoints.GetValueOrDefault(ctx.Primary, "(not set)")), ("port", o.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))) };
        regions.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("endpoint", o.Endpoints.GetValueOrDefault(r, "(not set)")), ("running", running.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        return new Draft(mechanism, Stateless(rto, [.. caveats]), new EndpointSettings(o.Endpoints, o.Port, running), regions) { ServesTraffic = c.Strategy != Strategy.BackupRestore && c.Strategy != Strategy.ActiveActive };
    }

    private static Draft Gpu(ComponentSpec c, GpuOptions o, EstimateContext ctx)
    {
        var reserved = o.Reserved ?? c.Strategy != Strategy.BackupRestore;
        var running = EstimateContext.RunningInRecovery(c.Strategy, o.Count, o.StandbyRunning);
        var rto = ctx.ComputeRto(c);
        var step = ctx.ComputeStep(c);
        if (c.Strategy == Strategy.BackupRestore)
        {
            rto.Add("provision", Figures.ComputeProvisioning, "create the serving group from code");
        }

        var caveats = new List<string>();
        if (running < o.Count)
        {
            var boot = o.BootTimeConfigured ? Figure.Configured(o.BootTime, "bootTime") : Figures.GpuBoot;
            if (!reserved)
            {
                boot = boot.WithoutBound($"on-demand {o.InstanceType} capacity may not exist in {ctx.Recovery} when every customer of the region fails over");
            }

            rto.Add("boot", boot, $"launch {o.Count - running} x {o.InstanceType}", step);
            if (o.ImageSizeGb is { } image)
            {
                rto.Add("pull", Figures.ImagePullFor(image), $"pull the {image:0.#} GB serving image (imageSize)", step);
            }
            else
            {
                caveats.Add("serving image size not declared (imageSize): its pull is counted in bootTime");
            }

            var load = o.ModelLoadConfigured ? Figure.Configured(o.ModelLoadTime, "modelLoadTime")
                : o.ModelSizeGb is { } gb ? Figures.ModelLoadFor(gb) : Figure.Assumed(Assumptions.ModelLoad, Assumptions.ModelLoad * 3);
            rto.Add("load", load, o.ModelSizeGb is { } size ? $"load {size:0.#} GB of weights (modelSize)" : "load model weights (set modelSize to size it)", step);
            rto.Add("warm-up", Figure.Assumed(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)), "first requests compile kernels and fill the KV cache before full speed", step);
        }

        if (!reserved)
        {
            caveats.Add($"on-demand {o.InstanceType} capacity may not exist in {ctx.Recovery} at failover: reserve it or accept the risk");
        }
        else if (!ctx.SingleRegion)
        {
            caveats.Add($"the reservation holds capacity in one Availability Zone ({Zone(o, ctx.Recovery)}): losing that zone loses it ({Sources.CapacityReservations})");
        }

        if (c.Strategy == Strategy.ActiveActive)
        {
            caveats.Add($"each region runs {o.Count}: after losing one, the survivor serves everything with its own {o.Count} unless it keeps headroom");
        }

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
        return new Draft(mechanism, Stateless(rto, [.. caveats]), new GpuSettings(o.InstanceType, o.Count, reserved, allocations) { Launch = o.Launch, WarmUp = o.BootTime + o.ModelLoadTime }, regions);
    }

    private static string Zone(GpuOptions o, string region) => o.AvailabilityZones.GetValueOrDefault(region, region + "a");
}
