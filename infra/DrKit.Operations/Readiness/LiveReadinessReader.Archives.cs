using System.Text.Json.Nodes;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Core.Readiness;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary><c>aws s3api get-bucket-versioning</c> in the bucket's region.</summary>
    public static IReadOnlyList<string> VersioningArguments(string bucket, string region) =>
        ["s3api", "get-bucket-versioning", "--bucket", bucket, "--region", region, "--output", "json"];

    /// <summary><c>aws s3api get-bucket-encryption</c> of the source bucket, in its region (a missing bucket fails every
    /// read with NoSuchBucket, so these reads also stand for <c>head-bucket</c>).</summary>
    public static IReadOnlyList<string> EncryptionArguments(string bucket, string region) =>
        ["s3api", "get-bucket-encryption", "--bucket", bucket, "--region", region, "--output", "json"];

    /// <summary><c>aws s3api get-bucket-replication</c> of the source bucket, in its region.</summary>
    public static IReadOnlyList<string> ReplicationArguments(string bucket, string region) =>
        ["s3api", "get-bucket-replication", "--bucket", bucket, "--region", region, "--output", "json"];

    /// <summary><c>aws s3api get-bucket-lifecycle-configuration</c> of the destination bucket, in its region.</summary>
    public static IReadOnlyList<string> LifecycleArguments(string bucket, string region) =>
        ["s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket, "--region", region, "--output", "json"];

    /// <summary>The S3 error codes that mean "none configured", which is a finding, not a failed read.</summary>
    private static readonly string[] NoneConfigured = ["ReplicationConfigurationNotFoundError", "NoSuchLifecycleConfiguration", "ServerSideEncryptionConfigurationNotFoundError"];

    /// <summary>
    /// Reads both directions of every CNPG archive's replication from S3 itself (never the stack's
    /// <c>replicationTimeControl</c> or <c>pitrWindow</c>, which only say what to expect) and judges them in the core
    /// (<see cref="ArchiveReplications.Judge"/>). Each call goes to the bucket's own region; a read that fails makes that
    /// direction unknown, with the error.
    /// </summary>
    internal async Task<IReadOnlyList<ArchiveObservation>> ArchivesAsync(DrPlan plan, CancellationToken ct)
    {
        var observations = new List<ArchiveObservation>();
        foreach (var r in ArchiveReplications.Of(plan))
        {
            try
            {
                var problems = ArchiveReplications.Judge(r,
                    await S3Async(VersioningArguments(r.SourceBucket, r.SourceRegion), "s3:GetBucketVersioning", ct).ConfigureAwait(false),
                    await S3Async(VersioningArguments(r.DestinationBucket, r.DestinationRegion), "s3:GetBucketVersioning", ct).ConfigureAwait(false),
                    await S3Async(ReplicationArguments(r.SourceBucket, r.SourceRegion), "s3:GetReplicationConfiguration", ct).ConfigureAwait(false),
                    await S3Async(LifecycleArguments(r.DestinationBucket, r.DestinationRegion), "s3:GetLifecycleConfiguration", ct).ConfigureAwait(false));
                var encryption = ArchiveReplications.JudgeEncryption(r,
                    await S3Async(EncryptionArguments(r.SourceBucket, r.SourceRegion), "s3:GetEncryptionConfiguration", ct).ConfigureAwait(false));
                observations.Add(new ArchiveObservation(r.Subject, [.. problems, .. encryption],
                    $"S3 versioning of both buckets, the replication configuration and default encryption of {r.SourceBucket} ({r.SourceRegion}) and the lifecycle of {r.DestinationBucket} ({r.DestinationRegion})"));
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new ArchiveObservation(r.Subject, null, e.Message));
            }
        }

        return observations;
    }

    /// <summary>The dry-run lines of <see cref="ArchivesAsync"/>.</summary>
    private static IEnumerable<string> DescribeArchives(DrPlan plan) =>
        ArchiveReplications.Of(plan).Select(r =>
            $"archive {r.Subject}: {ReplicaLagReader.CommandLine(VersioningArguments(r.SourceBucket, r.SourceRegion))}, {ReplicaLagReader.CommandLine(VersioningArguments(r.DestinationBucket, r.DestinationRegion))}, " +
            $"{ReplicaLagReader.CommandLine(ReplicationArguments(r.SourceBucket, r.SourceRegion))}, {ReplicaLagReader.CommandLine(EncryptionArguments(r.SourceBucket, r.SourceRegion))}, " +
            $"{ReplicaLagReader.CommandLine(LifecycleArguments(r.DestinationBucket, r.DestinationRegion))}");

    private async Task<JsonNode?> S3Async(IReadOnlyList<string> arguments, string permission, CancellationToken ct)
    {
        try
        {
            using var json = await cloud.RunJsonAsync(arguments, "The WAL archive's replication", permission, ct).ConfigureAwait(false);
            return JsonNode.Parse(json.RootElement.GetRawText());
        }
        catch (CloudCommandFailedException e) when (NoneConfigured.Any(code => e.Message.Contains(code, StringComparison.Ordinal)))
        {
            return null;
        }
    }
}
