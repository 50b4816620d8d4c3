using System.Globalization;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Aws;

/// <summary>What S3 reported for one replication rule over <see cref="DrillObjectives.ReplicationLookBack"/>: the largest
/// <c>ReplicationLatency</c> Maximum and the <c>OperationsFailedReplication</c> Sum, null where CloudWatch had no datapoint.</summary>
public sealed record ObjectReplicationMetrics(string SourceBucket, string DestinationBucket, string Rule, double? MaxLatencySeconds, double? FailedOperations);

/// <summary>One repository's newest image in the source region and ECR's replication status of it for the drill region.</summary>
/// <param name="Digest">The newest image's digest; null when the repository holds no image.</param>
/// <param name="Status">IN_PROGRESS, COMPLETE or FAILED for the drill region; null when ECR lists no status for that region.</param>
public sealed record ImageReplication(string Repository, string? Digest, DateTimeOffset? PushedAt, string? Status, string? FailureCode);

/// <summary>A read-in-place tier's replication figure: the RPO it measured, why it missed whatever the figure, or (no RPO) why it is unknown.</summary>
/// <param name="Rpo">How far the drill region's copy trails the source; null when nothing measures it (a gap).</param>
/// <param name="Missed">Set when replication failed: the tier misses its RPO whatever <paramref name="Rpo"/> says.</param>
/// <param name="Detail">What was read, in words, for the report.</param>
public sealed record ReplicationFigure(TimeSpan? Rpo, string? Missed, string Detail);

/// <summary>
/// Buckets, vector-index stores and registries are read in place: a drill restores nothing for them, so what it measures
/// is the replication that put their copy in the drill region, read only, with no new resource.
/// <list type="bullet">
/// <item>S3: per replication rule, <c>AWS/S3</c> <c>ReplicationLatency</c> (Maximum) and <c>OperationsFailedReplication</c>
/// (Sum) over the last hour, per <c>SourceBucket</c>, <c>DestinationBucket</c> and <c>RuleId</c>
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html). S3 publishes the latency in the
/// destination's region, which for a drill is the drill region, and keeps publishing it when nothing replicates; it
/// publishes failed operations in the source bucket's region, and only when objects replicate. So no latency means
/// the rule, its destination or its metrics are gone (unknown, a gap), while no failure datapoint next to a latency
/// means no object replicated in the hour (an idle bucket): measured, with a note, since nothing written was lost.</item>
/// <item>ECR: per repository, the newest image in the source region, then its replication status for the drill region
/// (DescribeImageReplicationStatus: IN_PROGRESS, COMPLETE or FAILED with a failure code per destination region,
/// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImageReplicationStatus.html and
/// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageReplicationStatus.html). COMPLETE is RPO 0,
/// IN_PROGRESS counts from the push, FAILED misses; no status for the drill region misses too, since by default ECR
/// replicates only images pushed after the replication configuration applies
/// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication-backfill.html).</item>
/// </list>
/// </summary>
public static partial class DrillObjectives
{
    /// <summary>How far back the S3 replication metrics are read.</summary>
    public static readonly TimeSpan ReplicationLookBack = TimeSpan.FromHours(1);

    /// <summary>ECR's image replication status that says the drill region holds the image.</summary>
    public const string ImageComplete = "COMPLETE";

    /// <summary>ECR's image replication status of a copy still under way.</summary>
    public const string ImageInProgress = "IN_PROGRESS";

    /// <summary>ECR's image replication status of a copy that failed.</summary>
    public const string ImageFailed = "FAILED";

    /// <summary>The bucket settings of a bucket or vector-index store; null for any other component.</summary>
    public static BucketSettings? Bucket(ComponentSettings settings) => settings switch
    {
        BucketSettings b => b,
        VectorIndexSettings v => v.Store,
        _ => null,
    };

