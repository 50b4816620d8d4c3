using System.Text.Json.Nodes;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Kubernetes;

/// <summary>
/// One direction of the S3 replication a CloudNativePG distributed topology relies on: each cluster archives to its
/// own region's store, and the peer cluster replays that archive from <i>its</i> region's store under the first
/// cluster's server name, so the first store must replicate <see cref="ServerPrefix"/> to the second. Both directions
/// are needed: one for the replica today, the other for the failback.
/// </summary>
/// <param name="ServerPrefix">Key prefix of the source cluster's archive (<c>path/cluster/</c>), which the peer replays.</param>
/// <param name="DestinationOwnPrefix">Key prefix of the destination cluster's own archive, which no expiry may touch.</param>
/// <param name="ReplicaExpiryDays">Days after which the destination's copy of <see cref="ServerPrefix"/> may expire.</param>
public sealed record ArchiveReplication(
    string Component,
    string SourceRegion,
    string SourceBucket,
    string DestinationRegion,
    string DestinationBucket,
    string ServerPrefix,
    string DestinationOwnPrefix,
    bool TimeControl,
    bool Kms,
    int ReplicaExpiryDays)
{
    /// <summary>What a report calls it: <c>component source-bucket -> destination-bucket</c>.</summary>
    public string Subject => $"{Component} s3://{SourceBucket}/{ServerPrefix} -> s3://{DestinationBucket}";
}

/// <summary>
/// The replication every CNPG archive needs, and the verdict on what S3 reports for one direction. S3 replication
/// needs versioning on both buckets and an enabled rule whose filter covers the keys and whose destination is the
/// peer's bucket (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html); the 15-minute copy term of
/// the RPO holds only with Replication Time Control enabled on that rule
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html); SSE-KMS objects replicate
/// only when the rule selects them and names a replica key. Deletions are not replicated, so the destination keeps the
/// copy until a lifecycle rule expires it: after the PITR window and a backup interval, never inside it, and never
/// over the destination cluster's own archive
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html).
/// </summary>
public static class ArchiveReplications
{
    /// <summary>Both directions for every CNPG component that keeps a replica cluster, for first incarnations
    /// (no member rebuilt): what a dry run shows before the operations state is read.</summary>
    public static IReadOnlyList<ArchiveReplication> Of(DrPlan plan) => Of(plan, Operations.OperationsState.None);

    /// <summary>
    /// Both directions for every CNPG component that keeps a replica cluster, each under the server name of the
    /// member's <i>current</i> incarnation (<see cref="CnpgSettings.ServerNames"/>): after a rebuild a member archives
    /// under <c>&lt;path&gt;/&lt;cluster&gt;-g&lt;N&gt;/</c>, and a rule that still covers only the first incarnation's
    /// prefix no longer carries its WAL to the peer.
    /// </summary>
    public static IReadOnlyList<ArchiveReplication> Of(DrPlan plan, Operations.OperationsState operations)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(operations);
        var all = new List<ArchiveReplication>();
        foreach (var c in plan.Components)
        {
            if (c.Settings is not CnpgSettings { Replica: { } } s)
            {
                continue;
            }

            var names = s.ServerNames(operations, c.Name);
            foreach (var source in s.Members)
            {
                foreach (var destination in s.Members.Where(m => m != source))
                {
                    var (sourceBucket, sourcePath) = Split(source.DestinationPath);
                    var (destinationBucket, destinationPath) = Split(destination.DestinationPath);
                    all.Add(new ArchiveReplication(c.Name, source.Region, sourceBucket, destination.Region, destinationBucket,
                        $"{sourcePath}{names[source.Region]}/", $"{destinationPath}{names[destination.Region]}/", s.ReplicationTimeControl, s.Encryption == ArchiveEncryption.AwsKms, s.PeerCopyExpiryDays));
                }
            }
        }

