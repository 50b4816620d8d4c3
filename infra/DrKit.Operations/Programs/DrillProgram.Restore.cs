using DrKit.Core.Platforms.Aws;
using DrKit.Core.Platforms.Azure;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Programs;

/// <summary>The restore side of a drill: where each tier comes from and the recovery points read before deploying.</summary>
public sealed partial class DrillProgram
{
    /// <summary>Reads each measured tier's newest recovery point and hands it (and a Redis snapshot's name) to the drill stack's config.
    /// A tier without one (no backup or snapshot yet, or a read that failed) restores to the latest available data and is reported unmeasured.</summary>
    private async Task<string> ReadRecoveryPointsAsync(OperationTopology topology, string drillStack, string region, IReadOnlyList<TierRestore> tiers, StackOutputs sourceOutputs, DrillRun run, CancellationToken ct)
    {
        var values = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var tier in tiers.Where(t => t.ReadsPoint))
        {
            // Written every run, empty unless this run's read succeeds: a reused drill stack (--drill-stack) may still hold an
            // earlier run's point or snapshot, and restoring to it would be measured as if it had been read now.
            values[PointKey(tier)] = ConfigSetting.Plain(string.Empty);
            if (tier.Kind == RestoreKind.RedisSnapshot)
            {
                values[SnapshotConfigKey(tier)] = ConfigSetting.Plain(string.Empty);
            }

            // An Azure source is found by its decided name; its id, read below, is what the drill stack restores from.
            if ((tier.SourceName ?? sourceOutputs.Text(tier.SourceOutput)) is not { } source)
            {
                notes.Add(NotRestored(tier, run, $"source output {tier.SourceOutput} missing (deploy {topology.Stack} with this DrKit version first)"));
                continue;
            }

            // The restored cache is encrypted with the source's key in the drill region; a source deployed before it exported
            // that key cannot give one, so the tier is a named gap (no snapshot set, nothing declared) rather than a failed drill.
            if (tier.Kind == RestoreKind.RedisSnapshot && sourceOutputs.Text(DrillRestore.RestoreKeyOutput(tier.Component)) is not { Length: > 0 })
            {
                notes.Add(NotRestored(tier, run, $"source output {DrillRestore.RestoreKeyOutput(tier.Component)} missing (the key its cache in {region} is encrypted with, " +
                    $"which the restored copy needs too): deploy {topology.Stack} with this DrKit version first"));
                continue;
            }

            if (MissingKey(topology, tier, sourceOutputs) is { } missing)
            {
                notes.Add(NotRestored(tier, run, missing));
                continue;
            }

            RecoveryPoint? point;
            // The read is the simulated failure: what was written after it is what a real disaster at this moment would lose.
            run.ReadAt[tier.Component] = time.GetUtcNow();
            try
            {
                point = await points.ReadAsync(tier, region == topology.PrimaryRegion, source, ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e)
            {
                notes.Add(NotRestored(tier, run, e.Message));
                continue;
            }

            if (point is null)
            {
                notes.Add(NotRestored(tier, run, $"nothing to restore from yet in {source}{await WhyNoSnapshotAsync(tier, source, ct).ConfigureAwait(false)}"));
                continue;
            }

            values[PointKey(tier)] = ConfigSetting.Plain(point.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (point.SourceId is { } id)
            {
                values[OpsConfig.Namespace + ":" + DrillRestore.RestoreSourceKey(tier.Component)] = ConfigSetting.Plain(id);
            }

            if (point.SnapshotName is { } snapshot)
            {
                values[SnapshotConfigKey(tier)] = ConfigSetting.Plain(snapshot);
            }

            notes.Add($"{tier.Component}: {point.Time:O} ({point.Detail})");
        }

        if (values.Count > 0)
        {
            await gateway.SetConfigAsync(drillStack, values, ct).ConfigureAwait(false);
        }

        return notes.Count == 0 ? "no tier has a recovery point to read" : string.Join("; ", notes);
    }

    /// <summary>Why a restore that needs the source's key in the drill region cannot have it: the source exported none
    /// (deployed before it did, or without a key there). Null when nothing is missing.</summary>
    private static string? MissingKey(OperationTopology topology, TierRestore tier, StackOutputs sourceOutputs)
    {
        if (!RecoveryPointReader.OnAzure(tier)
            || topology.Components.First(c => c.Name == tier.Component).Settings is not AzurePostgresSettings { Keys.Count: > 0 })
        {
            return null;
        }

        var missing = new[] { DrillRestore.RestoreKeyOutput(tier.Component), AzureDrillRestore.RestoreIdentityOutput(tier.Component) }
            .Where(o => sourceOutputs.Text(o) is not { Length: > 0 }).ToList();
        return missing.Count == 0 ? null
            : $"source output {string.Join(" and ", missing)} missing (the customer key and identity in {tier.Region} a restore of a customer-key server needs, " +
              $"https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption): deploy {topology.Stack} with this DrKit version first";
    }

    private static string PointKey(TierRestore tier) => OpsConfig.Namespace + ":" + DrillRestore.RecoveryPointKey(tier.Component);

    private static string SnapshotConfigKey(TierRestore tier) => OpsConfig.Namespace + ":" + DrillRestore.SnapshotKey(tier.Component);

    /// <summary>
    /// Notes a tier whose recovery point was not found. A cache without a snapshot is not restored in this run (the drill
    /// stack declares no copy: an empty cache restores nothing, and timing its creation would flatter the RTO), so it is
    /// neither probed nor measured on its restore path; an RDS tier still restores to its latest restorable time.
    /// </summary>
    private static string NotRestored(TierRestore tier, DrillRun run, string why)
    {
        // An Azure server is declared only with a point: without one nothing is restored (or probed) in this run.
        if (tier.Kind != RestoreKind.RedisSnapshot && !RecoveryPointReader.OnAzure(tier))
        {
            return $"{tier.Component}: {why}";
        }

        run.NotRestored[tier.Component] = why;
        return $"{tier.Component}: {why}; not restored in this run";
    }

    /// <summary>For a Redis tier with no snapshot, what its replication group says about snapshots; empty otherwise.</summary>
    private async Task<string> WhyNoSnapshotAsync(TierRestore tier, string source, CancellationToken ct)
    {
        if (tier.Kind != RestoreKind.RedisSnapshot)
        {
            return string.Empty;
        }

        try
        {
            return $": {await points.ExplainNoSnapshotAsync(tier, source, ct).ConfigureAwait(false)}";
        }
        catch (CloudCommandFailedException e)
        {
            return $" (its snapshot policy could not be read: {e.Message})";
        }
    }

    private static string RecoveryPointText(OperationTopology topology, IReadOnlyList<TierRestore> tiers, string region, string drillStack)
    {
        var reads = tiers.Where(t => t.ReadsPoint).Select(t =>
            $"{t.Component}: {RecoveryPointReader.CommandLine(t, RecoveryPointReader.Arguments(t, region == topology.PrimaryRegion))} " +
            (RecoveryPointReader.OnAzure(t) ? $"(Azure Resource Manager, the source's resource group in {topology.PrimaryRegion}: id, state, backup.geoRedundantBackup) " : string.Empty) +
            $"-> gateway.SetConfig({drillStack}): {OpsConfig.Namespace}:{DrillRestore.RecoveryPointKey(t.Component)}" +
            (t.Kind == RestoreKind.RedisSnapshot ? $", {OpsConfig.Namespace}:{DrillRestore.SnapshotKey(t.Component)}" : string.Empty) +
            (RecoveryPointReader.OnAzure(t) ? $", {OpsConfig.Namespace}:{DrillRestore.RestoreSourceKey(t.Component)} (the id read)" : string.Empty)).ToList();
        return reads.Count == 0 ? "none (no tier has a recovery point)" : string.Join("; ", reads);
    }

    /// <summary>Per tier: where its data is restored from and which drill-stack output carries its recovery point.</summary>
    private static string RestoreText(IReadOnlyList<TierRestore> tiers) => tiers.Count == 0
        ? "no data tier to restore"
        : string.Join("; ", tiers.Select(t =>
            $"{t.Component}: {t.From} (source output {t.SourceOutput}{Extra(t)}); recovery point: {(t.RecoveryPointOutput is { } o ? $"output {o}" : "none")}"));

    /// <summary>What else a restored copy takes from the source: the cache's key, the instance's declared parameters.</summary>
    private static string Extra(TierRestore tier) => tier.Kind switch
    {
        RestoreKind.RedisSnapshot => $"; encrypted with the source's key there, source output {DrillRestore.RestoreKeyOutput(tier.Component)}",
        RestoreKind.RdsPointInTime => "; parameter group declared with the source's planned settings",
        RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime =>
            $"; a new server in the drill stack's own resource group, named with the drill stack; with a customer key, the source's key and identity in {tier.Region} " +
            $"(source outputs {DrillRestore.RestoreKeyOutput(tier.Component)}, {AzureDrillRestore.RestoreIdentityOutput(tier.Component)})",
        _ => string.Empty,
    };
}
