using System.Collections.Immutable;
using DrKit.Aws.Data;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// Drill stacks (<c>drkit-ops:drill.*</c> set): they recover the source's data in the drill region and declare
/// nothing else: no traffic records or health checks (production owns the names and set identifiers), no
/// registry-wide settings, no buckets or repositories (the source's replicas are read in place), no capacity.
/// Source stacks export, per component, what a drill restores from.
/// </summary>
public sealed partial class DrResources
{
    /// <summary>The restored copies of a drill stack, by component.</summary>
    private sealed record Restored(Dictionary<string, (TierRestore Tier, Output<string> Endpoint, Output<string> Id)> Tiers);

    private static Restored ComposeDrill(StackOperations ops, RegionalProviders providers, StackTags tags, Resource? parent, ResourceTransformation policy)
    {
        var plan = ops.Plan;
        var state = ops.State;
        var region = state.Drill!.Region ?? DrillRestore.DrillRegion(plan);
        var restored = new Restored(new(StringComparer.Ordinal));
        foreach (var tier in DrillRestore.For(plan.Components, plan.PrimaryRegion, region))
        {
            var c = plan.Components.First(p => p.Name == tier.Component);
            var options = providers.Component(parent);
            options.ResourceTransformations.Add(policy);
            var source = state.Sources.GetValueOrDefault(DrillRestore.RestoreSourceOutput(c.Name));
            switch (tier.Kind)
            {
                case RestoreKind.RdsPointInTime when !string.IsNullOrEmpty(source):
                    var pg = new RestoredPostgres(c.Name, new RestoredPostgresArgs
                    {
                        Plan = c,
                        Settings = Settings<PostgresSettings>(c),
                        Restore = tier,
                        Source = source,
                        SourceInRegion = region == plan.PrimaryRegion,
                        // Empty when this run's read failed (the drill clears an earlier run's point): the latest restorable time, unmeasured.
                        RestoreTime = state.Sources.GetValueOrDefault(DrillRestore.RecoveryPointSource(c.Name)) is { Length: > 0 } point ? point : null,
                        Providers = providers,
                        Tags = tags,
                    }, options);
                    restored.Tiers[c.Name] = (tier, pg.Endpoint, pg.Identifier);
                    break;
                case RestoreKind.RedisSnapshot when state.Sources.GetValueOrDefault(DrillRestore.SnapshotSource(c.Name)) is { Length: > 0 } snapshot:
                    var redis = new RestoredRedis(c.Name, new RestoredRedisArgs
                    {
                        Plan = c,
                        Settings = Settings<RedisSettings>(c),
                        Restore = tier,
                        SnapshotName = snapshot,
                        KeyArn = state.Sources.GetValueOrDefault(DrillRestore.RestoreKeyOutput(c.Name)) is { Length: > 0 } key
                            ? key
                            : throw new RunException($"Drill stack {plan.Stack} has no {OperationsKeys.Full(DrillRestore.RestoreKeyKey(c.Name))}: the source stack exports " +
                                $"{DrillRestore.RestoreKeyOutput(c.Name)} (the key its cache in {region} is encrypted with, which the restored copy uses too); deploy the source with this DrKit version, then run the drill with 'drkit drill', which copies it."),
                        Providers = providers,
                        Tags = tags,
                    }, options);
                    restored.Tiers[c.Name] = (tier, redis.Endpoint, redis.ReplicationGroupId);
                    break;
                case RestoreKind.RedisSnapshot:
                    // No snapshot found: nothing is declared or exported. An empty cache would restore nothing, and its
                    // creation time would be recorded as a recovery; the drill lists the tier as not restored instead.
                    break;
                case RestoreKind.RdsPointInTime:
                    throw new RunException($"Drill stack {plan.Stack} has no {OperationsKeys.Full(DrillRestore.RestoreSourceKey(c.Name))}: the source stack exports " +
                        $"{DrillRestore.RestoreSourceOutput(c.Name)} (its automated backups in {region}); run the drill with 'drkit drill', which copies it.");
                default:
                    // Self-managed servers restore themselves from the archive; objects and images are read in place.
                    restored.Tiers[c.Name] = (tier, Output.Create(string.Empty), Output.Create(string.Empty));
                    break;
            }
        }

        return restored;
    }

    /// <summary>A drill stack's flat outputs: each restored tier's endpoint, role and recovery point, and where it came from.</summary>
    private static void DrillOutputs(Dictionary<string, Output<string>> flat, StackOperations ops, Restored restored)
    {
        foreach (var (component, (tier, endpoint, id)) in restored.Tiers)
        {
            flat[DrillRestore.RestoredFromOutput(component)] = Output.Create($"{tier.From}: {ops.State.Sources.GetValueOrDefault(DrillRestore.RestoreSourceOutput(component), "(source output missing)")}");
            if (tier.RecoveryPointOutput is { } pointOutput && ops.State.Sources.GetValueOrDefault(DrillRestore.RecoveryPointSource(component)) is { Length: > 0 } point)
            {
                // The time the drill read from the backups, snapshot or archive and restored to exactly.
                flat[pointOutput] = Output.Create(point);
            }

            if (tier.Probed)
            {
                flat[OperationsOutputNames.PrimaryEndpoint(component)] = Output.Create(string.Empty);
                flat[OperationsOutputNames.RecoveryEndpoint(component)] = endpoint;
                // What the drill's probes describe at RDS or ElastiCache: the copy's real state, not this output.
                flat[DrillRestore.RestoredIdOutput(component)] = id;
                flat[OperationsOutputNames.RecoveryRole(component)] = Output.Create("primary");
                flat[OperationsOutputNames.WriterRegion(component)] = Output.Create(tier.Region);
            }
        }
    }

    /// <summary>A source stack's <c>&lt;c&gt;.restoreSource</c> outputs: its member in the drill region that a drill restores from.</summary>
    private static void RestoreSources(Dictionary<string, Output<string>> flat, DrPlan plan, Built built)
    {
        var region = DrillRestore.DrillRegion(plan);
        foreach (var tier in DrillRestore.For(plan.Components, plan.PrimaryRegion, region))
        {
            var c = tier.Component;
            Output<ImmutableDictionary<string, string>>? map = tier.Kind switch
            {
                RestoreKind.RdsPointInTime when built.Postgres.TryGetValue(c, out var pg) => region == plan.PrimaryRegion ? pg.InstanceIdentifiers : pg.BackupReplicationArns,
                RestoreKind.WalArchive when built.Postgres.TryGetValue(c, out var pg) && pg.WalArchive is { } archive => archive.BucketNames,
                RestoreKind.RedisSnapshot when built.Redis.TryGetValue(c, out var redis) => redis.ReplicationGroupIds,
                RestoreKind.ReadInPlace when built.Buckets.TryGetValue(c, out var bucket) => bucket.BucketNames,
                RestoreKind.ReadInPlace when built.Registries.TryGetValue(c, out var registry) => registry.RepositoryUrls.Apply(urls =>
                    urls.ToImmutableDictionary(r => r.Key, r => string.Join(",", r.Value.Values.Order(StringComparer.Ordinal)), StringComparer.Ordinal)),
                _ => null,
            };
            if (map is not null)
            {
                flat[DrillRestore.RestoreSourceOutput(c)] = map.Apply(m => m.GetValueOrDefault(region, string.Empty));
            }

            if (tier.Kind == RestoreKind.RedisSnapshot && built.Redis.TryGetValue(c, out var cache))
            {
                flat[DrillRestore.RestoreKeyOutput(c)] = cache.KeyArns.Apply(m => m.GetValueOrDefault(region, string.Empty));
            }
        }
    }
}
