using System.Globalization;
using System.Text.Json;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Cloud;

/// <summary>
/// Reads, read only and with no new resource, the replication that keeps a read-in-place tier's copy in the drill
/// region (what it means and how it is judged: <see cref="DrillObjectives.JudgeObjects"/>, <see cref="DrillObjectives.JudgeImages"/>):
/// <list type="bullet">
/// <item>S3: CloudWatch <c>AWS/S3 ReplicationLatency</c> (Maximum) in the drill region, where S3 publishes it (the
/// destination's region), and <c>OperationsFailedReplication</c> (Sum) in the source bucket's region, the only region it
/// is published in (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html); buckets by the stack's
/// <c>bucketNames</c> output, the rule by <see cref="DrillObjectives.DrillReplicationRule"/>.</item>
/// <item>ECR: per repository of the stack's <c>ecrRepositoryUrls</c>, the newest image in the source region
/// (<c>aws ecr describe-images</c>, sorted by <c>imagePushedAt</c>), then its status per destination region
/// (<c>aws ecr describe-image-replication-status</c>, asked in the source region, which reports every destination:
/// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImageReplicationStatus.html).</item>
/// </list>
/// A drill is no failover, so reading the source region is allowed; the S3 latency is read in the drill region because
/// that is where S3 publishes it.
/// </summary>
public sealed class ReplicationPathReader(ReplicaLagReader cloud, TimeProvider time)
{
    /// <summary>S3 replication latency per rule, in seconds.</summary>
    public static LagMetric Latency { get; } = new("AWS/S3", "ReplicationLatency", "SourceBucket") { MoreDimensions = ["DestinationBucket", "RuleId"] };

    /// <summary>S3 operations that failed to replicate per rule, summed.</summary>
    public static LagMetric FailedOperations { get; } = Latency with { MetricName = "OperationsFailedReplication", Statistic = "Sum" };

    /// <summary>Five-minute periods: twelve datapoints cover the look-back.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    private const string Permissions = "cloudwatch:GetMetricStatistics, ecr:DescribeImages and ecr:DescribeImageReplicationStatus";

    /// <summary><c>aws ecr describe-images</c>: the repository's newest image (null when it holds none).</summary>
    public static IReadOnlyList<string> NewestImageArguments(string repository, string region) =>
    [
        "ecr", "describe-images",
        "--repository-name", repository,
        "--query", "sort_by(imageDetails,&imagePushedAt)[-1]",
        "--region", region,
        "--output", "json",
    ];

    /// <summary><c>aws ecr describe-image-replication-status</c> of one image, asked in the source region.</summary>
    public static IReadOnlyList<string> ImageStatusArguments(string repository, string digest, string region) =>
    [
        "ecr", "describe-image-replication-status",
        "--repository-name", repository,
        "--image-id", $"imageDigest={digest}",
        "--region", region,
        "--output", "json",
    ];

    /// <summary>The exact AWS CLI calls for <paramref name="component"/>, ids named by the outputs they come from (dry runs).</summary>
    public static string Describe(ComponentPlan component, string primaryRegion, string drillRegion)
    {
        ArgumentNullException.ThrowIfNull(component);
        var window = Core.Objectives.DurationText.Format(DrillObjectives.ReplicationLookBack);
        if (DrillObjectives.Bucket(component.Settings) is { } bucket)
        {
            IReadOnlyList<string> series =
            [
                $"<{OperationsOutputNames.BucketNames}[{component.Name}][{primaryRegion}]>",
                $"<{OperationsOutputNames.BucketNames}[{component.Name}][{drillRegion}]>",
                DrillObjectives.DrillReplicationRule(bucket),
            ];
            return $"{ReplicaLagReader.CommandLine(Latency.Arguments(series, drillRegion, $"<now-{window}>", "<now>", Period))}; " +
                   $"{ReplicaLagReader.CommandLine(FailedOperations.Arguments(series, primaryRegion, $"<now-{window}>", "<now>", Period))} " +
                   "(largest latency = RPO; any failed operation = missed; no failure datapoint = no traffic)";
        }

        var repository = $"<{OperationsOutputNames.EcrRepositoryUrls}[{component.Name}][{primaryRegion}][<repository>]>";
        return $"per repository: {ReplicaLagReader.CommandLine(NewestImageArguments(repository, primaryRegion))}, then " +
               $"{ReplicaLagReader.CommandLine(ImageStatusArguments(repository, "<imageDigest>", primaryRegion))} " +
               $"(status for {drillRegion}: COMPLETE = RPO 0, IN_PROGRESS = now - imagePushedAt, FAILED = missed)";
    }

