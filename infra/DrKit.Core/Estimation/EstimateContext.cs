using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Planning;

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

    /// <summary>RTC is on when asked for, or when the RPO target is tight enough that only RTC can bound it.</summary>
    public static bool NeedsRtc(bool? requested, RecoveryObjectives target) =>
        requested ?? (target.Rpo is { } rpo && rpo <= Assumptions.RtcNeededAtOrBelow);
}
