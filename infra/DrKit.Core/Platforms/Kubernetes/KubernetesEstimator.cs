using System.Globalization;
using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// Mechanisms and estimates of components that run on Kubernetes: CloudNativePG, Redis with Sentinel and GPU
/// inference. The same arithmetic shape as the managed services' estimates, with Kubernetes' own figures.
/// </summary>
internal static partial class KubernetesEstimator
{
    public static Draft Draft(ComponentSpec c, KubernetesOptions options, EstimateContext ctx) => options switch
    {
        CnpgOptions o => Cnpg(c, o, ctx),
        SentinelRedisOptions o => Redis(c, o, ctx),
        GpuInferenceOptions o => Gpu(c, o, ctx),
        _ => throw new InvalidOperationException($"no Kubernetes estimator for {options.GetType().Name}"),
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static KubernetesPlacement Placement(EstimateContext ctx)
    {
        var spec = ctx.Stack.Kubernetes ?? throw new InvalidOperationException("a Kubernetes component needs drkit:kubernetes");
        return new KubernetesPlacement(spec.Namespace, ctx.Stack.Regions().Select(r => spec.For(r)).OfType<KubernetesCluster>().ToList())
        {
            Operators = spec.Operators,
        };
    }

    private static string Cluster(KubernetesPlacement placement, string region) =>
        placement.Clusters.FirstOrDefault(c => c.Region == region)?.Identity ?? "(none)";

    /// <summary>Go duration text Velero and Kubernetes accept, in whole hours (<c>720h0m0s</c>).</summary>
    internal static string GoDuration(TimeSpan span) => $"{Text((int)Math.Max(1, Math.Ceiling(span.TotalHours)))}h0m0s";

    /// <summary>Standard five-field cron for an interval: hourly steps that divide a day, otherwise daily at 00:00 UTC.</summary>
    internal static string Cron(TimeSpan interval)
    {
        var hours = (int)Math.Round(interval.TotalHours);
        return hours is >= 1 and < 24 && 24 % hours == 0 ? $"0 */{Text(hours)} * * *" : "0 0 * * *";
    }

    private static VeleroBackup Velero(string component, TimeSpan interval, TimeSpan keep) =>
        new(Cron(interval), GoDuration(keep), new Dictionary<string, string>(StringComparer.Ordinal) { ["drkit.io/component"] = component });

    private static Draft Redis(ComponentSpec c, SentinelRedisOptions o, EstimateContext ctx)
    {
        var placement = Placement(ctx);
        var geo = o.ReplicaOf is not null && !ctx.SingleRegion;
        var rto = ctx.DetectAndDecide(new Derivation("RTO"), c.Tier);
        Derivation rpo;
        string mechanism;
        var caveats = new List<string>
        {
            // What this topology can and cannot promise, said plainly in every plan.
            $"Sentinel (quorum {Text(o.SentinelQuorum)}) fails Redis over inside one cluster only; it never moves the writer to another region",
        };
        if (geo)
        {
            mechanism = $"Redis replica in {ctx.Recovery} replicating from {ctx.Primary} + Sentinel per cluster";
            rpo = new Derivation("RPO").Add("lag", Figure.Unbounded(o.ExpectedLag, TermBasis.Configured, "expectedLag",
                "Redis replication is asynchronous with no bound (https://redis.io/docs/latest/operate/oss_and_stack/management/replication/)"), "asynchronous replication: writes the recovery replica has not received are lost");
            rto.Add("promote", Figure.Assumed(KubernetesAssumptions.RedisPromotion, TimeSpan.FromMinutes(2)), $"REPLICAOF NO ONE in {ctx.Recovery}", Failover.FailoverSteps.Promote);
            // Clients reach the writer through the Sentinels, which the recovery region starts only now.
            rto.Add("sentinels", Figure.Assumed(KubernetesAssumptions.SentinelStartup, KubernetesAssumptions.SentinelStartupWorst),
                $"{Text((2 * o.SentinelQuorum) - 1)} Sentinels started in {ctx.Recovery} (volumes, start, MONITOR) until CKQUORUM is OK", Failover.FailoverSteps.Promote);
            caveats.Add("cross-region replication is asynchronous and unbounded: writes acknowledged in the primary region within the lag are lost, and a partition can make it grow without limit");
            caveats.Add($"a returning {ctx.Primary} Redis is still a primary: failback makes it a replica before it takes traffic");
        }
        else
        {
            mechanism = $"Velero backups every {DurationText.Format(o.SnapshotInterval)}";
            rpo = new Derivation("RPO").Add("interval", Figure.Configured(o.SnapshotInterval, "snapshotInterval"), "writes since the last Velero backup are lost");
            rto.Add("restore", Figure.Assumed(KubernetesAssumptions.VeleroRestore, TimeSpan.FromHours(1)), "Velero restores the namespace's objects and volumes");
        }

        var sentinels = (2 * o.SentinelQuorum) - 1;
        var settings = new SentinelRedisSettings($"redis:{o.Version}", o.Replicas, sentinels, o.SentinelQuorum, geo ? o.ReplicaOf : null, o.StorageGb,
            geo ? [ctx.Primary, ctx.Recovery] : [ctx.Primary])
        {
            Placement = placement,
            Backup = geo ? null : Velero(c.Name, o.SnapshotInterval, Assumptions.PitrWindow),
            FailbackReplicaOf = geo ? o.FailbackReplicaOf : null,
        };
        var regions = new List<RegionSettings>
        {
            Region.Of(ctx.Primary, "primary", ("cluster", Cluster(placement, ctx.Primary)), ("replicas", Text(o.Replicas)), ("sentinels", $"{Text(sentinels)} (quorum {Text(o.SentinelQuorum)})")),
        };
        regions.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("cluster", Cluster(placement, r)),
            ("redis", geo && r == ctx.Recovery ? $"replica of {o.ReplicaOf}, Sentinel starts at promotion" : "none (Velero restore)"))));
        return new Draft(mechanism, Estimates.Of(rpo, rto, caveats), settings, regions);
    }
}
