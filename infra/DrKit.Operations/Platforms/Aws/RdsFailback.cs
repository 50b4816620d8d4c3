using System.Globalization;
using DrKit.Core.Platforms.Aws;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Brings an RDS tier back to the primary region after a failover. <c>promote=false</c> cannot turn the promoted writer
/// back into a replica (RDS has no demotion, and the provider rejects it), so the primary region is re-seeded: a new
/// cross-region read replica of the promoted writer, created there with <c>create-db-instance-read-replica</c> beside the
/// old, fenced primary (whose data stopped at the failover). Resync waits, reading RDS and CloudWatch, until it is
/// available, carries the stack's unfenced writer parameter group (in sync) and its <c>ReplicaLag</c> is within the RPO;
/// the controlled switch back is then a failover in reverse (<see cref="Reverse"/>): fence the recovery writer, wait
/// until the re-seed has received everything it wrote (<see cref="CatchUp"/>), promote the re-seeded replica.
/// </summary>
public sealed partial class RdsFailback(AwsCli aws, ReplicaLagReader lag, RdsTier tier, RdsFailbackTargets targets, TimeProvider time)
{
    /// <summary>The re-seeded instance in the primary region.</summary>
    public string Replica { get; } = AwsNames.FailbackReplica(tier.PrimaryInstance);

    /// <summary>The data component this tier is.</summary>
    public string Component => tier.Component;

    /// <summary>Pause between describe calls while RDS creates the replica.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The same tier seen from the other side: the recovery writer is the one to fence (and, on rollback, to give back the
    /// client groups the stack declares it with), the re-seeded replica the one to promote.
    /// </summary>
    public RdsTier Reverse => new(tier.Component, tier.RecoveryRegion, tier.PrimaryRegion, tier.ReplicaInstance, Replica,
        targets.RecoveryFenceGroup, targets.RecoveryClientGroups, tier.ProductionClass, tier.BackupRetentionDays)
    {
        WriterParameter = tier.WriterParameter,
        ParameterRegions = tier.ParameterRegions,
    };

    /// <summary>The switch back's catch-up: the recovery writer's replication slot lag, in bytes, read after its fence.</summary>
    public RdsSlotLagCatchUp CatchUp => new(lag, tier.ReplicaInstance, tier.RecoveryRegion);

    /// <summary>
    /// Whether the writer journal of this failback shows the re-seed's promotion (requested or done). Only then, or with
    /// the recovery writer fenced, does a re-seed that is already a writer count as caught up: one promoted by hand while
    /// the recovery writer still took writes lacks them.
    /// </summary>
    public bool PromotedByThisOperation { get; init; }

    /// <summary>
    /// Creates the re-seed when it does not exist (idempotent: a re-run finds it), waits until RDS reports it available and
    /// replicating, then reads its lag. Returns null when it is caught up within <paramref name="rpo"/>, otherwise why not.
    /// </summary>
    public async Task<string?> ResyncAsync(TimeSpan rpo, CancellationToken ct)
    {
        var writer = await DescribeAsync(tier.ReplicaInstance, tier.RecoveryRegion, ct).ConfigureAwait(false)
            ?? throw new CloudCommandFailedException($"{tier.Component}: {tier.ReplicaInstance} does not exist in {tier.RecoveryRegion}; there is no writer to fail back from.");
        var seeded = await DescribeAsync(Replica, tier.PrimaryRegion, ct).ConfigureAwait(false);
        if (seeded is null)
        {
            if (!writer.IsWriter)
            {
                return $"{tier.Component}: {tier.ReplicaInstance} in {tier.RecoveryRegion} is still a replica of {writer.ReplicationSource}; there was no failover to return from";
            }

            // The old primary is read for what the stack gave it (key, network, tags, Multi-AZ, deletion protection): the
            // re-seed replaces it in the same region and VPC. Its security groups are the fence group by now, so not those.
            var old = await DescribeAsync(tier.PrimaryInstance, tier.PrimaryRegion, ct).ConfigureAwait(false);
            if (old is null)
            {
                // Without them RDS refuses an encrypted cross-region replica, or places it outside the stack's VPC.
                return $"{tier.Component}: the old primary {tier.PrimaryInstance} no longer exists in {tier.PrimaryRegion}, and the re-seed takes its KMS key and " +
                    $"subnet group from it; restore the primary region's stack (pulumi up there) before failing back";
            }

            await aws.RunAsync(RdsCommands.CreateReplica(RdsReseedSpec.Of(tier, Replica, writer.Arn ?? tier.ReplicaInstance, old)), ct).ConfigureAwait(false);
        }
        else if (seeded.IsWriter)
        {
            // A re-run after the switch back: the re-seed already holds the writer. Anything else (a promotion by hand, or
            // by another operation) may have happened while the recovery writer still took writes, which the re-seed lacks.
            return PromotedByThisOperation || writer.FencedBy(targets.RecoveryFenceGroup)
                ? null
                : $"{tier.Component}: the re-seeded replica {Replica} in {tier.PrimaryRegion} is already a writer, but this failback did not promote it and " +
                  $"{tier.ReplicaInstance} in {tier.RecoveryRegion} is not fenced, so both may have taken writes and {Replica} lacks those of {tier.ReplicaInstance}: " +
                  $"reconcile them (or delete {Replica} and run failback again to re-seed)";
        }

        while ((seeded = await DescribeAsync(Replica, tier.PrimaryRegion, ct).ConfigureAwait(false)) is not { Status: RdsInstanceState.Available })
        {
            if (seeded is { IsStuck: true })
            {
                // Polling would only run out the wait and call it "still creating".
                return $"{tier.Component}: the re-seeded replica {Replica} in {tier.PrimaryRegion} is '{seeded.Status}', which RDS does not leave by itself: " +
                    "fix the cause (its parameters, network, key or storage), or delete it, and run failback again";
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }

        if (await WriterParametersAsync(seeded, ct).ConfigureAwait(false) is { } parameters)
        {
            return parameters;
        }

        var reading = await lag.ReadRdsAsync(Replica, tier.PrimaryRegion, ct).ConfigureAwait(false);
        LastLag = reading;
        return reading.Lag is { } l && l <= rpo
            ? null
            : $"{tier.Component}: the re-seeded replica {Replica} in {tier.PrimaryRegion} is not caught up within the RPO {Seconds(rpo)} ({reading.Source})";
    }

    /// <summary>The lag the last resync read and its source.</summary>
    public LagReading? LastLag { get; private set; }

    /// <summary>The instance, or null when RDS reports it does not exist.</summary>
    private async Task<RdsInstanceState?> DescribeAsync(string instance, string region, CancellationToken ct)
    {
        try
        {
            return RdsInstanceState.Parse(await aws.RunAsync(RdsCommands.Describe(instance, region), ct).ConfigureAwait(false), instance);
        }
        catch (CloudCommandFailedException e) when (e.Message.Contains("DBInstanceNotFound", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
}
