using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>How a data component's writer is placed and guarded, which decides what its resources look like.</summary>
public enum DataTierKind
{
    /// <summary>RDS PostgreSQL: fenced through its parameter group, promoted by dropping the replica's source.</summary>
    RdsPostgres,

    /// <summary>Self-managed PostgreSQL: the stack only reports; the operator fences and promotes the servers.</summary>
    SelfManagedPostgres,

    /// <summary>ElastiCache Redis: the Global Datastore primary is switched by operations through the AWS CLI.</summary>
    Redis,

    /// <summary>CloudNativePG distributed topology: <c>.spec.replica.primary</c> of both clusters names the writer's cluster.</summary>
    CloudNativePg,

    /// <summary>Redis with Sentinel on Kubernetes: the recovery cluster's Redis replicates until promoted.</summary>
    SentinelRedis,

    /// <summary>Azure Database for PostgreSQL Flexible Server: the recovery-region read replica is promoted by the service
    /// (<c>az postgres flexible-server replica promote</c>), after which the stack declares it as a standalone server.</summary>
    FlexiblePostgres,

    /// <summary>Azure Managed Redis active geo-replication: every member takes writes; a failover unlinks the lost member
    /// from the surviving one, and <c>writerRegion</c> records where the application writes.</summary>
    ManagedRedis,
}

