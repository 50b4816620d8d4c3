using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using Pulumi.Random;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

public sealed class RestoredRedisArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required RedisSettings Settings { get; init; }

    public required TierRestore Restore { get; init; }

    /// <summary>The source's newest snapshot in the drill region, as the drill read it (without one the drill stack declares no copy).</summary>
    public required string SnapshotName { get; init; }

    /// <summary>The source's key in the drill region (its cache and snapshots there are encrypted with it).</summary>
    public required string KeyArn { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// A drill's Redis: a new replication group in the drill region, shaped like the source's writer and seeded from
/// the source's newest snapshot there (ElastiCache restores a snapshot into a new cluster:
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-restoring.html). It joins no Global Datastore:
/// a drill never adds members to, or switches, the source's.
/// </summary>
public sealed class RestoredRedis : ComponentResource
{
    public const string TypeToken = "drkit:data:RestoredRedis";

    public RestoredRedis(string name, RestoredRedisArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var region = args.Restore.Region;
        var component = args.Plan.Name;
        // The source's key in this region, not a key of the drill's own: a customer-managed key cannot be deleted at once
        // (7-30 days pending, https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html), so a key per drill
        // would leave one behind after every drill. The drill identity already needs kms:CreateGrant and kms:Decrypt on this
        // key to read the source's snapshot; the copy adds a grant ElastiCache retires when the group is deleted.
        var token = new RandomPassword($"{name}-auth-token", new RandomPasswordArgs { Length = RedisDr.AuthTokenLength, Special = false }, new CustomResourceOptions { Parent = this });
        var group = RedisDr.WriterArgs(s, $"DrKit drill copy of {component}", args.KeyArn, token.Result, args.Tags.For(component, "drill-restore"));
        group.SnapshotName = args.SnapshotName;
        RedisDr.Place(group, s.Network, region);
        var restored = new PulumiAws.ElastiCache.ReplicationGroup($"{name}-{region}", group, RestoredPostgres.Timeouts(args.Providers.In(region, this), args.Plan));
        Endpoint = (s.Shards > 1 ? restored.ConfigurationEndpointAddress : restored.PrimaryEndpointAddress).Apply(host => StackOperations.HostPort(host, RedisDr.Port));
        ReplicationGroupId = restored.Id;
        AuthToken = Output.CreateSecret(token.Result);
        RegisterOutputs();
    }

    /// <summary>"host:port" of the restored group's writer (configuration endpoint in cluster mode).</summary>
    [Output("endpoint")]
    public Output<string> Endpoint { get; }

    [Output("replicationGroupId")]
    public Output<string> ReplicationGroupId { get; }

    [Output("authToken")]
    public Output<string> AuthToken { get; }
}
