using System.Globalization;
using DrKit.Operations.Adapters;

namespace DrKit.Operations.Cloud;

/// <summary>
/// A CloudWatch metric that reports a recovery member's replication lag, and how DrKit asks for it. Names and
/// dimensions as AWS documents them:
/// <list type="bullet">
/// <item>RDS: <c>AWS/RDS</c> <c>ReplicaLag</c>, seconds, per <c>DBInstanceIdentifier</c>, published for read replicas
/// in the replica's region (Amazon RDS User Guide, "Amazon CloudWatch metrics for Amazon RDS"). For RDS for PostgreSQL
/// it is <c>now() - pg_last_xact_replay_timestamp()</c> on the replica, so a broken stream shows as growing lag, and on
/// a source without writes it grows with the clock until the next commit (a heartbeat write keeps it honest); -1 ("not
/// active") is documented for MySQL and MariaDB replicas only
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.Monitor.html).
/// DrKit still reads any negative value as unknown.</item>
/// <item>ElastiCache: <c>AWS/ElastiCache</c> <c>GlobalDatastoreReplicationLag</c>, seconds, "the lag between the
/// secondary Region's primary node and the primary Region's primary node", the largest shard delay for cluster
/// mode (ElastiCache User Guide, "Metrics for Valkey and Redis OSS"). Like every node-level ElastiCache metric it is
/// published per <c>CacheClusterId</c> (the member clusters of the replication group; ElastiCache User Guide,
/// "Metrics for self-designed clusters", and the dimension sets of aws-cdk-lib's generated ElastiCacheMetrics).</item>
/// </list>
/// A metric published with more than one dimension (DrKit's own probe metrics, per <c>stack</c> and <c>component</c>) names
/// the others in <see cref="MoreDimensions"/>: CloudWatch matches a metric only on its exact dimension set
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension), so every one of them
/// is sent.
/// </summary>
public sealed record LagMetric(string Namespace, string MetricName, string Dimension)
{
    /// <summary>Dimensions after <see cref="Dimension"/>, in the order their values are given.</summary>
    public IReadOnlyList<string> MoreDimensions { get; init; } = [];

    /// <summary>The statistic asked for: Maximum for lag (the worst of the minute); Minimum for a 0/1 health status, where any failed check in the minute counts.</summary>
    public string Statistic { get; init; } = "Maximum";

    public static LagMetric RdsReplicaLag { get; } = new("AWS/RDS", "ReplicaLag", "DBInstanceIdentifier");

    /// <summary>
    /// <c>AWS/RDS</c> <c>OldestReplicationSlotLag</c>, bytes, per <c>DBInstanceIdentifier</c>, published for the source in its
    /// region: "the lagging size of the replica lagging the most in terms of write-ahead log (WAL) data received"
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html). RDS streams a cross-region PostgreSQL
    /// replica through a replication slot on its source
    /// (https://aws.amazon.com/blogs/database/best-practices-for-amazon-rds-for-postgresql-cross-region-read-replicas/),
    /// so on a fenced source it measures what the replica has yet to receive, in bytes, not the age of a commit.
    /// </summary>
    public static LagMetric RdsOldestReplicationSlotLag { get; } = new("AWS/RDS", "OldestReplicationSlotLag", "DBInstanceIdentifier");

    public static LagMetric GlobalDatastoreReplicationLag { get; } = new("AWS/ElastiCache", "GlobalDatastoreReplicationLag", "CacheClusterId");

    public static LagMetric For(PromotionKind kind) => kind == PromotionKind.ReadReplica ? RdsReplicaLag : GlobalDatastoreReplicationLag;

    /// <summary><c>aws cloudwatch get-metric-statistics</c> for one dimension value, <see cref="Statistic"/> per period, in <paramref name="region"/>.</summary>
    public IReadOnlyList<string> Arguments(string dimensionValue, string region, string start, string end, TimeSpan period) =>
        Arguments([dimensionValue], region, start, end, period);

    /// <summary><c>aws cloudwatch get-metric-statistics</c> for one value per dimension (<see cref="Dimension"/>, then <see cref="MoreDimensions"/>).</summary>
    /// <exception cref="ArgumentException">The values do not match the dimensions one to one.</exception>
    public IReadOnlyList<string> Arguments(IReadOnlyList<string> dimensionValues, string region, string start, string end, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(dimensionValues);
        IReadOnlyList<string> names = [Dimension, .. MoreDimensions];
        if (dimensionValues.Count != names.Count)
        {
            throw new ArgumentException($"{this} has {names.Count} dimensions ({string.Join(", ", names)}); {dimensionValues.Count} values were given", nameof(dimensionValues));
        }

        return
        [
            "cloudwatch", "get-metric-statistics",
            "--namespace", Namespace,
            "--metric-name", MetricName,
            "--dimensions", .. names.Select((name, i) => $"Name={name},Value={dimensionValues[i]}"),
            "--start-time", start,
            "--end-time", end,
            "--period", ((int)period.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "--statistics", Statistic,
            "--region", region,
            "--output", "json",
        ];
    }

    public IReadOnlyList<string> Arguments(string dimensionValue, string region, DateTimeOffset start, DateTimeOffset end, TimeSpan period) =>
        Arguments(dimensionValue, region, Timestamp(start), Timestamp(end), period);

    public IReadOnlyList<string> Arguments(IReadOnlyList<string> dimensionValues, string region, DateTimeOffset start, DateTimeOffset end, TimeSpan period) =>
        Arguments(dimensionValues, region, Timestamp(start), Timestamp(end), period);

    /// <summary>ISO 8601 UTC, as the AWS CLI takes it.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public override string ToString() => $"{Namespace} {MetricName}";

    /// <summary>The dimension values as text: <c>Name=value</c> pairs, as a report names the series.</summary>
    public string Series(IReadOnlyList<string> dimensionValues) =>
        string.Join(",", new[] { Dimension }.Concat(MoreDimensions).Zip(dimensionValues, (n, v) => $"{n}={v}"));
}
