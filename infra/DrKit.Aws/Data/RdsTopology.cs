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
    IReadOnlyDictionary<string, PulumiAws.Rds.InstanceAutomatedBackupsReplication> BackupReplications,
    Output<string> FenceSecurityGroupId,
    IReadOnlyDictionary<string, Output<string>> RecoveryFenceSecurityGroupIds,
    IReadOnlyList<string> ClientSecurityGroupIds,
    IReadOnlyDictionary<string, string> RecoveryClientSecurityGroupIds,
    IReadOnlyDictionary<string, Output<string>> WriterParameterGroups)
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
        // The primary's group carries the fence parameter, set while operations keep the old primary fenced; a failback
        // re-seeds the primary region with a replica that must become a writer there, so it needs the same settings
        // without the fence. RDS cannot give a cross-region PostgreSQL replica a group at creation (it takes the engine's
        // default), so operations assign this one after creation and before promotion.
        // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (DBParameterGroupName)
        var writerGroups = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        if (s.CrossRegionReplica)
        {
            writerGroups[p.PrimaryRegion] = ParameterGroup(parent, name, p.PrimaryRegion, args, fence: false, writer: true).Name;
        }

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
            // Explicit, though it is the provider's default: RDS's own default makes an instance in a VPC with an internet
            // gateway public, and a failback's re-seed (created by the CLI with --no-publicly-accessible) must match it.
            // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (PubliclyAccessible)
            PubliclyAccessible = false,
            SkipFinalSnapshot = false,
            // Account-unique: carries the stack, so another stack (or a drill stack) of this account can be destroyed too,
            // and a suffix drawn with the instance (an adopted writer draws its own), so a later delete of a replacement,
            // an adopted writer or a re-created stack never collides.
            FinalSnapshotIdentifier = FinalSnapshot(parent, $"{name}-{args.Tier.PrimaryResourceSuffix}", args.Tags.Stack, component, null, new Dictionary<string, Input<string>>(StringComparer.Ordinal)
            {
                ["kmsKeyId"] = keys[p.PrimaryRegion].Arn,
                ["engine"] = "postgres",
                ["username"] = MasterUser,
                ["storageEncrypted"] = "true",
            }),
            Tags = args.Tags.For(component, "primary"),
        };
        Place(primaryArgs, s.Network, p.PrimaryRegion);
        var fence = FenceGroup(parent, name, args, p.PrimaryRegion);
        var recoveryFences = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        if (args.Tier.PrimaryIsolated)
        {
            // Operations fenced the primary by swapping its groups for the fence group; declaring it keeps the fence.
            // After a promotion it is kept too, even when the fence was never confirmed (the old region was down):
            // declaring the client groups again would reopen a second writer once that region returns.
            primaryArgs.VpcSecurityGroupIds = new InputList<string> { fence.Id };
        }

        var primaryOptions = p.In(p.PrimaryRegion, parent);
        if (args.Tier.AdoptedWriter is { } adopted)
        {
            Adopt(primaryArgs, primaryOptions, adopted, writerGroups[p.PrimaryRegion], args.Tier.AdoptionImported);
        }

        var primary = new PulumiAws.Rds.Instance($"{name}-{args.Tier.PrimaryResourceSuffix}", primaryArgs, primaryOptions);

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
                var promoted = args.Tier.ReplicaPromoted && region == args.Tier.RecoveryRegion;
                replicaArgs.ReplicateSourceDb = primary.Arn;
                if (promoted)
                {
                    Promote(replicaArgs, FinalSnapshot(parent, $"{name}-{args.Tier.ReplicaResourceSuffix(region)}", args.Tags.Stack, component, region, new Dictionary<string, Input<string>>(StringComparer.Ordinal)
                    {
                        ["kmsKeyId"] = keys[region].Arn,
                        ["storageEncrypted"] = "true",
                    }), s);
                }

                Place(replicaArgs, s.Network, region);
                // The same fence in the replica's region: a failback fences the promoted writer with it before the primary region takes the writer back.
                recoveryFences[region] = FenceGroup(parent, name, args, region).Id;
                instances[region] = new PulumiAws.Rds.Instance($"{name}-{args.Tier.ReplicaResourceSuffix(region)}", replicaArgs, ReplicaOptions(p.In(region, parent), promoted));
            }
        }

        return new RdsTopology(password, instances, backups, fence.Id, recoveryFences,
            s.Network.SecurityGroups.TryGetValue(p.PrimaryRegion, out var clients) ? [.. clients] : [],
            // What the replica in each recovery region is declared with (Place): a failback's rollback restores exactly these.
            recoveryFences.Keys.ToDictionary(r => r, r => string.Join(' ', s.Network.SecurityGroups.GetValueOrDefault(r) ?? []), StringComparer.Ordinal),
            writerGroups);
    }

    public const string MasterUser = PostgresDr.MasterUsername;

    /// <summary>Input name of the replica's source, as the provider's schema spells it.</summary>
    internal const string ReplicateSourceDbProperty = "replicateSourceDb";

    /// <summary>Input name of the master password, as the provider's schema spells it.</summary>
    internal const string PasswordProperty = "password";

    /// <summary>Input name of the final-snapshot switch, as the provider's schema spells it.</summary>
    internal const string SkipFinalSnapshotProperty = "skipFinalSnapshot";

    /// <summary>Input name of the final snapshot's identifier, as the provider's schema spells it.</summary>
    internal const string FinalSnapshotIdentifierProperty = "finalSnapshotIdentifier";

    /// <summary>Input name of the engine version, as the provider's schema spells it.</summary>
    internal const string EngineVersionProperty = "engineVersion";

    /// <summary>
    /// The writer a failback re-seeded and promoted in the primary region (<c>drkit-ops:adopt.&lt;c&gt;</c>) becomes the
    /// stack's primary-region writer: declared under a logical name of its own (<see cref="DrKit.Core.Operations.DataTierState.PrimaryResourceSuffix"/>)
    /// with its identifier and the <c>import</c> option, whose id for <c>aws:rds/instance:Instance</c> is the DB identifier
    /// (the provider's Import section). The option stays: a resource already in the state under that id is then managed
    /// like any other (https://github.com/pulumi/pulumi/blob/master/developer-docs/architecture/import.md, case 2).
    /// <para>
    /// On an <c>up</c> the import fails when any declared input differs from what the provider read (import.md step 4),
    /// and inputs named in <c>ignoreChanges</c> take the read value instead (step 2). What the importer cannot match:
    /// the master password (never returned; the re-seed has its source's, which is this stack's); the final-snapshot
    /// settings (terraform-provider-aws <c>resourceInstanceImport</c> always records <c>skip_final_snapshot = true</c>
    /// and no identifier, since no API returns them, hashicorp/terraform-provider-aws#4810); the engine version (read
    /// as the full version RDS runs, e.g. 16.6, where the stack declares the major 16; not ignoring it later would send
    /// a ModifyDBInstance to "16"). So the importing up (<paramref name="imported"/> false) ignores all four, and the
    /// next one (<c>adopted.&lt;c&gt;=true</c>) declares the stack's own final-snapshot settings, which only the state
    /// holds: without it a later delete of this writer would skip the final snapshot. Everything else is declared as
    /// the failback created it: the unfenced writer parameter group, the primary's key, class, subnet and client groups,
    /// not publicly accessible (the rest of <c>primaryArgs</c>).
    /// https://www.pulumi.com/docs/iac/concepts/resources/options/import/
    /// </para>
    /// </summary>
    internal static void Adopt(PulumiAws.Rds.InstanceArgs writer, CustomResourceOptions options, string identifier, Output<string> writerGroup, bool imported)
    {
        writer.Identifier = identifier;
        writer.ParameterGroupName = writerGroup;
        options.ImportId = identifier;
        options.IgnoreChanges.AddRange(AdoptionIgnored(imported));
    }

    /// <summary>Inputs the adopted writer ignores: the importer's unreadable ones while importing, then only password and engine version.</summary>
    internal static IReadOnlyList<string> AdoptionIgnored(bool imported) => imported
        ? [PasswordProperty, EngineVersionProperty]
        : [PasswordProperty, EngineVersionProperty, SkipFinalSnapshotProperty, FinalSnapshotIdentifierProperty];

    /// <summary>
    /// Operations promote the replica with <c>promote-read-replica</c> in its region; the stack must never promote it
    /// again. In the provider's <c>resourceInstanceUpdate</c> (terraform-provider-aws internal/service/rds/instance.go)
    /// any change of <c>replicate_source_db</c> to empty calls PromoteReadReplica, and any other change fails with
    /// "cannot elect new source database for replication". Dropping the source from the declaration is exactly such a
    /// change while the state (never refreshed) still holds the primary's ARN, and RDS rejects a second promotion of
    /// a standalone instance. So the promoted writer keeps its source declared and the source is ignored on update:
    /// whatever the state holds (the ARN, or empty after a refresh) is what the provider compares, and no call is made.
    /// </summary>
    internal static CustomResourceOptions ReplicaOptions(CustomResourceOptions options, bool promoted)
    {
        if (promoted)
        {
            options.IgnoreChanges.Add(ReplicateSourceDbProperty);
        }

        return options;
    }

    /// <summary>
    /// After operations promoted the replica (<c>promote-read-replica</c> in its region), it is declared as the writer
    /// it now is, so the next <c>up</c> keeps it. Only properties RDS changes on a running instance move with it: the
    /// production instance class (a pilot-light replica is smaller) applied at once, backups for point-in-time recovery
    /// and, holding the data now, a final snapshot on delete. Identifier, key, storage encryption, engine, zone, subnet
    /// group and credentials stay as they are, because changing any of them replaces the instance instead of keeping it
    /// (they are ForceNew in the provider's aws_db_instance schema).
    /// </summary>
    /// <summary>The final snapshot id of one instance: its suffix is a random id whose keepers are every input DrKit
    /// declares that replaces the instance when it changes (ForceNew in the provider's aws_db_instance schema,
    /// terraform-provider-aws internal/service/rds/instance.go: kms_key_id, engine, username, storage_encrypted; the
    /// instance is auto-named, and the stack and component are in the snapshot's name), so each instance lifetime draws
    /// its own and a replacement's delete never meets the snapshot of the instance it replaced (DBSnapshotAlreadyExists).
    /// A promoted replica's suffix is drawn at promotion, so every promotion's writer has its own.</summary>
    private static Output<string> FinalSnapshot(Resource parent, string instance, string stack, string component, string? region, IReadOnlyDictionary<string, Input<string>> replacing)
    {
        var keepers = new InputMap<string>();
        foreach (var (input, value) in replacing)
        {
            keepers.Add(input, value);
        }

        var suffix = new RandomId($"{instance}-final-snapshot", new RandomIdArgs
        {
            ByteLength = AwsNames.FinalSnapshotSuffixBytes,
            Keepers = keepers,
        }, new CustomResourceOptions { Parent = parent });
        return suffix.Hex.Apply(hex => AwsNames.FinalSnapshot(stack, component, region, hex));
    }

    private static void Promote(PulumiAws.Rds.InstanceArgs replica, Input<string> finalSnapshot, DrKit.Core.Planning.PostgresSettings s)
    {
        replica.InstanceClass = s.InstanceClass;
        replica.ApplyImmediately = true;
        replica.BackupRetentionPeriod = s.BackupRetentionDays;
        replica.SkipFinalSnapshot = false;
        replica.FinalSnapshotIdentifier = finalSnapshot;
    }

    /// <summary>
    /// A security group without ingress rules in <paramref name="region"/>: the hard fence swaps it in for the writer's
    /// client groups, so no client opens a session. Placed in the VPC of the region's first client group when the
    /// stack names one, else in the VPC of the region's subnet group, where the instance is; otherwise in the default VPC,
    /// where RDS puts an instance without either.
    /// </summary>
    private static PulumiAws.Ec2.SecurityGroup FenceGroup(Resource parent, string name, PostgresDrArgs args, string region)
    {
        var p = args.Providers;
        var group = new PulumiAws.Ec2.SecurityGroupArgs
        {
            Description = $"DrKit fence of {args.Plan.Name}: no ingress",
            Tags = args.Tags.For(args.Plan.Name, "fence"),
        };
        if (args.Settings.Network.SecurityGroups.TryGetValue(region, out var clients) && clients.Count > 0)
        {
            group.VpcId = PulumiAws.Ec2.GetSecurityGroup.Invoke(new PulumiAws.Ec2.GetSecurityGroupInvokeArgs { Id = clients[0] },
                new InvokeOptions { Parent = parent, Provider = p.For(region) }).Apply(g => g.VpcId);
        }
        else if (args.Settings.Network.SubnetGroups.TryGetValue(region, out var subnets))
        {
            // No client group to follow, but the instance sits in its subnet group's VPC: a fence group in the default
            // VPC could not be swapped onto it (modify-db-instance refuses a group of another VPC).
            group.VpcId = PulumiAws.Rds.GetSubnetGroup.Invoke(new PulumiAws.Rds.GetSubnetGroupInvokeArgs { Name = subnets },
                new InvokeOptions { Parent = parent, Provider = p.For(region) }).Apply(g => g.VpcId);
        }

        return new PulumiAws.Ec2.SecurityGroup($"{name}-fence-{region}", group, p.In(region, parent));
    }

    /// <param name="writer">The unfenced writer group a failback gives its re-seed: the fence parameter pinned off.</param>
    private static PulumiAws.Rds.ParameterGroup ParameterGroup(Resource parent, string name, string region, PostgresDrArgs args, bool fence, bool writer = false)
    {
        var pg = RdsParameters.Group(args.Settings, $"DrKit WAL settings of {args.Plan.Name}", args.Tags.For(args.Plan.Name, "database"));

        if (fence)
        {
            // The fence: new transactions on the primary are read-only while operations keep it fenced.
            pg.Parameters.Add(RdsParameters.Fence(args.Tier.FenceParameterValue));
        }
        else if (writer)
        {
            // Whatever the fence keys say: this group is for the writer the primary region takes back.
            pg.Parameters.Add(RdsParameters.Fence(DrKit.Core.Operations.DataTierState.UnfencedParameterValue));
        }

        return new PulumiAws.Rds.ParameterGroup(writer ? $"{name}-writer-params-{region}" : $"{name}-params-{region}", pg, args.Providers.In(region, parent));
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