    /// <summary>Reads <paramref name="component"/>'s replication into <paramref name="drillRegion"/>; ids come from the source stack's outputs.</summary>
    /// <exception cref="CloudCommandFailedException">A CLI call failed, timed out or printed no JSON DrKit can read.</exception>
    public async Task<ReplicationFigure> ReadAsync(StackOutputs outputs, string stack, ComponentPlan component, string primaryRegion, string drillRegion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(component);
        if (DrillObjectives.Bucket(component.Settings) is { } bucket)
        {
            var source = OutputMap.Entry(outputs, stack, OperationsOutputNames.BucketNames, component.Name, primaryRegion);
            var destination = OutputMap.Entry(outputs, stack, OperationsOutputNames.BucketNames, component.Name, drillRegion);
            if (source is null || destination is null)
            {
                return NoOutput(stack, $"{OperationsOutputNames.BucketNames}[{component.Name}][{(source is null ? primaryRegion : drillRegion)}]");
            }

            IReadOnlyList<string> series = [source, destination, DrillObjectives.DrillReplicationRule(bucket)];
            var latency = await cloud.SeriesAsync(Latency, series, drillRegion, DrillObjectives.ReplicationLookBack, Period, ct).ConfigureAwait(false);
            var failed = await cloud.SeriesAsync(FailedOperations, series, primaryRegion, DrillObjectives.ReplicationLookBack, Period, ct).ConfigureAwait(false);
            return DrillObjectives.JudgeObjects(new ObjectReplicationMetrics(source, destination, series[2],
                latency.Count == 0 ? null : latency.Max(p => p.Seconds),
                failed.Count == 0 ? null : failed.Sum(p => p.Seconds)));
        }

        if (OutputMap.Entry(outputs, stack, OperationsOutputNames.EcrRepositoryUrls, component.Name, primaryRegion) is not { } urls)
        {
            return NoOutput(stack, $"{OperationsOutputNames.EcrRepositoryUrls}[{component.Name}][{primaryRegion}]");
        }

        var images = new List<ImageReplication>();
        foreach (var repository in RepositoryNames(urls, stack))
        {
            images.Add(await ReadImageAsync(repository, primaryRegion, drillRegion, ct).ConfigureAwait(false));
        }

        return DrillObjectives.JudgeImages(images, drillRegion, time.GetUtcNow());
    }

    private async Task<ImageReplication> ReadImageAsync(string repository, string primaryRegion, string drillRegion, CancellationToken ct)
    {
        string? digest;
        DateTimeOffset? pushed;
        using (var newest = await RunAsync(NewestImageArguments(repository, primaryRegion), ct).ConfigureAwait(false))
        {
            var image = newest.RootElement;
            digest = image.ValueKind == JsonValueKind.Object && image.TryGetProperty("imageDigest", out var d) ? d.GetString() : null;
            pushed = image.ValueKind == JsonValueKind.Object && image.TryGetProperty("imagePushedAt", out var p) ? Time(p) : null;
        }

        if (digest is null)
        {
            return new ImageReplication(repository, null, null, null, null);
        }

        using var status = await RunAsync(ImageStatusArguments(repository, digest, primaryRegion), ct).ConfigureAwait(false);
        if (status.RootElement.TryGetProperty("replicationStatuses", out var list) && list.ValueKind == JsonValueKind.Array
            && list.EnumerateArray().FirstOrDefault(e => Text(e, "region") == drillRegion) is { ValueKind: JsonValueKind.Object } entry)
        {
            return new ImageReplication(repository, digest, pushed, Text(entry, "status"), Text(entry, "failureCode"));
        }

        return new ImageReplication(repository, digest, pushed, null, null);
    }

    /// <summary>Repository names from the output's repository -> URL map: a URL is <c>&lt;registry host&gt;/&lt;name&gt;</c>.</summary>
    private static IEnumerable<string> RepositoryNames(string urls, string stack)
    {
        using var document = JsonDocument.Parse(urls);
        var names = new List<string>();
        foreach (var url in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!))
        {
            var slash = url.IndexOf('/', StringComparison.Ordinal);
            names.Add(slash >= 0 && slash < url.Length - 1 ? url[(slash + 1)..]
                : throw new CloudCommandFailedException($"Output {OperationsOutputNames.EcrRepositoryUrls} of stack {stack} holds '{url}', which is no repository URL (<registry>/<name>)."));
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    private Task<JsonDocument> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct) =>
        cloud.RunJsonAsync(arguments, "The image replication status", Permissions, ct);

    private static ReplicationFigure NoOutput(string stack, string entry) =>
        new(null, null, $"stack {stack} exports no {entry}, so its replication cannot be read");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>AWS CLI v2 prints timestamps as ISO 8601, v1 as epoch seconds.</summary>
    private static DateTimeOffset? Time(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        JsonValueKind.Number when value.TryGetDouble(out var seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        _ => null,
    };
}
