using DrKit.Aws.Monitoring;
using DrKit.Aws.Storage;
using DrKit.Core.Monitoring;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using Pulumi;

namespace DrKit.Aws;

public sealed partial class DrResources
{
    /// <summary>The alarms the core decided for the plan in its operations state, the topics and canaries it decided from the plan alone, their dimensions taken from the resources just declared.</summary>
    private static DrAlarms Alarms(StackOperations ops, Built built, RegionalProviders providers, StackTags tags, ComponentResourceOptions options) =>
        new("alarms", new DrAlarmsArgs
        {
            Stack = ops.Plan.Stack,
            Alarms = AlarmPlanner.Decide(ops.Plan, ops.State),
            TopicRegions = AlarmPlanner.TopicRegions(ops.Plan),
            Ephemeral = ops.State.Ephemeral,
            Canaries = AlarmPlanner.Canaries(ops.Plan),
            Probes = AlarmPlanner.Probes(ops.Plan, ops.State),
            ProbeTargets = (probe, source) => ProbeTarget(built, probe.Region, source),
            Alerts = ops.Plan.Alerts,
            Dimensions = spec => Dimensions(spec, built, providers.PrimaryRegion),
            Providers = providers,
            Tags = tags,
        }, options);

    private static IReadOnlyList<InputMap<string>> Dimensions(AlarmSpec spec, Built built, string primary) => spec.Target switch
    {
        AlarmTarget.RdsReplica => [new() { ["DBInstanceIdentifier"] = Entry(built.Postgres[spec.Component].InstanceIdentifiers, spec.Region) }],
        AlarmTarget.GlobalDatastoreMembers => spec.MemberSuffixes
            .Select(suffix => new InputMap<string> { ["CacheClusterId"] = Entry(built.Redis[spec.Component].ReplicationGroupIds, spec.Region).Apply(group => group + suffix) })
            .ToList(),
        AlarmTarget.S3ReplicationRule => [ReplicationRule(Bucket(built, spec), primary, spec)],
        AlarmTarget.HealthCheck => [new() { ["HealthCheckId"] = Entry(built.Traffic!.HealthCheckIds, spec.Subject) }],
        AlarmTarget.CapacityReservation => [new() { ["CapacityReservationId"] = Entry(built.Gpu[spec.Component].ReservationIds, spec.Subject) }],
        _ => throw new InvalidOperationException($"alarm {spec.Key}: DrKit cannot resolve {spec.Target} dimensions"),
    };

    /// <summary>What a probe reads in its region: the replicated backups' ARN, the archive replica bucket, the reservation id.</summary>
    private static ProbeTarget ProbeTarget(Built built, string region, ProbeSource source) => source.Kind switch
    {
        ProbeSourceKind.RdsBackup when Entry(built.Postgres[source.Component].BackupReplicationArns, region) is var arn => new(arn, arn),
        ProbeSourceKind.WalArchive when built.Postgres[source.Component].WalArchive?.Parts[region].Bucket is { } bucket => new(bucket.Id, bucket.Arn),
        ProbeSourceKind.Reservation => new(Entry(built.Gpu[source.Component].ReservationIds, region), null),
        _ => throw new InvalidOperationException($"probe in {region}: DrKit cannot resolve {source.Kind} of {source.Component}"),
    };

    /// <summary>A PostgreSQL component's replicated bucket is its WAL archive; other bucket components are their own bucket.</summary>
    private static ReplicatedBucket Bucket(Built built, AlarmSpec spec) =>
        (built.Postgres.TryGetValue(spec.Component, out var postgres) ? postgres.WalArchive : null) ?? built.Buckets[spec.Component];

    private static InputMap<string> ReplicationRule(ReplicatedBucket bucket, string primary, AlarmSpec spec) => new()
    {
        ["SourceBucket"] = bucket.Parts[primary].Bucket.Id,
        // The destination is the region the rule replicates into; a failed-replication alarm itself lives in the source's region.
        ["DestinationBucket"] = bucket.Parts[spec.Subject].Bucket.Id,
        ["RuleId"] = spec.RuleId ?? throw new InvalidOperationException($"alarm {spec.Key} names no replication rule"),
    };

    private static Output<string> Entry(Output<System.Collections.Immutable.ImmutableDictionary<string, string>> map, string key) =>
        map.Apply(m => m.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"no resource id for {key} in the declared outputs"));
}
