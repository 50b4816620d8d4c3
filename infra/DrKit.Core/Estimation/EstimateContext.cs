using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Core.Providers;

namespace DrKit.Core.Estimation;

/// <summary>What every component's estimate shares: the stack's regions and its traffic detection.</summary>
internal sealed record EstimateContext(StackSpec Stack, TrafficPlan Traffic)
{
    public bool SingleRegion => Stack.IsSingleRegion;

    public string Primary => Stack.PrimaryRegion;

    public string Recovery => SingleRegion ? Stack.PrimaryRegion : Stack.RecoveryRegions[0];

    public Derivation Detect(Derivation d) =>
        d.Add("detection", Traffic.Detection, $"health check every {Traffic.HealthCheckIntervalSeconds}s x {Traffic.FailureThreshold} failures");

    public Derivation Dns(Derivation d) =>
        d.Add("DNS", Traffic.Ttl, $"record TTL {DurationText.Format(Traffic.Ttl)}");

    /// <summary>Cross-region object replication: RTC bounds it at 15 minutes; without RTC there is no bound.</summary>
    public (TimeSpan Time, bool Guaranteed, string Why) ObjectReplication(bool rtc) => rtc
        ? (Assumptions.S3RtcWindow, true, $"S3 replication with RTC: 99.99% of objects within {DurationText.Format(Assumptions.S3RtcWindow)}")
        : (Assumptions.S3TypicalReplication, false, $"S3 replication without RTC: typically {DurationText.Format(Assumptions.S3TypicalReplication)}, no time guarantee");

    /// <summary>The model-provider chain whose embeddings feed the vector index <paramref name="index"/>, if any.</summary>
    public ModelProviderOptions? ChainFeeding(string index) =>
        Stack.Components.Select(c => c.Options).OfType<ModelProviderOptions>().FirstOrDefault(m => m.VectorIndex == index);

    /// <summary>What the chain's vector index was built with: declared on the index, else the chain's primary embedding model.</summary>
    public IndexEmbeddings? Index(ModelProviderOptions chain)
    {
        if (chain.VectorIndex is null || Stack.Components.FirstOrDefault(c => c.Name == chain.VectorIndex)?.Options is not VectorIndexOptions index)
        {
            return null;
        }

        return new IndexEmbeddings(chain.VectorIndex, index.Embedding ?? chain.Providers.FirstOrDefault()?.Embedding, index.FallbackEmbedding, index.Vectors);
    }

    /// <summary>RTC is on when asked for, or when the RPO target is tight enough that only RTC can bound it.</summary>
    public static bool NeedsRtc(bool? requested, RecoveryObjectives target) =>
        requested ?? (target.Rpo is { } rpo && rpo <= Assumptions.RtcNeededAtOrBelow);
}
