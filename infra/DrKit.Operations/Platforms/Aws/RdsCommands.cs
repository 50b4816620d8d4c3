using System.Globalization;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// The RDS calls of a failover, built in one place for the adapters and the dry run.
/// PromoteReadReplica: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_PromoteReadReplica.html (sent to the
/// replica's own region, so it works while the source region is down; BackupRetentionPeriod turns backups on).
/// ModifyDBInstance with ApplyImmediately: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
/// RebootDBInstance ends every session, open transactions included: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html
/// </summary>
public static class RdsCommands
{
    public static AwsCommand Describe(string instance, string region) =>
        new("rds", "describe-db-instances", region, ["--db-instance-identifier", instance]);

    public static AwsCommand Promote(string instance, int backupRetentionDays, string region) =>
        new("rds", "promote-read-replica", region,
            ["--db-instance-identifier", instance, "--backup-retention-period", backupRetentionDays.ToString(CultureInfo.InvariantCulture)]);

    public static AwsCommand Resize(string instance, string instanceClass, string region) =>
        new("rds", "modify-db-instance", region, ["--db-instance-identifier", instance, "--db-instance-class", instanceClass, "--apply-immediately"]);

    /// <summary>Replaces the instance's security groups: the fence swaps in one without ingress, the unfence swaps back.</summary>
    public static AwsCommand SetSecurityGroups(string instance, IReadOnlyList<string> groups, string region) =>
        new("rds", "modify-db-instance", region, ["--db-instance-identifier", instance, "--vpc-security-group-ids", .. groups, "--apply-immediately"]);

    /// <summary>
    /// A cross-region read replica created in <see cref="RdsReseedSpec.Region"/> (failback re-seed): the source is named by
    /// ARN and <c>--source-region</c> lets the CLI sign the request for it; an encrypted source needs a key of the
    /// replica's region. The client security groups are named: without them RDS places the replica in the VPC's default
    /// group ("Default: The default EC2 VPC security group for the DB subnet group's VPC"), and once promoted the writer
    /// would take no client traffic. Tags, copy-tags-to-snapshot, Multi-AZ and deletion protection are not inherited
    /// from the source, so they are named too (each flag only when set). Public access is always turned off.
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html
    /// https://docs.aws.amazon.com/cli/latest/reference/rds/create-db-instance-read-replica.html
    /// </summary>
    public static AwsCommand CreateReplica(RdsReseedSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new("rds", "create-db-instance-read-replica", spec.Region,
        [
            "--db-instance-identifier", spec.Instance,
            "--source-db-instance-identifier", spec.SourceArn,
            "--source-region", spec.SourceRegion,
            "--db-instance-class", spec.InstanceClass,
            // RDS's default would make it public in a VPC with an internet gateway ("If the subnets are part of a VPC that
            // has an internet gateway attached to it, the DB instance is public"); the stack declares its writer private,
            // and the adopting up imports this instance only if it is what the stack declares.
            "--no-publicly-accessible",
            .. spec.KmsKey is null ? Array.Empty<string>() : ["--kms-key-id", spec.KmsKey],
            .. spec.SubnetGroup is null ? Array.Empty<string>() : ["--db-subnet-group-name", spec.SubnetGroup],
            .. spec.SecurityGroups.Count == 0 ? Array.Empty<string>() : ["--vpc-security-group-ids", .. spec.SecurityGroups],
            .. spec.Tags is null ? Array.Empty<string>() : ["--tags", spec.Tags],
            .. spec.CopyTagsToSnapshot ? ["--copy-tags-to-snapshot"] : Array.Empty<string>(),
            .. spec.MultiAz ? ["--multi-az"] : Array.Empty<string>(),
            .. spec.DeletionProtection ? ["--deletion-protection"] : Array.Empty<string>(),
        ]);
    }

    /// <summary>
    /// Associates <paramref name="group"/> with the instance. "When you associate a new DB parameter group with a DB
    /// instance, the modified static and dynamic parameters are applied only after the DB instance is rebooted", so the
    /// caller reads <c>ParameterApplyStatus</c> and reboots on <c>pending-reboot</c>.
    /// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.Associating.html
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html (DBParameterGroupName)
    /// </summary>
    public static AwsCommand SetParameterGroup(string instance, string group, string region) =>
        new("rds", "modify-db-instance", region, ["--db-instance-identifier", instance, "--db-parameter-group-name", group, "--apply-immediately"]);

    /// <summary>
    /// RDS error codes that answer a PromoteReadReplica with a definite no: nothing was started. The AWS CLI prints them as
    /// "An error occurred (Code) when calling ...". Any other failure (a timeout, a killed call, a network error)
    /// leaves the promotion in doubt. https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_PromoteReadReplica.html#API_PromoteReadReplica_Errors
    /// </summary>
    public static IReadOnlyList<string> PromotionRefusals { get; } = ["InvalidDBInstanceState", "DBInstanceNotFound"];

    /// <summary>Whether a failed promote call's message carries one of <see cref="PromotionRefusals"/>.</summary>
    public static bool DefinitelyRefused(string message) =>
        PromotionRefusals.Any(code => message.Contains($"An error occurred ({code})", StringComparison.Ordinal));

    public static AwsCommand Reboot(string instance, string region) =>
        new("rds", "reboot-db-instance", region, ["--db-instance-identifier", instance]);
}
