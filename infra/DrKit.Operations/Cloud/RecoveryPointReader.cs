using System.Globalization;
using System.Text.Json;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Operations.Cloud;

/// <summary>Where a drill restores a tier to: the exact time (and, for Redis, the snapshot), read from the cloud.</summary>
public sealed record RecoveryPoint(DateTimeOffset Time, string? SnapshotName, string Detail)
{
    /// <summary>The source's id as the cloud reported it (an Azure server's resource id), which the drill stack restores from; null when the source output names it.</summary>
    public string? SourceId { get; init; }
}

/// <summary>
/// Reads, before a drill deploys, the newest point each tier can be restored to, from the source's copies in the
/// drill region, with the AWS CLI: the restore window of the RDS automated backups
/// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstanceAutomatedBackups.html), the
/// newest ElastiCache snapshot (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeSnapshots.html)
/// or the end of the contiguous WAL in the archive (<see cref="WalArchive"/>). The drill stack restores to exactly that point and exports it, so the
/// RPO it reports is measured on real state, never echoed from the plan. Azure tiers are read with the Azure CLI
/// (<c>RecoveryPointReader.Azure.cs</c>).
/// </summary>
public sealed partial class RecoveryPointReader(ICloudCommand cli, TimeProvider? clock = null)
{
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    public const string Program = "aws";

