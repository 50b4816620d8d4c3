using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Estimation;

/// <summary>The replicated-bucket pattern shared by WAL archives, artifacts, index snapshots and offline features.</summary>
internal static class Buckets
{
    public static BucketSettings Settings(string purpose, bool replicate, bool rtc, bool objectLock, TimeSpan lockRetention, LifecycleOptions lifecycle) => new(
        purpose,
        replicate,
        replicate && rtc,
        objectLock,
        Days(lockRetention),
        Days(lifecycle.WarmAfter),
        Days(lifecycle.ColdAfter),
        lifecycle.ExpireAfter is { } e ? Days(e) : null,
        Days(lifecycle.NoncurrentExpiry));

    public static IReadOnlyList<RegionSettings> Regions(EstimateContext ctx, BucketSettings s)
    {
        var tiers = $"warm {s.WarmAfterDays}d, cold {s.ColdAfterDays}d" + (s.ExpireAfterDays is { } d ? $", expire {d}d" : string.Empty);
        var list = new List<RegionSettings>
        {
            Region.Of(ctx.Primary, "primary", ("bucket", $"{s.Purpose} (versioned, KMS)"), ("lifecycle", tiers), ("objectLock", s.ObjectLock ? $"{s.ObjectLockDays}d" : "off")),
        };
        list.AddRange(ctx.Stack.RecoveryRegions.Select(r => Region.Of(r, "recovery", ("bucket", $"{s.Purpose} replica"), ("replication", s.ReplicationTimeControl ? "CRR with RTC (15m)" : "CRR (no time guarantee)"))));
        return list;
    }

    private static int Days(TimeSpan t) => (int)Math.Ceiling(t.TotalDays);
}