    /// <summary>
    /// Id of the S3 replication rule that copies <paramref name="bucket"/> into the drill region: a drill recovers into the
    /// first recovery region (<see cref="DrillRestore.DrillRegion"/>), whose rule the stack declares with priority 1
    /// (rules are numbered in recovery-region order; the same id keys the replication alarms).
    /// </summary>
    public static string DrillReplicationRule(BucketSettings bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return bucket.ReplicationRuleId(1);
    }

    /// <summary>The S3 rule's figure: its largest latency in the hour, missed on any failed operation.</summary>
    public static ReplicationFigure JudgeObjects(ObjectReplicationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var series = $"rule {metrics.Rule} ({metrics.SourceBucket} -> {metrics.DestinationBucket})";
        if (metrics.MaxLatencySeconds is not { } latency)
        {
            return new ReplicationFigure(null, null,
                $"no ReplicationLatency datapoint for {series} in the last {Text(ReplicationLookBack)}: S3 publishes it even when nothing replicates, " +
                "so the rule, its destination bucket or its replication metrics are gone");
        }

        var rpo = TimeSpan.FromSeconds(Math.Max(0, latency));
        var figure = $"ReplicationLatency up to {Number(latency)}s in the last {Text(ReplicationLookBack)} for {series}";
        return metrics.FailedOperations switch
        {
            double failed when failed > 0 => new ReplicationFigure(rpo, $"{Number(failed)} operations failed to replicate in the last {Text(ReplicationLookBack)} ({series}): those objects are missing in the destination until fixed",
                $"{figure}; OperationsFailedReplication {Number(failed)}"),
            null => new ReplicationFigure(rpo, null,
                $"{figure}; no traffic in the last {Text(ReplicationLookBack)} (S3 publishes OperationsFailedReplication only when objects replicate), so no write was at risk"),
            _ => new ReplicationFigure(rpo, null, $"{figure}; no failed operation"),
        };
    }

    /// <summary>The registry's figure in <paramref name="drillRegion"/>: the largest per-repository RPO, missed when any newest image failed or never started to replicate there.</summary>
    public static ReplicationFigure JudgeImages(IReadOnlyList<ImageReplication> images, string drillRegion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(images);
        var rpo = TimeSpan.Zero;
        var missed = new List<string>();
        var notes = new List<string>();
        foreach (var image in images)
        {
            if (image.Digest is null)
            {
                notes.Add($"{image.Repository}: no image yet");
                continue;
            }

            switch (image.Status)
            {
                case ImageComplete:
                    notes.Add($"{image.Repository}: newest image {Short(image.Digest)} complete in {drillRegion}");
                    break;
                case ImageInProgress:
                    var age = image.PushedAt is { } pushed && now > pushed ? now - pushed : TimeSpan.Zero;
                    rpo = age > rpo ? age : rpo;
                    notes.Add($"{image.Repository}: newest image {Short(image.Digest)} still replicating to {drillRegion}, pushed {Text(age)} ago");
                    break;
                case ImageFailed:
                    missed.Add($"{image.Repository} ({Short(image.Digest)} failed to replicate to {drillRegion}: {image.FailureCode ?? "no failure code"})");
                    break;
                default:
                    missed.Add($"{image.Repository} ({Short(image.Digest)} has no replication status for {drillRegion}: pushed before the registry replicated the repository there (a replication backfill copies it), or no rule covers it)");
                    break;
            }
        }

        var detail = string.Join("; ", notes.Concat(missed.Select(m => $"missed: {m}")));
        return new ReplicationFigure(rpo, missed.Count > 0 ? $"images missing in {drillRegion}: {string.Join(", ", missed)}" : null,
            detail.Length == 0 ? "no repository" : detail);
    }

    /// <summary>What keeps a read-in-place tier's copy in the drill region, in words; null when nothing replicates it.</summary>
    private static string? ReplicatedInPlace(ComponentSettings settings) => settings switch
    {
        RegistrySettings { Replicate: true } => "ECR registry replication",
        _ when Bucket(settings) is { Replicate: true } bucket => $"S3 replication (rule {DrillReplicationRule(bucket)})",
        _ => null,
    };

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
