using System.Collections.Immutable;
using DrKit.Aws.Storage;
using DrKit.Core.Model;
using Pulumi;

namespace DrKit.Aws.Data;

/// <summary>
/// PostgreSQL DR as planned. On RDS: the primary instance with its parameter group, automated backups replicated
/// into each recovery region (RDS's own point-in-time recovery: RDS runs no archive command of ours, so no WAL
/// bucket or shipper role is declared) and, when planned, a cross-region read replica there. Self-managed servers
/// get a replicated WAL archive, a role for their WAL shipper (WAL-G or pgBackRest) that can write to every
/// region's archive (after a failover the recovery region ships to its own), and the exported settings to apply.
/// </summary>
public sealed class PostgresDr : ComponentResource
{
    public const string TypeToken = "drkit:data:PostgresDr";

    /// <summary>RDS master user; the password is generated and only ever exported as a secret.</summary>
    public const string MasterUsername = DrKit.Core.Operations.DataTierState.RdsMasterUser;

    public PostgresDr(string name, PostgresDrArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var p = args.Providers;
        var component = args.Plan.Name;

        if (s.Engine == PostgresEngine.SelfManaged)
        {
            WalArchive = new ReplicatedBucket($"{name}-wal", new ReplicatedBucketArgs
            {
                Settings = s.WalArchive,
                Providers = p,
                Tags = args.Tags,
                Component = component,
            }, p.Component(this));
            WalShipperRoleArn = WalShipper.Create(this, name, component, s.WalShipperPrincipal, WalArchive, args).Arn;
        }
        else
        {
            WalShipperRoleArn = Output.Create(string.Empty);
        }

        WalSettings = Output.Create(s.Parameters.ToImmutableDictionary(StringComparer.Ordinal));
        Engine = Output.Create(s.Engine == PostgresEngine.Rds ? "rds" : "self-managed");
        RdsManagedSettings = Output.Create(s.Engine == PostgresEngine.Rds ? RdsParameters.ManagedByRds(s.Parameters).ToImmutableArray() : []);

        if (s.Engine == PostgresEngine.Rds)
        {
            var rds = RdsTopology.Create(this, name, args);
            Endpoints = OutputMaps.Of(rds.Instances.ToDictionary(i => i.Key, i => i.Value.Endpoint, StringComparer.Ordinal));
            InstanceArns = OutputMaps.Of(rds.Instances.ToDictionary(i => i.Key, i => i.Value.Arn, StringComparer.Ordinal));
            InstanceIdentifiers = OutputMaps.Of(rds.Instances.ToDictionary(i => i.Key, i => i.Value.Identifier, StringComparer.Ordinal));
            MasterPassword = Output.CreateSecret(rds.Password.Result);
            BackupReplicationRegions = Output.Create(rds.BackupReplications.Keys.ToImmutableArray());
            BackupReplicationArns = OutputMaps.Of(rds.BackupReplications.ToDictionary(b => b.Key, b => b.Value.Id, StringComparer.Ordinal));
            PrimaryEndpoint = rds.Instances[p.PrimaryRegion].Endpoint;
            RecoveryEndpoint = args.Tier.RecoveryRegion is { } recovery && rds.Instances.TryGetValue(recovery, out var replica) ? replica.Endpoint : Output.Create(string.Empty);
            FenceSecurityGroupId = rds.FenceSecurityGroupId;
            RecoveryFenceSecurityGroupIds = OutputMaps.Of(rds.RecoveryFenceSecurityGroupIds);
            ClientSecurityGroupIds = Output.Create(string.Join(' ', rds.ClientSecurityGroupIds));
            RecoveryClientSecurityGroupIds = OutputMaps.Known(rds.RecoveryClientSecurityGroupIds);
            WriterParameterGroups = OutputMaps.Of(rds.WriterParameterGroups);
            if (DrKit.Core.Operations.WriterParameter.Declared(args.Tier, rds: true)
                && rds.Instances.TryGetValue(args.Tier.WriterRegion, out var writer))
            {
                WriterAddress = new WriterAddressParameter($"{name}-writer", args, writer.Address, p.Component(this));
            }
        }
        else
        {
            Endpoints = OutputMaps.Empty<string>();
            InstanceArns = OutputMaps.Empty<string>();
            InstanceIdentifiers = OutputMaps.Empty<string>();
            MasterPassword = Output.CreateSecret(string.Empty);
            BackupReplicationRegions = Output.Create(ImmutableArray<string>.Empty);
            BackupReplicationArns = OutputMaps.Empty<string>();
            // Self-managed servers are the operator's: the stack knows no endpoint for them.
            PrimaryEndpoint = Output.Create(string.Empty);
            RecoveryEndpoint = Output.Create(string.Empty);
            FenceSecurityGroupId = Output.Create(string.Empty);
            RecoveryFenceSecurityGroupIds = OutputMaps.Empty<string>();
            ClientSecurityGroupIds = Output.Create(string.Empty);
            RecoveryClientSecurityGroupIds = OutputMaps.Empty<string>();
            WriterParameterGroups = OutputMaps.Empty<string>();
        }

        RegisterOutputs();
    }

