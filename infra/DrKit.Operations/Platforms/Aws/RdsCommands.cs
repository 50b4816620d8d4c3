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
    /// A cross-region read replica of <paramref name="sourceArn"/> created in <paramref name="region"/> (failback re-seed):
    /// the source is named by ARN and <c>--source-region</c> lets the CLI sign the request for it; an encrypted source needs
    /// a key of the replica's region. The client security groups are named: without them RDS places the replica in the
    /// VPC's default group ("Default: The default EC2 VPC security group for the DB subnet group's VPC"), and once promoted
    /// the writer would take no client traffic. https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html
    /// https://docs.aws.amazon.com/cli/latest/reference/rds/create-db-instance-read-replica.html
    /// </summary>
    public static AwsCommand CreateReplica(string instance, string sourceArn, string sourceRegion, string instanceClass, string? kmsKey, string? subnetGroup, IReadOnlyList<string> securityGroups, string region) =>
        new("rds", "create-db-instance-read-replica", region,
        [
            "--db-instance-identifier", instance,
            "--source-db-instance-identifier", sourceArn,
            "--source-region", sourceRegion,
            "--db-instance-class", instanceClass,
            .. kmsKey is null ? Array.Empty<string>() : ["--kms-key-id", kmsKey],
            .. subnetGroup is null ? Array.Empty<string>() : ["--db-subnet-group-name", subnetGroup],
            .. securityGroups.Count == 0 ? Array.Empty<string>() : ["--vpc-security-group-ids", .. securityGroups],
        ]);

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