        return all;
    }

    /// <summary>Bucket and key prefix (ending in "/", or empty) of an <c>s3://bucket/path</c> destination.</summary>
    public static (string Bucket, string Prefix) Split(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var rest = destination.StartsWith("s3://", StringComparison.Ordinal) ? destination[5..] : destination;
        var cut = rest.IndexOf('/', StringComparison.Ordinal);
        if (cut < 0)
        {
            return (rest, string.Empty);
        }

        var path = rest[(cut + 1)..].Trim('/');
        return (rest[..cut], path.Length == 0 ? string.Empty : path + "/");
    }

    /// <summary>
    /// What is wrong with one direction, from the S3 API's own answers (<c>get-bucket-versioning</c> of both buckets,
    /// <c>get-bucket-replication</c> of the source, <c>get-bucket-lifecycle-configuration</c> of the destination; null
    /// where S3 reports none configured). Empty: the archive replicates as the plan assumes.
    /// </summary>
    public static IReadOnlyList<string> Judge(ArchiveReplication r, JsonNode? sourceVersioning, JsonNode? destinationVersioning, JsonNode? replication, JsonNode? destinationLifecycle)
    {
        ArgumentNullException.ThrowIfNull(r);
        var problems = new List<string>();
        foreach (var (bucket, versioning) in new[] { (r.SourceBucket, sourceVersioning), (r.DestinationBucket, destinationVersioning) })
        {
            if (Text(versioning?["Status"]) != "Enabled")
            {
                problems.Add($"versioning of {bucket} is {Text(versioning?["Status"]) ?? "not enabled"}: S3 replicates only between versioned buckets");
            }
        }

        var rules = Array(replication?["ReplicationConfiguration"]?["Rules"]);
        var rule = rules.FirstOrDefault(x => Text(x["Status"]) == "Enabled"
            && Text(x["Destination"]?["Bucket"]) == $"arn:aws:s3:::{r.DestinationBucket}"
            && r.ServerPrefix.StartsWith(Prefix(x), StringComparison.Ordinal));
        if (rule is null)
        {
            problems.Add(rules.Count == 0
                ? $"{r.SourceBucket} has no replication configuration: the {r.DestinationRegion} cluster never receives {r.ServerPrefix}"
                : $"no enabled rule of {r.SourceBucket} replicates {r.ServerPrefix} to {r.DestinationBucket}");
            return problems;
        }

        if (r.TimeControl && Text(rule["Destination"]?["ReplicationTime"]?["Status"]) != "Enabled")
        {
            problems.Add($"the rule '{Text(rule["ID"]) ?? "?"}' has no Replication Time Control, which the stack's replicationTimeControl and its RPO's 15-minute copy term assume");
        }

        if (r.Kms && (Text(rule["SourceSelectionCriteria"]?["SseKmsEncryptedObjects"]?["Status"]) != "Enabled"
            || Text(rule["Destination"]?["EncryptionConfiguration"]?["ReplicaKmsKeyID"]) is null))
        {
            problems.Add($"the rule '{Text(rule["ID"]) ?? "?"}' does not replicate SSE-KMS objects (SourceSelectionCriteria.SseKmsEncryptedObjects and a ReplicaKmsKeyID): the WAL is aws:kms encrypted");
        }

        problems.AddRange(Lifecycle(r, Array(destinationLifecycle?["Rules"])));
        return problems;
    }

    /// <summary>
    /// What is wrong with the source bucket's default encryption (<c>get-bucket-encryption</c>; null: none configured).
    /// With <c>walEncryption: aws:kms</c> the bucket's default must be SSE-KMS too, so every object in it, including
    /// what reaches it other than through Barman's own encryption header (replicas of the peer's archive, a manual
    /// copy), is under a KMS key; a default of SSE-S3 (AES256) or none leaves those outside the key policy the stack
    /// assumes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
    /// </summary>
    public static IReadOnlyList<string> JudgeEncryption(ArchiveReplication r, JsonNode? sourceEncryption)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rule = Array(sourceEncryption?["ServerSideEncryptionConfiguration"]?["Rules"]).FirstOrDefault()?["ApplyServerSideEncryptionByDefault"];
        var algorithm = Text(rule?["SSEAlgorithm"]);
        if (algorithm is null)
        {
            return [$"{r.SourceBucket} has no default encryption configured"];
        }

        return r.Kms && !algorithm.StartsWith("aws:kms", StringComparison.Ordinal)
            ? [$"{r.SourceBucket} encrypts by default with {algorithm}, not SSE-KMS: the stack's walEncryption is aws:kms, and objects written without Barman's header would not be under a KMS key"]
            : [];
    }

    private static IEnumerable<string> Lifecycle(ArchiveReplication r, IReadOnlyList<JsonNode> rules)
    {
        var enabled = rules.Where(x => Text(x["Status"]) == "Enabled" && x["Expiration"]?["Days"] is not null).ToList();
        if (enabled.FirstOrDefault(x => Prefix(x).Length > 0 && r.DestinationOwnPrefix.StartsWith(Prefix(x), StringComparison.Ordinal)) is { } own)
        {
            yield return $"lifecycle rule '{Text(own["ID"]) ?? "?"}' of {r.DestinationBucket} expires {Prefix(own)}, which holds the {r.DestinationRegion} cluster's own archive ({r.DestinationOwnPrefix})";
        }

        var copy = enabled.FirstOrDefault(x => r.ServerPrefix.StartsWith(Prefix(x), StringComparison.Ordinal) && !r.DestinationOwnPrefix.StartsWith(Prefix(x), StringComparison.Ordinal));
        if (copy is null)
        {
            yield return $"no lifecycle rule of {r.DestinationBucket} expires the replicated {r.ServerPrefix}: deletions are not replicated, so it grows without end (expect {r.ReplicaExpiryDays} days)";
        }
        else if (Days(copy) < r.ReplicaExpiryDays)
        {
            yield return $"lifecycle rule '{Text(copy["ID"]) ?? "?"}' of {r.DestinationBucket} expires {r.ServerPrefix} after {Days(copy)} days, inside the PITR window and backup interval ({r.ReplicaExpiryDays} days)";
        }
    }

    /// <summary>A rule's key prefix: <c>Filter.Prefix</c>, <c>Filter.And.Prefix</c> or the legacy <c>Prefix</c>; empty covers every key.</summary>
    private static string Prefix(JsonNode rule) =>
        Text(rule["Filter"]?["Prefix"]) ?? Text(rule["Filter"]?["And"]?["Prefix"]) ?? Text(rule["Prefix"]) ?? string.Empty;

    private static int Days(JsonNode rule) => rule["Expiration"]?["Days"] is JsonValue v && v.TryGetValue<int>(out var d) ? d : 0;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IReadOnlyList<JsonNode> Array(JsonNode? node) => node is JsonArray a ? [.. a.Where(x => x is not null).Select(x => x!)] : [];
}
