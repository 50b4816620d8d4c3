using DrKit.Core.Model;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using Pulumi.Random;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

/// <summary>The RDS side of <see cref="PostgresDr"/>: keys, parameter groups, primary, backup replication, replicas.</summary>
internal sealed record RdsTopology(
    RandomPassword Password,
    IReadOnlyDictionary<string, PulumiAws.Rds.Instance> Instances,
    IReadOnlyDictionary<string, PulumiAws.Rds.InstanceAutomatedBackupsReplication> BackupReplications)
{
    /// <summary>RDS allows 8-128 printable characters except '/', '@', '"' and space; 32 from a safe alphabet.</summary>
    private const int PasswordLength = 32;
    private const string PasswordSpecials = "!#$%^&*()-_=+[]{}<>:?";

    public static RdsTopology Create(Resource parent, string name, PostgresDrArgs args)
    {
        var s = args.Settings;
        var p = args.Providers;
        var component = args.Plan.Name;
        var keyRegions = p.RecoveryRegions.Where(_ => s.ReplicateAutomatedBackups || s.CrossRegionReplica).Prepend(p.PrimaryRegion).ToList();
        var keys = keyRegions.ToDictionary(r => r, r => new PulumiAws.Kms.Key($"{name}-db-{r}-key", new PulumiAws.Kms.KeyArgs
        {
            Description = $"DrKit PostgreSQL storage and backups of {component} ({r})",
            EnableKeyRotation = true,
            Tags = args.Tags.For(component, "database"),
        }, p.In(r, parent)), StringComparer.Ordinal);
        var parameterGroups = p.RecoveryRegions.Where(_ => s.CrossRegionReplica).Prepend(p.PrimaryRegion)
            .ToDictionary(r => r, r => ParameterGroup(parent, name, r, args, fence: r == p.PrimaryRegion), StringComparer.Ordinal);

        var password = new RandomPassword($"{name}-master-password", new RandomPasswordArgs
        {
            Length = PasswordLength,
            Special = true,
            OverrideSpecial = PasswordSpecials,
        }, new CustomResourceOptions { Parent = parent });

        var primaryArgs = new PulumiAws.Rds.InstanceArgs
        {
            Engine = "postgres",
            EngineVersion = s.EngineVersion,
            InstanceClass = s.InstanceClass,
            AllocatedStorage = s.AllocatedStorageGb,
            StorageEncrypted = true,
            KmsKeyId = keys[p.PrimaryRegion].Arn,
            Username = MasterUser,
            Password = password.Result,
            ParameterGroupName = parameterGroups[p.PrimaryRegion].Name,
            BackupRetentionPeriod = s.BackupRetentionDays,
            CopyTagsToSnapshot = true,
            SkipFinalSnapshot = false,
            // Account-unique: carries the stack, so another stack (or a drill stack) of this account can be destroyed too.
            FinalSnapshotIdentifier = AwsNames.FinalSnapshot(args.Tags.Stack, component),
            Tags = args.Tags.For(component, "primary"),
        };
        Place(primaryArgs, s.Network, p.PrimaryRegion);
        var primary = new PulumiAws.Rds.Instance($"{name}-primary", primaryArgs, p.In(p.PrimaryRegion, parent));

        var instances = new Dictionary<string, PulumiAws.Rds.Instance>(StringComparer.Ordinal) { [p.PrimaryRegion] = primary };
        var backups = new Dictionary<string, PulumiAws.Rds.InstanceAutomatedBackupsReplication>(StringComparer.Ordinal);
        foreach (var region in p.RecoveryRegions)
        {
            if (s.ReplicateAutomatedBackups)
            {
                // Created in the destination region, as the RDS API requires, with that region's key.
                backups[region] = new PulumiAws.Rds.InstanceAutomatedBackupsReplication($"{name}-backups-{region}", new PulumiAws.Rds.InstanceAutomatedBackupsReplicationArgs
                {
                    SourceDbInstanceArn = primary.Arn,
                    RetentionPeriod = s.BackupRetentionDays,
                    KmsKeyId = keys[region].Arn,
                }, p.In(region, parent));
            }

            if (s.CrossRegionReplica)
            {
                // Cross-region replicas name their source by ARN and encrypt with a key of their own region;
                // username, password and storage come from the source. The provider never sends storage_encrypted
                // when it creates a replica, but reads it back true (the source is encrypted), and storage_encrypted
                // is ForceNew and not computed: left unset, every later update (the promotion among them) would plan
                // a replacement. Declared true, the replica and the promoted writer match what RDS reports.
                // https://www.pulumi.com/registry/packages/aws/api-docs/rds/instance/#storageencrypted_csharp
                var replicaArgs = new PulumiAws.Rds.InstanceArgs
                {
                    InstanceClass = s.ReplicaInstanceClass,
                    StorageEncrypted = true,
                    KmsKeyId = keys[region].Arn,
                    ParameterGroupName = parameterGroups[region].Name,
                    CopyTagsToSnapshot = true,
                    SkipFinalSnapshot = true,
                    Tags = args.Tags.For(component, "replica"),
                };
                if (args.Tier.ReplicaPromoted && region == args.Tier.RecoveryRegion)
                {
                    Promote(replicaArgs, AwsNames.FinalSnapshot(args.Tags.Stack, component, region), s);
                }
                else
                {
                    replicaArgs.ReplicateSourceDb = primary.Arn;
                }

                Place(replicaArgs, s.Network, region);
                instances[region] = new PulumiAws.Rds.Instance($"{name}-replica-{region}", replicaArgs, p.In(region, parent));
            }
        }

        return new RdsTopology(password, instances, backups);
    }

    public const string MasterUser = PostgresDr.MasterUsername;

    /// <summary>
    /// Declared without a replication source, the replica is promoted in place by the provider. Only properties RDS changes on a
    /// running instance move with it: the promoted writer keeps backups for point-in-time recovery and, holding the
    /// data now, a final snapshot on delete. Identifier, key, engine and credentials stay as they are, because
    /// changing any of them would replace the instance instead of promoting it.
    /// </summary>
    private static void Promote(PulumiAws.Rds.InstanceArgs replica, string finalSnapshot, DrKit.Core.Planning.PostgresSettings s)
    {
        replica.BackupRetentionPeriod = s.BackupRetentionDays;
        replica.SkipFinalSnapshot = false;
        replica.FinalSnapshotIdentifier = finalSnapshot;
    }

    private static PulumiAws.Rds.ParameterGroup ParameterGroup(Resource parent, string name, string region, PostgresDrArgs args, bool fence)
    {
        var pg = new PulumiAws.Rds.ParameterGroupArgs
        {
            Family = args.Settings.ParameterGroupFamily,
            Description = $"DrKit WAL settings of {args.Plan.Name}",
            Tags = args.Tags.For(args.Plan.Name, "database"),
        };
        foreach (var parameter in RdsParameters.For(args.Settings.Parameters))
        {
            pg.Parameters.Add(parameter);
        }

        if (fence)
        {
            // The fence: new transactions on the primary are read-only while operations keep it fenced.
            pg.Parameters.Add(RdsParameters.Fence(args.Tier.FenceParameterValue));
        }

        return new PulumiAws.Rds.ParameterGroup($"{name}-params-{region}", pg, args.Providers.In(region, parent));
    }

    /// <summary>Subnet group and security groups only where the stack names them; otherwise RDS uses the default VPC.</summary>
    internal static void Place(PulumiAws.Rds.InstanceArgs instance, NetworkPlacement network, string region)
    {
        if (network.SubnetGroups.TryGetValue(region, out var subnetGroup))
        {
            instance.DbSubnetGroupName = subnetGroup;
        }

        if (network.SecurityGroups.TryGetValue(region, out var groups))
        {
            instance.VpcSecurityGroupIds = groups.ToList();
        }
    }
}