/// <summary>
/// The decided state of one data component under operations: where its writer is, whether the primary-region
/// writer is fenced, and the role of its recovery-region member.
/// </summary>
/// <param name="RecoveryRegion">Region of the recovery member (RDS read replica, Global Datastore secondary); null without one.</param>
/// <param name="ReplicaPromoted">RDS: the recovery replica is declared without a replication source.</param>
public sealed record DataTierState(
    string Component,
    DataTierKind Kind,
    string PrimaryRegion,
    string? RecoveryRegion,
    bool Fenced,
    bool ReplicaPromoted,
    string WriterRegion)
{
    public const string RolePrimary = "primary";

    /// <summary>Master user of the RDS instances the AWS stack declares (operations connect as it, e.g. a switchover's catch-up read).</summary>
    public const string RdsMasterUser = "drkit_admin";
    public const string RoleReplica = "replica";

    /// <summary>PostgreSQL setting that makes every new transaction read-only: the fence on an RDS primary.</summary>
    public const string FenceParameter = "default_transaction_read_only";

    /// <summary><c>primary</c> once the recovery member holds the writer, otherwise <c>replica</c>.</summary>
    public string RecoveryRole => RecoveryRegion is not null && WriterRegion == RecoveryRegion ? RolePrimary : RoleReplica;

    /// <summary>
    /// The primary-region writer is declared with the fence group alone: while it is fenced, and for as long as the
    /// recovery member is promoted, fence confirmed or not. A fence the outage kept from being confirmed leaves the old
    /// primary with its client groups; declaring them again on the next <c>up</c> would give it clients as a second
    /// writer once its region returns, so the promotion alone keeps it isolated until failback.
    /// </summary>
    public bool PrimaryIsolated => Fenced || ReplicaPromoted;

    /// <summary>Value of <see cref="FenceParameter"/> that lets a writer take writes: what the unfenced primary and the
    /// writer group a failback gives its re-seed carry.</summary>
    public const string UnfencedParameterValue = "off";

    /// <summary>
    /// RDS: the identifier of the writer a failback re-seeded and promoted in the primary region (<c>drkit-ops:adopt.&lt;c&gt;</c>),
    /// which the stack declares as its primary-region writer, imported under a logical name of its own, with a new replica
    /// of it in the recovery region; the instances of the failed-over world (the old primary, the old recovery writer) are
    /// no longer declared, so the adopting <c>up</c> deletes them with their final snapshots. Null before any failback.
    /// </summary>
    public string? AdoptedWriter { get; init; }

    /// <summary>
    /// True once the up that imported <see cref="AdoptedWriter"/> succeeded (<c>adopted.&lt;c&gt;=true</c>). Until then the writer
    /// is declared as the provider's importer reads it: the importer cannot read the final-snapshot settings and records
    /// <c>skip_final_snapshot = true</c>, and any declared input that differs fails the import on an up
    /// (https://github.com/pulumi/pulumi/blob/master/developer-docs/architecture/import.md, step 4). The following up
    /// then declares the stack's own (no final snapshot skipped), which only changes the state.
    /// </summary>
    public bool AdoptionImported { get; init; }

    /// <summary>Pulumi logical name suffix of the primary-region writer: <c>primary</c>, or <c>writer-&lt;adopted id&gt;</c> once
    /// a failback's writer is adopted (a name of its own, so the import never collides with the old primary's state).</summary>
    public string PrimaryResourceSuffix => AdoptedWriter is { } id ? $"writer-{id}" : "primary";

    /// <summary>Pulumi logical name suffix of the replica in <paramref name="region"/>: a new resource per adopted writer,
    /// since RDS cannot point an existing replica at another source.</summary>
    public string ReplicaResourceSuffix(string region) => AdoptedWriter is { } id ? $"replica-{region}-of-{id}" : $"replica-{region}";

    /// <summary>
    /// Value of <see cref="FenceParameter"/> in the primary-region parameter group (RDS only). Once a failback's writer is
    /// adopted no current writer uses that group (the adopted writer has the writer group), only the old primary until the
    /// adopting up deletes it; a failback clears <c>fence.&lt;c&gt;</c>, and Pulumi runs updates before deletes, so without this
    /// the old primary would become writable by default for the minutes before its deletion.
    /// </summary>
    public string FenceParameterValue => Fenced || AdoptedWriter is not null ? "on" : UnfencedParameterValue;

    public static DataTierState Decide(ComponentPlan component, DrPlan plan, OperationsState ops)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ops);
        var firstRecovery = plan.RecoveryRegions.Count > 0 ? plan.RecoveryRegions[0] : null;
        var fenced = ops.IsFenced(component.Name);
        switch (component.Settings)
        {
            case PostgresSettings { Engine: PostgresEngine.Rds } pg:
                var recovery = pg.CrossRegionReplica ? firstRecovery : null;
                var promoted = recovery is not null && ops.IsPromoted(component.Name);
                // The promotion decides where the writer is; writerRegion is only the operator's note of it.
                return new DataTierState(component.Name, DataTierKind.RdsPostgres, plan.PrimaryRegion, recovery, fenced, promoted, promoted ? recovery! : plan.PrimaryRegion)
                {
                    AdoptedWriter = recovery is null ? null : ops.Adopt.GetValueOrDefault(component.Name),
                    AdoptionImported = recovery is not null && ops.Adopted.GetValueOrDefault(component.Name),
                };
            case PostgresSettings:
                return new DataTierState(component.Name, DataTierKind.SelfManagedPostgres, plan.PrimaryRegion, null, fenced, false,
                    ops.WriterRegion.GetValueOrDefault(component.Name, plan.PrimaryRegion));
            case RedisSettings redis:
                // The Global Datastore switch happens outside the stack; writerRegion records where it put the writer.
                var secondary = redis.GlobalDatastore ? firstRecovery : null;
                return new DataTierState(component.Name, DataTierKind.Redis, plan.PrimaryRegion, secondary, fenced, false,
                    ops.WriterRegion.GetValueOrDefault(component.Name, plan.PrimaryRegion));
            case Platforms.Kubernetes.CnpgSettings cnpg:
                // The promotion decides the writer: the stack then declares .spec.replica.primary = the recovery cluster in both clusters.
                var replica = cnpg.Replica?.Region;
                var cnpgPromoted = replica is not null && ops.IsPromoted(component.Name);
                return new DataTierState(component.Name, DataTierKind.CloudNativePg, plan.PrimaryRegion, replica, fenced, cnpgPromoted, cnpgPromoted ? replica! : plan.PrimaryRegion);
            case Platforms.Kubernetes.SentinelRedisSettings sentinel:
                var follower = sentinel.ReplicaOf is not null ? firstRecovery : null;
                var moved = follower is not null && ops.WriterRegion.GetValueOrDefault(component.Name) == follower;
                return new DataTierState(component.Name, DataTierKind.SentinelRedis, plan.PrimaryRegion, follower, fenced, moved, moved ? follower! : plan.PrimaryRegion);
            case Platforms.Azure.AzurePostgresSettings flexible:
                // As for RDS, the promotion decides where the writer is: the replica promoted by the service is the writer.
                var flexibleRecovery = flexible.ReplicaRegion;
                var flexiblePromoted = flexibleRecovery is not null && ops.IsPromoted(component.Name);
                return new DataTierState(component.Name, DataTierKind.FlexiblePostgres, plan.PrimaryRegion, flexibleRecovery, fenced, flexiblePromoted,
                    flexiblePromoted ? flexibleRecovery! : plan.PrimaryRegion);
            case Platforms.Azure.AzureRedisSettings managed:
                // Active geo-replication has no promotion; writerRegion records which member the application writes to.
                var member = managed.GeoReplicationGroup is not null ? plan.RecoveryRegions.FirstOrDefault(managed.Instances.ContainsKey) : null;
                return new DataTierState(component.Name, DataTierKind.ManagedRedis, plan.PrimaryRegion, member, fenced, false,
                    ops.WriterRegion.GetValueOrDefault(component.Name, plan.PrimaryRegion));
            default:
                throw new ArgumentException($"{component.Name} ({Names.Of(component.Kind)}) is not a data component", nameof(component));
        }
    }
}
