using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

public sealed class RestoredPostgresArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required PostgresSettings Settings { get; init; }

    /// <summary>Where and from what, as the core decided it.</summary>
    public required TierRestore Restore { get; init; }

    /// <summary>The source's automated backups ARN in the drill region, or its instance identifier when the drill stays in the source's region.</summary>
    public required string Source { get; init; }

    /// <summary>Whether <see cref="Source"/> is the source instance itself (same region) rather than replicated backups.</summary>
    public required bool SourceInRegion { get; init; }

    /// <summary>The recovery point the drill read from the cloud (ISO 8601); null: the latest restorable time, unknown to the stack.</summary>
    public string? RestoreTime { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// A drill's RDS PostgreSQL: a new instance in the drill region restored to a point in time from the source's
/// automated backups there (replicated cross-region by the source stack). Restoring reads the backups only: the
/// source instance, its replicas and its backup replication are never touched
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html,
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html).
/// </summary>
public sealed class RestoredPostgres : ComponentResource
{
    public const string TypeToken = "drkit:data:RestoredPostgres";

    public RestoredPostgres(string name, RestoredPostgresArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var restore = new PulumiAws.Rds.Inputs.InstanceRestoreToPointInTimeArgs();
        if (args.SourceInRegion)
        {
            restore.SourceDbInstanceIdentifier = args.Source;
        }
        else
        {
            restore.SourceDbInstanceAutomatedBackupsArn = args.Source;
        }

        // An exact time (read by the drill from the backups' restore window) makes the recovery point known; without
        // one RDS picks the latest restorable time, and the drill reports the tier as unmeasured.
        if (args.RestoreTime is { } time)
        {
            restore.RestoreTime = time;
        }
        else
        {
            restore.UseLatestRestorableTime = true;
        }

        var instanceArgs = new PulumiAws.Rds.InstanceArgs
        {
            // The provider requires an explicit identifier with restoreToPointInTime; the drill stack's name (which
            // carries its start time) keeps it unique in the account.
            Identifier = AwsNames.Identifier($"{args.Tags.Stack}-{args.Plan.Name}", AwsNames.DbInstanceIdMax),
            InstanceClass = s.InstanceClass,
            RestoreToPointInTime = restore,
            StorageEncrypted = true,
            CopyTagsToSnapshot = true,
            // A drill's copy is thrown away with the drill stack: no final snapshot, no retained backups.
            SkipFinalSnapshot = true,
            DeleteAutomatedBackups = true,
            Tags = args.Tags.For(args.Plan.Name, "drill-restore"),
        };
        // The source's declared settings (its WAL parameters, without the fence), not the engine's default group a restore
        // gets otherwise: the drill shows that a regional restore comes up configured as the source is.
        // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html (DBParameterGroupName)
        var parameters = new PulumiAws.Rds.ParameterGroup($"{name}-params", RdsParameters.Group(s, $"DrKit drill copy of {args.Plan.Name}: the source's settings", args.Tags.For(args.Plan.Name, "drill-restore")),
            args.Providers.In(args.Restore.Region, this));
        instanceArgs.ParameterGroupName = parameters.Name;
        RdsTopology.Place(instanceArgs, s.Network, args.Restore.Region);
        var instance = new PulumiAws.Rds.Instance($"{name}-restored", instanceArgs, Timeouts(args.Providers.In(args.Restore.Region, this), args.Plan));
        Endpoint = instance.Endpoint;
        Identifier = instance.Identifier;
        RegisterOutputs();
    }

    /// <summary>"host:port" of the restored instance.</summary>
    [Output("endpoint")]
    public Output<string> Endpoint { get; }

    [Output("identifier")]
    public Output<string> Identifier { get; }

    /// <summary>A restore may take longer than the provider's default create timeout (40 minutes for an instance); the core decides how long.</summary>
    internal static CustomResourceOptions Timeouts(CustomResourceOptions options, ComponentPlan plan)
    {
        options.CustomTimeouts = new CustomTimeouts { Create = DrillRestore.RestoreTimeout(plan) };
        return options;
    }
}
