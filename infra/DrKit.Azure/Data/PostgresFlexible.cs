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
/// ignored after creation: see <see cref="ReplicationIgnored"/>, <see cref="PromotionIgnored"/> and <see cref="EndpointIgnored"/>.
/// Both servers are protected: deleting either loses data a plan change should never be able to lose.
/// </summary>
public sealed partial class PostgresFlexible : ComponentResource
{
    public const string TypeToken = "drkit:azure:PostgresFlexible";

    public const string ReplicaCreateMode = "Replica";

    /// <summary>The only virtual endpoint type the service offers: a writer host that follows the primary.</summary>
    public const string EndpointType = "ReadWrite";

    /// <summary>
    /// Arguments ignored on every server: all force a new server, and the service rewrites or drops them where only creation
    /// may set them. A promotion ("promote to primary server" swaps the roles, so the old primary names a source server;
    /// "promote to independent server" leaves the replica naming none) rewrites <c>createMode</c> and <c>sourceServerId</c>
    /// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote); a replica inherits its
    /// source's administrator login; geo-redundant backup is create-only on the service and neither a promoted nor a demoted
    /// server keeps it; and the customer key block freezes the key, vault and identity chosen at creation (a versionless key
    /// follows rotation by itself: changing the key or identity is <c>az postgres flexible-server update</c>, not an <c>up</c>).
    /// Without these the first <c>up</c> after a failover would delete the promoted server and create a fresh replica.
    /// </summary>
    public static readonly IReadOnlyList<string> ReplicationIgnored =
        ["createMode", "sourceServerId", "administratorLogin", "geoRedundantBackupEnabled", "customerManagedKey"];

    /// <summary>
    /// Ignored only while the operations state records a promotion: both update in place, so in steady state the stack
    /// declares them and an <c>up</c> restores a retention or high availability the plan asks for (a promotion turns HA off,
    /// and the promoted server reads back a retention the stack did not set). After failback they are declared again.
    /// </summary>
    public static readonly IReadOnlyList<string> PromotionIgnored = ["backupRetentionDays", "highAvailability"];

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

        KeysByLocation = keys.Values.ToDictionary(k => k.Spec.Location, k => k.Key, StringComparer.Ordinal);
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

    /// <summary>The customer keys declared, by location (one per vault): a drill restoring in a location needs the key and
    /// identity there.</summary>
    public IReadOnlyDictionary<string, CustomerKey> KeysByLocation { get; }

    /// <summary>The host clients connect to for writes, as declared (the virtual endpoint's writer host, else the primary's
    /// FQDN): the name clients use, not a read of which server writes; operations read the servers' roles.</summary>
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
