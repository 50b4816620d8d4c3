using System.Collections.Immutable;
using DrKit.Core.Model;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using Pulumi.Random;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

/// <summary>
/// Redis DR as planned: an encrypted (in transit and at rest, customer key) primary replication group with
/// snapshots; with a Global Datastore also the global group and a secondary in each recovery region.
/// </summary>
public sealed class RedisDr : ComponentResource
{
    public const string TypeToken = "drkit:data:RedisDr";

    /// <summary>DrKit leaves ElastiCache's default port.</summary>
    public const int Port = 6379;

    /// <summary>The Global Datastore primary is switched by operations with the AWS CLI; the provider would replace
    /// the whole global datastore if this changed, so the stack never acts on it.</summary>
    public const string PrimaryReplicationGroupIdProperty = "primaryReplicationGroupId";

    /// <summary>ElastiCache auth tokens are 16-128 characters with a narrow set of specials; letters and digits only.</summary>
    internal const int AuthTokenLength = 64;

    public RedisDr(string name, RedisDrArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var p = args.Providers;
        var component = args.Plan.Name;
        var clustered = s.Shards > 1;
        var regions = s.GlobalDatastore ? p.ByRegion.Keys.ToList() : [p.PrimaryRegion];
        var keys = regions.ToDictionary(r => r, r => new PulumiAws.Kms.Key($"{name}-{r}-key", new PulumiAws.Kms.KeyArgs
        {
            Description = $"DrKit Redis data and snapshots of {component} ({r})",
            EnableKeyRotation = true,
            Tags = args.Tags.For(component, "cache"),
        }, p.In(r, this)), StringComparer.Ordinal);

        var token = new RandomPassword($"{name}-auth-token", new RandomPasswordArgs { Length = AuthTokenLength, Special = false }, new CustomResourceOptions { Parent = this });

        var primaryArgs = WriterArgs(s, $"DrKit {component} primary", keys[p.PrimaryRegion].Arn, token.Result, args.Tags.For(component, "primary"));
        primaryArgs.SnapshotRetentionLimit = s.SnapshotRetentionDays;
        Place(primaryArgs, s.Network, p.PrimaryRegion);
        var primary = new PulumiAws.ElastiCache.ReplicationGroup($"{name}-{p.PrimaryRegion}", primaryArgs, p.In(p.PrimaryRegion, this));
        var groups = new Dictionary<string, PulumiAws.ElastiCache.ReplicationGroup>(StringComparer.Ordinal) { [p.PrimaryRegion] = primary };

        if (s.GlobalDatastore && p.RecoveryRegions.Count > 0)
        {
            var globalOptions = p.In(p.PrimaryRegion, this);
            globalOptions.IgnoreChanges.Add(PrimaryReplicationGroupIdProperty);
            var global = new PulumiAws.ElastiCache.GlobalReplicationGroup($"{name}-global", new PulumiAws.ElastiCache.GlobalReplicationGroupArgs
            {
                GlobalReplicationGroupIdSuffix = AwsLimits.GlobalDatastoreSuffix(args.Tags.Stack, component),
                PrimaryReplicationGroupId = primary.Id,
                GlobalReplicationGroupDescription = $"DrKit {component} Global Datastore",
            }, globalOptions);
            GlobalDatastoreId = global.GlobalReplicationGroupId;

            foreach (var region in p.RecoveryRegions)
            {
                groups[region] = Secondary(name, region, component, s, global, keys[region], args);
            }
        }
        else
        {
            GlobalDatastoreId = Output.Create(string.Empty);
        }

        ReplicationGroupIds = OutputMaps.Of(groups.ToDictionary(g => g.Key, g => g.Value.Id, StringComparer.Ordinal));
        KeyArns = OutputMaps.Of(keys.ToDictionary(k => k.Key, k => k.Value.Arn, StringComparer.Ordinal));
        Endpoints = OutputMaps.Of(groups.ToDictionary(g => g.Key, g => clustered ? g.Value.ConfigurationEndpointAddress : g.Value.PrimaryEndpointAddress, StringComparer.Ordinal));
        AuthToken = Output.CreateSecret(token.Result);
        PrimaryEndpoint = HostPort(groups[p.PrimaryRegion], clustered);
        RecoveryEndpoint = args.Tier.RecoveryRegion is { } recovery && groups.TryGetValue(recovery, out var secondaryGroup)
            ? HostPort(secondaryGroup, clustered)
            : Output.Create(string.Empty);
        RegisterOutputs();
    }

    /// <summary>"host:port" of the primary-region member.</summary>
    public Output<string> PrimaryEndpoint { get; }

    /// <summary>"host:port" of the recovery-region Global Datastore member; empty without one.</summary>
    public Output<string> RecoveryEndpoint { get; }

