using Pulumi;
using PostgreSql = Pulumi.Azure.PostgreSql;

namespace DrKit.Azure.Drills;

/// <summary>
/// A drill's copy of a PostgreSQL Flexible Server: a new server created from the source's backups
/// (<c>createMode</c> <see cref="GeoRestore"/> in the paired region, or <see cref="PointInTimeRestore"/> in the source's
/// region), never a replica: it joins no replication and changes nothing of the source. Restored servers take the
/// source's version, administrator and data; the provider requires the source id and a restore time for both modes
/// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore,
/// https://learn.microsoft.com/rest/api/postgresql/flexibleserver/servers/create, <c>pointInTimeUTC</c>).
/// A server encrypted with a customer key is restored only with a key and a user-assigned identity in the target region
/// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-data-encryption): the source's there.
/// </summary>
public sealed class RestoredFlexibleServer : ComponentResource
{
    public const string TypeToken = "drkit:azure:RestoredFlexibleServer";
    public const string GeoRestore = "GeoRestore";
    public const string PointInTimeRestore = "PointInTimeRestore";
    public const string UserAssigned = "UserAssigned";

    public RestoredFlexibleServer(string name, RestoredFlexibleServerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.CreateMode is not (GeoRestore or PointInTimeRestore))
        {
            throw new ArgumentException($"A drill restores with {GeoRestore} or {PointInTimeRestore}, not {args.CreateMode}: it never creates a replica of the source.", nameof(args));
        }

        var server = new PostgreSql.FlexibleServerArgs
        {
            Name = args.Name,
            Location = args.Location,
            ResourceGroupName = args.ResourceGroupName,
            CreateMode = args.CreateMode,
            SourceServerId = args.SourceServerId,
            PointInTimeRestoreTimeInUtc = args.RestoreTime,
            SkuName = args.SkuName,
            StorageMb = args.StorageMb,
            PublicNetworkAccessEnabled = args.PublicNetworkAccess,
            // A drill copy keeps no geo-backup of its own: it lives for the drill only.
            GeoRedundantBackupEnabled = false,
            Tags = AzureTags.Of(args.Tags, "drill-restore"),
        };
        if (args.Key is { } key)
        {
            server.Identity = new PostgreSql.Inputs.FlexibleServerIdentityArgs { Type = UserAssigned, IdentityIds = { key.IdentityId } };
            server.CustomerManagedKey = new PostgreSql.Inputs.FlexibleServerCustomerManagedKeyArgs
            {
                KeyVaultKeyId = key.KeyVaultKeyId,
                PrimaryUserAssignedIdentityId = key.IdentityId,
            };
        }

        var restored = new PostgreSql.FlexibleServer($"{name}-server", server, new CustomResourceOptions
        {
            Parent = this,
            Provider = args.Providers.For(args.Location),
            // The provider's default create timeout (one hour) is shorter than a restore of a large server with a day of logs.
            CustomTimeouts = new CustomTimeouts { Create = args.CreateTimeout },
        });
        ServerId = restored.Id;
        Fqdn = restored.Fqdn;
        RegisterOutputs(new Dictionary<string, object?> { ["serverId"] = ServerId, ["fqdn"] = Fqdn });
    }

    /// <summary>The restored server's resource id, which the drill's probe reads with <c>az postgres flexible-server show --ids</c>.</summary>
    public Output<string> ServerId { get; }

    public Output<string> Fqdn { get; }
}
