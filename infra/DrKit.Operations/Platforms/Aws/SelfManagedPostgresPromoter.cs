using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Fails a self-managed PostgreSQL streaming standby over through the stack's own mechanism, its hosts, reached with SSM
/// Run Command in each host's region (<see cref="SsmRunCommand"/>); RDS knows nothing of these servers. Readiness and
/// verification read the server itself (<c>pg_is_in_recovery()</c>, replayed and received WAL), never config. The fence
/// is hard and best effort, in the primary region only: standby.signal, then a fast shutdown, confirmed from the control
/// file, whose last checkpoint is the LSN a switchover waits for the standby to replay. Promotion is <c>pg_promote()</c>
/// on the standby host; its first WAL segment is then closed so the shipper archives it to the recovery region's bucket
/// (the WAL shipper role may write to every region's archive), which verification finds there.
/// </summary>
public sealed class SelfManagedPostgresPromoter(AwsCli aws, SsmRunCommand ssm, SelfManagedPostgresTier tier, StackStateRecord state) : IDataPromoter
{
    private ulong? _fenceLsn;
    private bool _primaryUnanswered;

    public string Name => tier.Component;

    /// <summary>The lag the last status read found and its source.</summary>
    public LagReading? LastLag { get; private set; }

    /// <summary>The first WAL segment the promoted writer closed; verification looks for it in the recovery archive.</summary>
    public string? FirstSegment { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        if (!await ssm.IsOnlineAsync(tier.StandbyHost, tier.RecoveryRegion, ct).ConfigureAwait(false))
        {
            LastLag = new LagReading(null, $"standby host {tier.StandbyHost} is not Online in SSM in {tier.RecoveryRegion}");
            return new ReplicationStatus(!_primaryUnanswered, false, null, false);
        }

        StandbyReading reading;
        try
        {
            reading = await ReadAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CloudCommandFailedException or FormatException)
        {
            // The host answers but PostgreSQL could not be read: the lag is unknown, which --force may accept.
            LastLag = new LagReading(null, $"standby not readable on {tier.StandbyHost}: {e.Message}");
            return new ReplicationStatus(!_primaryUnanswered, true, null, false);
        }

        var lag = reading.Lag(_fenceLsn, tier.Synchronous);
        LastLag = new LagReading(lag, $"on {tier.StandbyHost} in {tier.RecoveryRegion} through SSM: {reading.Describe(_fenceLsn)}");
        return new ReplicationStatus(!_primaryUnanswered, true, lag, !reading.InRecovery);
    }

    public async Task FenceAsync(CancellationToken ct)
    {
        _primaryUnanswered = true;
        var control = await ssm.RunAsync(tier.PrimaryHost, tier.PrimaryRegion, tier.Comment("fence"), tier.Scripts.Fence, ct).ConfigureAwait(false);
        var stateText = PostgresHostScripts.ControlValue(control, "Database cluster state");
        if (!PostgresHostScripts.IsFencedState(stateText))
        {
            throw new CloudCommandFailedException($"{tier.Component}: the old primary on {tier.PrimaryHost} reports cluster state '{stateText ?? "(none)"}' after the fence, not shut down");
        }

        _fenceLsn = StandbyReading.Lsn(PostgresHostScripts.ControlValue(control, "Latest checkpoint location") ?? string.Empty);
        _primaryUnanswered = false;
        await state.SetAsync(OpsConfig.Fence(tier.Component), OpsConfig.Text(true), ct).ConfigureAwait(false);
    }

    public async Task UnfenceAsync(CancellationToken ct)
    {
        await ssm.RunAsync(tier.PrimaryHost, tier.PrimaryRegion, tier.Comment("unfence"), tier.Scripts.Unfence, ct).ConfigureAwait(false);
        _primaryUnanswered = false;
        _fenceLsn = null;
        await state.SetAsync(OpsConfig.Fence(tier.Component), OpsConfig.Text(false), ct).ConfigureAwait(false);
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        if ((await ReadAsync(ct).ConfigureAwait(false)).InRecovery)
        {
            await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("promote"), PostgresHostScripts.Promote, ct).ConfigureAwait(false);
            if ((await ReadAsync(ct).ConfigureAwait(false)).InRecovery)
            {
                throw new CloudCommandFailedException($"{tier.Component}: pg_promote() returned, yet {tier.StandbyHost} is still in recovery");
            }
        }

        await state.SetAsync(OpsConfig.WriterRegion(tier.Component), tier.RecoveryRegion, ct).ConfigureAwait(false);
        // The first segment of the new timeline, closed now, so the shipper archives it and verification can find it.
        FirstSegment = (await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("switch-wal"), PostgresHostScripts.SwitchWal, ct).ConfigureAwait(false)).Trim();
    }

    /// <summary>Read from the server: a standby that left recovery is a writer, whatever any config says.</summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct) => !(await ReadAsync(ct).ConfigureAwait(false)).InRecovery;

    /// <summary>Whether the recovery archive holds the promoted writer's first segment: the shipper writes in the recovery region.</summary>
    public async Task<(bool Healthy, string Detail)> ArchivedAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(FirstSegment))
        {
            return (false, "no segment switched since promotion");
        }

        var keys = await aws.RunAsync(ArchivedCommand(tier, FirstSegment), ct).ConfigureAwait(false);
        var found = AwsCli.Items(keys, "Contents").Any();
        return (found, found ? $"{FirstSegment} in {tier.RecoveryArchive}" : $"{FirstSegment} not yet in {tier.RecoveryArchive}");
    }

    /// <summary>Lists archive keys containing <paramref name="segment"/> (WAL-G and pgBackRest both name WAL objects after the segment).</summary>
    public static AwsCommand ArchivedCommand(SelfManagedPostgresTier tier, string segment) =>
        new("s3api", "list-objects-v2", tier.RecoveryRegion,
            ["--bucket", tier.RecoveryArchive, "--query", $"{{Contents: Contents[?contains(Key, '{segment}')].Key}}"]);

    private async Task<StandbyReading> ReadAsync(CancellationToken ct) =>
        StandbyReading.Parse(await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("status"), PostgresHostScripts.Status, ct).ConfigureAwait(false));
}