    private static Output<string> HostPort(PulumiAws.ElastiCache.ReplicationGroup group, bool clustered) =>
        (clustered ? group.ConfigurationEndpointAddress : group.PrimaryEndpointAddress).Apply(host => StackOperations.HostPort(host, Port));

    /// <summary>Region -> replication group id (primary region: the primary; recovery regions: the secondaries).</summary>
    [Output("replicationGroupIds")]
    public Output<ImmutableDictionary<string, string>> ReplicationGroupIds { get; }

    /// <summary>Region -> primary endpoint (configuration endpoint when cluster mode is on).</summary>
    [Output("endpoints")]
    public Output<ImmutableDictionary<string, string>> Endpoints { get; }

    /// <summary>Region -> ARN of the key the cache and its snapshots there are encrypted with.</summary>
    [Output("keyArns")]
    public Output<ImmutableDictionary<string, string>> KeyArns { get; }

    /// <summary>The Global Datastore's full id; empty without one.</summary>
    [Output("globalDatastoreId")]
    public Output<string> GlobalDatastoreId { get; }

    [Output("authToken")]
    public Output<string> AuthToken { get; }

    /// <summary>
    /// A Global Datastore secondary takes engine, version, node type, shard count, parameter group, encryption
    /// settings and auth from the global group: it sets none of them (ElastiCache rejects most), only its
    /// identity, replica count, failover, a key of its own region, snapshots and network placement.
    /// </summary>
    private PulumiAws.ElastiCache.ReplicationGroup Secondary(string name, string region, string component, RedisSettings s,
        PulumiAws.ElastiCache.GlobalReplicationGroup global, PulumiAws.Kms.Key key, RedisDrArgs args)
    {
        var secondary = new PulumiAws.ElastiCache.ReplicationGroupArgs
        {
            Description = $"DrKit {component} secondary ({region})",
            GlobalReplicationGroupId = global.GlobalReplicationGroupId,
            AutomaticFailoverEnabled = s.AutomaticFailover,
            KmsKeyId = key.Arn,
            SnapshotRetentionLimit = s.SnapshotRetentionDays,
            Tags = args.Tags.For(component, "secondary"),
        };
        if (s.Shards <= 1)
        {
            secondary.NumCacheClusters = 1 + s.ReplicasPerShard;
        }
        else
        {
            // The shard count comes from the global group (NumNodeGroups may not be set on a secondary), but each
            // member keeps its own replicas per shard; left out, the secondary would run its shards without replicas.
            secondary.ReplicasPerNodeGroup = s.ReplicasPerShard;
        }

        Place(secondary, s.Network, region);
        return new PulumiAws.ElastiCache.ReplicationGroup($"{name}-{region}", secondary, args.Providers.In(region, this));
    }

    /// <summary>A writable replication group as planned (the primary, or a drill's restored copy): encrypted in transit and at
    /// rest with <paramref name="keyArn"/>, auth token, replicas, and cluster mode with its parameter group when sharded.</summary>
    internal static PulumiAws.ElastiCache.ReplicationGroupArgs WriterArgs(RedisSettings s, string description, Input<string> keyArn, Input<string> authToken, InputMap<string> tags)
    {
        var group = new PulumiAws.ElastiCache.ReplicationGroupArgs
        {
            Description = description,
            Engine = "redis",
            EngineVersion = s.EngineVersion,
            NodeType = s.NodeType,
            AutomaticFailoverEnabled = s.AutomaticFailover,
            TransitEncryptionEnabled = true,
            AtRestEncryptionEnabled = true,
            KmsKeyId = keyArn,
            AuthToken = authToken,
            Tags = tags,
        };
        if (s.Shards > 1)
        {
            group.ClusterMode = "enabled";
            group.NumNodeGroups = s.Shards;
            group.ReplicasPerNodeGroup = s.ReplicasPerShard;
            group.ParameterGroupName = ClusterParameterGroup(s.EngineVersion);
        }
        else
        {
            group.NumCacheClusters = 1 + s.ReplicasPerShard;
        }

        return group;
    }

    /// <summary>Cluster mode needs a cluster-enabled parameter group: the engine version's default one, as the core names
    /// it (<c>default.redis6.x.cluster.on</c> for 6.x); planning already refused versions without one.</summary>
    public static string ClusterParameterGroup(string engineVersion) =>
        AwsLimits.ClusterParameterGroup(engineVersion) ?? throw new InvalidOperationException($"Redis {engineVersion} has no cluster-mode parameter group; the plan should have refused it");

    internal static void Place(PulumiAws.ElastiCache.ReplicationGroupArgs group, NetworkPlacement network, string region)
    {
        if (network.SubnetGroups.TryGetValue(region, out var subnetGroup))
        {
            group.SubnetGroupName = subnetGroup;
        }

        if (network.SecurityGroups.TryGetValue(region, out var groups))
        {
            group.SecurityGroupIds = groups.ToList();
        }
    }
}
