using DrKit.Core.Model;

namespace DrKit.Core.Planning;

public static partial class Planner
{
    private static TrafficPlan Traffic(StackSpec stack)
    {
        var endpoint = stack.Components.FirstOrDefault(c => c.Kind == ComponentKind.InferenceEndpoint);
        var options = endpoint?.Options switch
        {
            EndpointOptions e => e,
            Platforms.Azure.AzureEndpointOptions a => a.Endpoint,
            _ => null,
        };
        var routing = stack.Traffic.Routing ?? (endpoint?.Strategy == Strategy.ActiveActive ? RoutingPolicy.Latency : RoutingPolicy.Failover);
        return new TrafficPlan(
            stack.Traffic.Domain,
            stack.Traffic.HostedZoneId,
            stack.Traffic.HealthCheckPath,
            (int)stack.Traffic.HealthCheckInterval.TotalSeconds,
            stack.Traffic.FailureThreshold,
            (int)stack.Traffic.Ttl.TotalSeconds,
            routing,
            options?.Endpoints ?? new Dictionary<string, string>(),
            options?.Port ?? 443)
        {
            Weights = stack.Regions().ToDictionary(
                r => r,
                r => endpoint?.Strategy == Strategy.ActiveActive || r == stack.PrimaryRegion ? FullWeight : 0,
                StringComparer.Ordinal),
        };
    }

    /// <summary>Route 53 weights range 0-255; 100 reads as a percentage in consoles and reports.</summary>
    private const int FullWeight = 100;

    /// <summary>
    /// Related data whose recovery points can part: a vector index is derived from the documents the database holds, and
    /// the offline feature store from the online one. After a failover each comes back at its own recovery point, so
    /// one can trail the other by up to the larger worst-case loss (typically by the difference of typical losses).
    /// </summary>
    internal static IReadOnlyList<RecoveryPointGap> RecoveryPoints(IReadOnlyList<ComponentPlan> components)
    {
        var gaps = new List<RecoveryPointGap>();
        void Pair(ComponentPlan a, ComponentPlan b, string why)
        {
            if (a.Estimate.Rpo is null || b.Estimate.Rpo is null)
            {
                return;
            }

            var typical = (a.Estimate.TypicalRpo!.Value - b.Estimate.TypicalRpo!.Value).Duration();
            TimeSpan? worst = a.Estimate.RpoGuaranteed && b.Estimate.RpoGuaranteed ? (a.Estimate.Rpo.Value > b.Estimate.Rpo.Value ? a.Estimate.Rpo.Value : b.Estimate.Rpo.Value) : null;
            if (typical > TimeSpan.Zero || worst is null || worst > TimeSpan.Zero)
            {
                var (behind, ahead) = a.Estimate.TypicalRpo >= b.Estimate.TypicalRpo ? (a, b) : (b, a);
                gaps.Add(new RecoveryPointGap(behind.Name, ahead.Name, typical, worst, why));
            }
        }

        foreach (var index in components.Where(c => c.Kind == ComponentKind.VectorIndex))
        {
            foreach (var db in components.Where(c => c.Kind == ComponentKind.Postgres))
            {
                Pair(index, db, $"the index embeds documents {db.Name} holds: rows written after the index's recovery point have no vectors, and vectors may point at rows {db.Name} lost");
            }
        }

        foreach (var offline in components.Where(c => c.Kind == ComponentKind.FeatureStoreOffline))
        {
            foreach (var online in components.Where(c => c.Kind == ComponentKind.FeatureStoreOnline))
            {
                Pair(offline, online, "training reads offline features that the online store served: the two disagree for the gap");
            }
        }

        return gaps;
    }
}