    /// <summary>RDS wants a restore time before the latest restorable time
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html), so the drill
    /// restores to just before it; that earlier time is the recovery point it reports.</summary>
    public static readonly TimeSpan RdsRestoreMargin = TimeSpan.FromSeconds(1);

    /// <summary>Bound on each CLI call.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The exact command for a tier, ids named by the source output they come from when <paramref name="source"/> is null (dry runs).</summary>
    public static IReadOnlyList<string> Arguments(TierRestore tier, bool sourceInRegion, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var id = source ?? $"<{tier.SourceOutput}>";
        return tier.Kind switch
        {
            RestoreKind.RdsPointInTime => ["rds", "describe-db-instance-automated-backups", sourceInRegion ? "--db-instance-identifier" : "--db-instance-automated-backups-arn", id, "--region", tier.Region, "--output", "json"],
            RestoreKind.RedisSnapshot => ["elasticache", "describe-snapshots", "--replication-group-id", id, "--region", tier.Region, "--output", "json"],
            // Every key of the WAL directory with its time; an empty directory has no Contents, hence the default (JMESPath 'or').
            // --prefix makes S3 filter on its side, so the CLI pages (1,000 keys a page) through the segments only, not base
            // backups or other tools' copies of WAL in the bucket; the CLI call's timeout bounds the paging. --max-items is not
            // used: keys come in ascending order, so a cut would drop the newest segments, the very ones the point is made of.
            // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html (Prefix; results in UTF-8 binary order)
            RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime => SourceServerArguments(tier),
            RestoreKind.WalArchive => ["s3api", "list-objects-v2", "--bucket", id, .. Prefix(tier.ArchivePrefix), "--region", tier.Region, "--query", "(Contents || `[]`)[].[Key, LastModified]", "--output", "json"],
            _ => [],
        };
    }

    private static string[] Prefix(string prefix) => prefix.Length == 0 ? [] : ["--prefix", prefix];

    public static string CommandLine(IReadOnlyList<string> arguments) => $"{Program} {string.Join(' ', arguments)}";

    /// <summary>The newest recovery point of <paramref name="tier"/>; null when the source has none yet (no backup, snapshot or WAL).</summary>
    /// <exception cref="CloudCliMissingException">The AWS CLI is not on PATH.</exception>
    /// <exception cref="CloudCommandFailedException">The call failed or printed nothing DrKit can read.</exception>
    public async Task<RecoveryPoint?> ReadAsync(TierRestore tier, bool sourceInRegion, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var arguments = Arguments(tier, sourceInRegion, source);
        if (arguments.Count == 0)
        {
            return null;
        }

        using var json = await RunJsonAsync(ProgramOf(tier), arguments, ct).ConfigureAwait(false);
        var root = json.RootElement;
        return tier.Kind switch
        {
            RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime => FlexibleServer(tier, root, arguments),
            RestoreKind.RdsPointInTime => Latest(root, "DBInstanceAutomatedBackups")
                .Select(b => b.TryGetProperty("RestoreWindow", out var w) && w.TryGetProperty("LatestTime", out var t) ? Parse(t) : null)
                .Where(t => t is not null).Max() is { } latest
                ? new RecoveryPoint(latest - RdsRestoreMargin, null, $"latest restorable time of {source} ({latest:O}) less {RdsRestoreMargin.TotalSeconds:0}s")
                : null,
            RestoreKind.RedisSnapshot => NewestSnapshot(root, source),
            RestoreKind.WalArchive => WalArchive.RecoveryPoint(Pairs(root), source),
            _ => null,
        };
    }

    private static RecoveryPoint? NewestSnapshot(JsonElement root, string group)
    {
        var snapshots = Latest(root, "Snapshots")
            .Where(s => !s.TryGetProperty("SnapshotStatus", out var status) || status.GetString() == "available")
            .Select(s => (Name: s.GetProperty("SnapshotName").GetString(), At: s.TryGetProperty("NodeSnapshots", out var nodes) && nodes.ValueKind == JsonValueKind.Array
                ? nodes.EnumerateArray().Select(n => n.TryGetProperty("SnapshotCreateTime", out var t) ? Parse(t) : null).Where(t => t is not null).Min()
                : null))
            .Where(s => s.Name is not null && s.At is not null)
            .OrderByDescending(s => s.At)
            .ToList();
        // A snapshot holds the data as of its oldest node snapshot: that is the point every shard reaches.
        return snapshots.Count == 0 ? null : new RecoveryPoint(snapshots[0].At!.Value, snapshots[0].Name, $"snapshot {snapshots[0].Name} of {group}");
    }

    /// <summary>(key, time) pairs of a list-objects-v2 query that prints <c>[[key, time], ...]</c>.</summary>
    private static IEnumerable<(string Key, DateTimeOffset At)> Pairs(JsonElement root) =>
        root.ValueKind != JsonValueKind.Array
            ? []
            : root.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() == 2 && p[0].ValueKind == JsonValueKind.String)
                .Select(p => (Key: p[0].GetString()!, At: Parse(p[1])))
                .Where(p => p.At is not null)
                .Select(p => (p.Key, p.At!.Value))
                .ToList();

    private static IEnumerable<JsonElement> Latest(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];

    private static DateTimeOffset? Parse(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    private Task<JsonDocument> RunJsonAsync(IReadOnlyList<string> arguments, CancellationToken ct) => RunJsonAsync(Program, arguments, ct);

    private async Task<JsonDocument> RunJsonAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        CloudCommandResult result;
        try
        {
            result = await cli.RunAsync(program, arguments, CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new CloudCommandFailedException($"{e.Message} The recovery point could not be read.", e);
        }

        if (!result.Succeeded && program == AzureProgram)
        {
            throw new CloudCommandFailedException(
                $"'{program} {string.Join(' ', arguments)}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}. The operator's identity needs " +
                "Microsoft.DBforPostgreSQL/flexibleServers/read on the source and the drill's servers, and Microsoft.Resources read for the check of what a cut deployment left.");
        }

        if (!result.Succeeded)
        {
            throw new CloudCommandFailedException(
                $"'{CommandLine(arguments)}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}. The operator's role needs " +
                "rds:DescribeDBInstanceAutomatedBackups, elasticache:DescribeSnapshots and s3:ListBucket on the source's copies in the drill region " +
                "(and tag:GetResources for the check of what a cut deployment left).");
        }

        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(result.StandardOutput) ? "null" : result.StandardOutput);
        }
        catch (JsonException e)
        {
            throw new CloudCommandFailedException($"'{program} {string.Join(' ', arguments)}' printed no JSON DrKit can read ({e.Message}).", e);
        }
    }
}
