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
    /// (<see cref="ArchiveReplications.Judge"/>), under the server name of each member's current incarnation (the
    /// stack's <c>drkit-ops:archiveGeneration.*</c>: a rebuilt member archives under a new prefix). Each call goes to the
    /// bucket's own region; a read that fails makes that direction unknown, with the error.
    /// </summary>
    internal async Task<IReadOnlyList<ArchiveObservation>> ArchivesAsync(DrPlan plan, CancellationToken ct)
    {
        var observations = new List<ArchiveObservation>();
        if (ArchiveReplications.Of(plan).Count == 0)
        {
            return observations;
        }

        Core.Operations.OperationsState operations;
        try
        {
            operations = await OperationsStateAsync(plan, ct).ConfigureAwait(false);
        }
        catch (Core.Config.StackConfigException e)
        {
            return [.. ArchiveReplications.Of(plan).Select(r => new ArchiveObservation(r.Subject, null, $"the incarnation of each member is unknown: {e.Message}"))];
        }

        foreach (var r in ArchiveReplications.Of(plan, operations))
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

    /// <summary>The CloudNativePG archive generations and promotions the stack's config records
    /// (<c>drkit-ops:archiveGeneration.&lt;component&gt;.&lt;region&gt;</c>, <c>drkit-ops:promote.&lt;component&gt;</c>), checked
    /// against the plan as a deployment checks them; no other operations key decides a prefix or a writer.</summary>
    private async Task<Core.Operations.OperationsState> OperationsStateAsync(DrPlan plan, CancellationToken ct)
    {
        string[] prefixes = [Core.Operations.OperationsKeys.Full(Core.Operations.OperationsKeys.ArchiveGenerationPrefix), Core.Operations.OperationsKeys.Full(Core.Operations.OperationsKeys.PromotePrefix)];
        var config = await gateway.GetConfigAsync(plan.Stack, ct).ConfigureAwait(false);
        var raw = config.Where(c => prefixes.Any(p => c.Key.StartsWith(p, StringComparison.Ordinal))).ToDictionary(c => c.Key, c => c.Value.Value, StringComparer.Ordinal);
        return Core.Operations.OperationsConfig.FromRaw($"pulumi config (stack {plan.Stack})", raw, plan);
    }

    /// <summary>The dry-run lines of <see cref="ArchivesAsync"/>.</summary>
    private static IEnumerable<string> DescribeArchives(DrPlan plan) =>
        ArchiveReplications.Of(plan).Select(r =>
            $"archive {r.Subject} (the server-name prefixes of each member's current incarnation, from gateway.GetConfig({plan.Stack}) drkit-ops:archiveGeneration.*; first incarnations shown): {ReplicaLagReader.CommandLine(VersioningArguments(r.SourceBucket, r.SourceRegion))}, {ReplicaLagReader.CommandLine(VersioningArguments(r.DestinationBucket, r.DestinationRegion))}, " +
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