    /// <summary>The writer's address published per serving region; null without an RDS cross-region member.</summary>
    public WriterAddressParameter? WriterAddress { get; }

    /// <summary>The WAL archive of a self-managed server; null on RDS, whose point-in-time recovery is its automated backups.</summary>
    public ReplicatedBucket? WalArchive { get; }

    /// <summary>Recovery region -> ARN of the automated backups replicated there (the provider's id is that ARN); empty without.</summary>
    public Output<ImmutableDictionary<string, string>> BackupReplicationArns { get; }

    /// <summary>"host:port" of the primary-region instance; empty for self-managed servers.</summary>
    public Output<string> PrimaryEndpoint { get; }

    /// <summary>"host:port" of the recovery-region replica (or the instance it was promoted to); empty without one.</summary>
    public Output<string> RecoveryEndpoint { get; }

    /// <summary>Security group without ingress that fences the RDS primary; empty for self-managed servers.</summary>
    [Output("fenceSecurityGroupId")]
    public Output<string> FenceSecurityGroupId { get; }

    /// <summary>Recovery region -> security group without ingress there, for the replica's fence at failback; empty for self-managed servers.</summary>
    [Output("recoveryFenceSecurityGroupIds")]
    public Output<ImmutableDictionary<string, string>> RecoveryFenceSecurityGroupIds { get; }

    /// <summary>Space-separated client groups the primary is declared with (restored by an unfence); empty when the stack names none.</summary>
    [Output("clientSecurityGroupIds")]
    public Output<string> ClientSecurityGroupIds { get; }

    /// <summary>Recovery region -> space-separated client groups the replica there is declared with (a failback's rollback
    /// restores them on the fenced recovery writer); empty for self-managed servers.</summary>
    [Output("recoveryClientSecurityGroupIds")]
    public Output<ImmutableDictionary<string, string>> RecoveryClientSecurityGroupIds { get; }

    /// <summary>Primary region -> name of the unfenced writer parameter group a failback gives its re-seed; empty without a cross-region replica.</summary>
    [Output("writerParameterGroups")]
    public Output<ImmutableDictionary<string, string>> WriterParameterGroups { get; }

    /// <summary>"rds" or "self-managed".</summary>
    [Output("engine")]
    public Output<string> Engine { get; }

    /// <summary>Region -> "host:port" of the primary (primary region) or the read replica (recovery regions).</summary>
    [Output("endpoints")]
    public Output<ImmutableDictionary<string, string>> Endpoints { get; }

    [Output("instanceArns")]
    public Output<ImmutableDictionary<string, string>> InstanceArns { get; }

    [Output("instanceIdentifiers")]
    public Output<ImmutableDictionary<string, string>> InstanceIdentifiers { get; }

    /// <summary>The RDS master password, always secret (empty for self-managed servers).</summary>
    [Output("masterPassword")]
    public Output<string> MasterPassword { get; }

    /// <summary>Empty on RDS: there is no WAL shipper to run.</summary>
    [Output("walShipperRoleArn")]
    public Output<string> WalShipperRoleArn { get; }

    /// <summary>The planned server settings (wal_level, max_wal_senders, archive_timeout, wal_keep_size, ...).</summary>
    [Output("walSettings")]
    public Output<ImmutableDictionary<string, string>> WalSettings { get; }

    /// <summary>Planned settings RDS controls itself and DrKit therefore does not put in the parameter group.</summary>
    [Output("rdsManagedSettings")]
    public Output<ImmutableArray<string>> RdsManagedSettings { get; }

    [Output("backupReplicationRegions")]
    public Output<ImmutableArray<string>> BackupReplicationRegions { get; }
}
