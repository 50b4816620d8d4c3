namespace DrKit.Operations.Platforms.Aws;

/// <summary>The re-seed's writer parameter group, set after creation and in sync before promotion.</summary>
public sealed partial class RdsFailback
{
    /// <summary>How long resync waits for the writer parameter group to be in sync (a reboot included) before it refuses; a re-run goes on.</summary>
    public TimeSpan ParameterWait { get; init; } = TimeSpan.FromMinutes(30);


    /// <summary>
    /// Gives the available re-seed the stack's unfenced writer parameter group and waits, reading
    /// <c>describe-db-instances</c>, until its <c>ParameterApplyStatus</c> is <c>in-sync</c>, rebooting it on
    /// <c>pending-reboot</c>. RDS creates a cross-region PostgreSQL replica with the engine's default group ("Specifying a
    /// parameter group for this operation is only supported for MySQL DB instances for cross-Region read replicas..."),
    /// so without this the writer the primary region takes back would run without the stack's WAL and connection
    /// settings; the primary's own group is no choice either, since it carries the fence parameter while the old primary
    /// is fenced. A read replica may be rebooted: nothing writes to it, and it resumes streaming.
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (DBParameterGroupName)
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBParameterGroupStatus.html
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html
    /// Returns null once in sync, otherwise why not.
    /// </summary>
    private async Task<string?> WriterParametersAsync(RdsInstanceState seeded, CancellationToken ct)
    {
        var group = targets.WriterParameterGroup;
        if (!string.Equals(seeded.ParameterGroup, group, StringComparison.Ordinal))
        {
            await aws.RunAsync(RdsCommands.SetParameterGroup(Replica, group, tier.PrimaryRegion), ct).ConfigureAwait(false);
        }

        using var bound = new CancellationTokenSource(ParameterWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        var rebooted = false;
        try
        {
            while (true)
            {
                var now = await DescribeAsync(Replica, tier.PrimaryRegion, linked.Token).ConfigureAwait(false)
                    ?? throw new Cloud.CloudCommandFailedException($"{tier.Component}: {Replica} in {tier.PrimaryRegion} disappeared while its parameter group was applied.");
                if (now.IsStuck || now.ParameterApplyStatus == FailedToApply)
                {
                    return $"{tier.Component}: the re-seeded replica {Replica} in {tier.PrimaryRegion} is '{now.Status}' with parameter group {now.ParameterGroup} " +
                           $"'{now.ParameterApplyStatus}': fix the group's parameters (or the instance) and run failback again";
                }

                if (now.Status == RdsInstanceState.Available && string.Equals(now.ParameterGroup, group, StringComparison.Ordinal))
                {
                    if (now.ParameterApplyStatus == InSync)
                    {
                        return null;
                    }

                    if (now.ParameterApplyStatus == PendingReboot && !rebooted)
                    {
                        // RebootDBInstance needs an available instance; it is. Once: the status may read the same until
                        // 'rebooting' shows, and a second reboot would only start over.
                        await aws.RunAsync(RdsCommands.Reboot(Replica, tier.PrimaryRegion), linked.Token).ConfigureAwait(false);
                        rebooted = true;
                    }
                }

                await Task.Delay(PollInterval, time, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return $"{tier.Component}: the parameter group {group} of the re-seeded replica {Replica} in {tier.PrimaryRegion} is not in sync after " +
                   $"{Core.Objectives.DurationText.Format(ParameterWait)}; re-run drkit failback, which reads where it stands and goes on";
        }
    }

    /// <summary>ParameterApplyStatus values (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBParameterGroupStatus.html).</summary>
    public const string InSync = "in-sync";

    public const string PendingReboot = "pending-reboot";

    public const string FailedToApply = "failed-to-apply";
}
