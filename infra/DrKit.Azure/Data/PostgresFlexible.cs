using DrKit.Azure.Keys;
using Pulumi;
using PostgreSql = Pulumi.Azure.PostgreSql;

namespace DrKit.Azure.Data;

/// <summary>
/// Azure Database for PostgreSQL flexible server with its disaster-recovery parts: geo-redundant backups (a geo-restore in
/// the paired region reads them), a cross-region read replica through the recovery location's provider, and a virtual
/// endpoint whose writer host follows a promotion, so clients keep one name
/// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-virtual-endpoints).
/// With customer-managed keys each server uses a key and a user-assigned identity of its own location, and a geo-redundant
/// backup needs a second key and identity in the paired region
/// (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-data-encryption).
/// A promotion (switchover or standalone) changes on the real service what only creation may set, so those arguments are
/// ignored after creation: see <see cref="ReplicationIgnored"/> and <see cref="EndpointIgnored"/>.
/// </summary>
public sealed partial class PostgresFlexible : ComponentResource
{
    public const string TypeToken = "drkit:azure:PostgresFlexible";

    public const string ReplicaCreateMode = "Replica";

    /// <summary>The only virtual endpoint type the service offers: a writer host that follows the primary.</summary>
    public const string EndpointType = "ReadWrite";

    /// <summary>
    /// Arguments a promotion rewrites on the service, which the provider would read back as drift; both force a new server,
    /// so without this the first <c>up</c> after a failover would delete the promoted server and create a fresh replica.
    /// After "promote to primary server" the roles swap (the old primary now names a source server), after "promote to
    /// independent server" the replica names none (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote).
    /// A replica inherits its source's administrator login, which the provider reads back too. A promoted server has no
    /// geo-redundant backup and no high availability (replicas support neither, and promotion turns HA off), and a
    /// demoted one loses both: the provider reads them back, and geo-redundant backup forces a new server, so the up
    /// after a switchover would replace the server that holds the only replica. Backup retention and the customer key
    /// (whose geo-backup fields force a new server) are read back from the promoted server the same way; changing them
    /// on a running pair is a deliberate operation, not drift.
    /// </summary>
    public static readonly IReadOnlyList<string> ReplicationIgnored =
        ["createMode", "sourceServerId", "administratorLogin", "geoRedundantBackupEnabled", "highAvailability", "backupRetentionDays", "customerManagedKey"];

    /// <summary>
    /// After a switchover the service swaps the endpoint's members; the provider cannot update <c>replicaServerId</c> then and
    /// <c>sourceServerId</c> forces a new endpoint, whose delete would drop the name clients use. Re-pointing it is the
    /// failover engine's call against the service, not this program's.
    /// </summary>
    public static readonly IReadOnlyList<string> EndpointIgnored = ["sourceServerId", "replicaServerId"];

    /// <summary>With a standby, a service failover moves the zones; the provider documents ignoring them so <c>up</c> does not move them back.</summary>
    public static readonly IReadOnlyList<string> HighAvailabilityIgnored = ["zone", "highAvailability.standbyAvailabilityZone"];

    public PostgresFlexible(string name, PostgresFlexibleArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        Validate(args);
        // The geo-backup key and the replica's key may be one (the paired region is often the recovery region): one vault, one key.
        var keys = new Dictionary<string, (CustomerKeySpec Spec, CustomerKey Key)>(StringComparer.Ordinal);
        CustomerKey? KeyFor(CustomerKeySpec? spec, string role)
        {
            if (spec is null)
            {
                return null;
            }

            if (keys.TryGetValue(spec.VaultName, out var known))
            {
                return known.Spec == spec ? known.Key : throw new ArgumentException($"Two different keys name the vault {spec.VaultName}.", nameof(args));
            }

            var key = new CustomerKey($"{name}-{role}-key", new CustomerKeyArgs { Spec = spec, Provider = args.Providers.For(spec.Location), Tags = args.Tags }, new ComponentResourceOptions { Parent = this });
            keys[spec.VaultName] = (spec, key);
            return key;
        }

        var primaryKey = KeyFor(args.PrimaryKey, "primary");
        var geoKey = args.GeoRedundantBackup ? KeyFor(args.GeoBackupKey, "geo-backup") : null;
        var primary = Server($"{name}-primary", args, args.Primary, primaryKey, geoKey, replicaOf: null);
        Firewall($"{name}-primary", args, args.Primary, primary);

        PostgreSql.FlexibleServer? replica = null;
        if (args.Replica is { } r)
        {
            replica = Server($"{name}-replica", args, r, KeyFor(args.ReplicaKey, "replica"), geoKey: null, replicaOf: primary);
            Firewall($"{name}-replica", args, r, replica);
        }

        if (args.VirtualEndpointName is { } endpointName && replica is not null)
        {
            // Managed from the primary's side, so through the primary's provider; it waits for the replica to exist.
            _ = new PostgreSql.FlexibleServerVirtualEndpoint($"{name}-endpoint", new PostgreSql.FlexibleServerVirtualEndpointArgs
            {
                Name = endpointName,
                SourceServerId = primary.Id,
                ReplicaServerId = replica.Id,
                Type = EndpointType,
            }, new CustomResourceOptions
            {
                Parent = this,
                Provider = args.Providers.For(args.Primary.Location),
                DependsOn = { replica },
                IgnoreChanges = [.. EndpointIgnored],
            });
            WriterHost = Output.Create(WriterHostOf(endpointName));
        }
        else
        {
            WriterHost = primary.Fqdn;
        }

        PrimaryServerId = primary.Id;
        PrimaryFqdn = primary.Fqdn;
        ReplicaServerId = replica?.Id ?? Output.Create(string.Empty);
        ReplicaFqdn = replica?.Fqdn ?? Output.Create(string.Empty);
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["writerHost"] = WriterHost,
            ["primaryServerId"] = PrimaryServerId,
            ["replicaServerId"] = ReplicaServerId,
        });
    }

    /// <summary>The host clients connect to for writes: the virtual endpoint's writer host, else the primary's FQDN.</summary>
    public Output<string> WriterHost { get; }

    public Output<string> PrimaryServerId { get; }

    public Output<string> PrimaryFqdn { get; }

    /// <summary>The replica's id, empty without a replica.</summary>
    public Output<string> ReplicaServerId { get; }

    public Output<string> ReplicaFqdn { get; }

    /// <summary>
    /// A virtual endpoint's writer host: <c>&lt;endpoint&gt;.writer.postgres.database.azure.com</c>
    /// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-virtual-endpoints).
    /// </summary>
    public static string WriterHostOf(string endpointName) => $"{endpointName}.writer.postgres.database.azure.com";
}
