using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Fails a self-managed PostgreSQL streaming standby over through the stack's own mechanism, its hosts, reached with SSM
/// Run Command in each host's region (<see cref="SsmRunCommand"/>); RDS knows nothing of these servers. Readiness and
/// verification read the server itself (<c>pg_is_in_recovery()</c>, replayed and received WAL, and the primary's flushed
/// WAL asked over the standby's own replication connection), never config such as the stack file's sync mode. The fence
/// is hard and best effort, in the primary region only: standby.signal, then a fast shutdown, confirmed from the control
/// file, whose last checkpoint is the LSN a switchover waits for the standby to replay. Promotion is <c>pg_promote()</c>
/// on the standby host; its first WAL segment is then closed so the shipper archives it to the recovery region's bucket
/// (the WAL shipper role may write to every region's archive), which verification finds there.
/// It is also the switchover's catch-up (<see cref="ISwitchoverCatchUp"/>): after a confirmed fence the standby must
/// have replayed up to the fence checkpoint, which a resumed run reads again from the stopped server.
/// </summary>
public sealed class SelfManagedPostgresPromoter(AwsCli aws, SsmRunCommand ssm, SelfManagedPostgresTier tier, StackStateRecord state) : IDataPromoter, ISwitchoverCatchUp
{
    private ulong? _fenceLsn;
    private bool _primaryUnanswered;
    private bool _promoteSent;

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
            // Before a fence the lag comes from WAL positions: the standby's, then the primary's own, asked by the standby
            // host over its replication connection (no call to the primary's region). After a confirmed fence the
            // primary is stopped and its shutdown checkpoint is the target.
            reading = StandbyReading.Parse(await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("status"),
                _fenceLsn is null ? PostgresHostScripts.Lag : PostgresHostScripts.Status, ct).ConfigureAwait(false));
        }
        catch (Exception e) when (e is CloudCommandFailedException or FormatException)
        {
            // The host answers but PostgreSQL could not be read: the lag is unknown, which --force may accept.
            LastLag = new LagReading(null, $"standby not readable on {tier.StandbyHost}: {e.Message}");
            return new ReplicationStatus(!_primaryUnanswered, true, null, false);
        }

        var lag = reading.Lag(_fenceLsn);
        LastLag = new LagReading(lag, $"on {tier.StandbyHost} in {tier.RecoveryRegion} through SSM: {reading.Describe(_fenceLsn, tier.Synchronous)}");
        return new ReplicationStatus(!_primaryUnanswered, true, lag, !reading.InRecovery);
    }

    public async Task FenceAsync(CancellationToken ct)
    {
        _primaryUnanswered = true;
        await ReadFenceAsync(ct).ConfigureAwait(false);
        _primaryUnanswered = false;
        await state.SetAsync(OpsConfig.Fence(tier.Component), OpsConfig.Text(true), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The switchover's catch-up, asked only after a confirmed fence (this run's or, resumed, an earlier run's): the
    /// standby has replayed up to the fence's shutdown checkpoint. A resumed run never saw that checkpoint, so it runs the
    /// fence script again: on a stopped server it writes standby.signal again, its stop does nothing, and pg_controldata
    /// reports the same shutdown checkpoint, so the wait is on WAL positions, never on receipt age or the configured sync
    /// mode, neither of which says the last WAL arrived.
    /// </summary>
    public async Task<CatchUpStatus> ReadAsync(DateTimeOffset fencedAt, CancellationToken ct)
    {
        if (_fenceLsn is null)
        {
            try
            {
                await ReadFenceAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CloudCommandFailedException or FormatException)
            {
                return new CatchUpStatus(false, $"fence checkpoint not readable on {tier.PrimaryHost}: {e.Message}");
            }
        }

        var status = await GetStatusAsync(ct).ConfigureAwait(false);
        return new CatchUpStatus(status.ReplicaIsPrimary || status.Lag == TimeSpan.Zero, LastLag?.Source ?? "standby not read");
    }

    /// <summary>Runs the idempotent fence script and keeps the shutdown checkpoint it reports; throws when the server is not shut down.</summary>
    private async Task ReadFenceAsync(CancellationToken ct)
    {
        var control = await ssm.RunAsync(tier.PrimaryHost, tier.PrimaryRegion, tier.Comment("fence"), tier.Scripts.Fence, ct).ConfigureAwait(false);
        var stateText = PostgresHostScripts.ControlValue(control, "Database cluster state");
        if (!PostgresHostScripts.IsFencedState(stateText))
        {
            throw new CloudCommandFailedException($"{tier.Component}: the old primary on {tier.PrimaryHost} reports cluster state '{stateText ?? "(none)"}' after the fence, not shut down");
        }

        _fenceLsn = StandbyReading.Lsn(PostgresHostScripts.ControlValue(control, "Latest checkpoint location") ?? string.Empty);
    }

    public async Task UnfenceAsync(CancellationToken ct)
    {
        await ssm.RunAsync(tier.PrimaryHost, tier.PrimaryRegion, tier.Comment("unfence"), tier.Scripts.Unfence, ct).ConfigureAwait(false);
        _primaryUnanswered = false;
        _fenceLsn = null;
        await state.SetAsync(OpsConfig.Fence(tier.Component), OpsConfig.Text(false), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends pg_promote, then reads the server until it has left recovery. pg_promote(true, 60) returns f when promotion
    /// takes longer than 60 s (replay backlog after a forced run), and the SSM invocation may end TimedOut or its answer
    /// be lost; in every case the promote signal may already be with the postmaster, which completes it later and
    /// nothing withdraws it (https://www.postgresql.org/docs/16/functions-admin.html#FUNCTIONS-RECOVERY-CONTROL). So a
    /// negative answer is never a failure: the wait ends when the server reads as a writer or the step's token ends it,
    /// which keeps the tier in doubt and its old primary fenced.
    /// </summary>
    public async Task PromoteAsync(CancellationToken ct)
    {
        if ((await ReadAsync(ct).ConfigureAwait(false)).InRecovery)
        {
            // Set before the send: from here the promotion may be under way whatever any call answers.
            _promoteSent = true;
            try
            {
                await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("promote"), PostgresHostScripts.Promote, ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException)
            {
                // Not an answer: the server's own state, read below, is.
            }

            await WaitUntilWriterAsync(ct).ConfigureAwait(false);
        }

        await state.SetAsync(OpsConfig.WriterRegion(tier.Component), tier.RecoveryRegion, ct).ConfigureAwait(false);
        // The first segment of the new timeline, closed now, so the shipper archives it and verification can find it.
        FirstSegment = (await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("switch-wal"), PostgresHostScripts.SwitchWal, ct).ConfigureAwait(false)).Trim();
    }

    /// <summary>
    /// Read from the server: a standby that left recovery is a writer, whatever any config says. Once this run sent
    /// pg_promote, a server still in recovery counts as promoted too: the promotion may complete at any moment, so the
    /// rollback must not start the old primary next to it.
    /// </summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct) => !(await ReadAsync(ct).ConfigureAwait(false)).InRecovery || _promoteSent;

    private async Task WaitUntilWriterAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                if (!(await ReadAsync(ct).ConfigureAwait(false)).InRecovery)
                {
                    return;
                }
            }
            catch (Exception e) when (e is CloudCommandFailedException or FormatException)
            {
                // A server finishing its promotion may refuse connections for a moment: read again.
            }

            await ssm.PauseAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the recovery archive holds a segment the promoted writer closed. The segment comes from the server, not
    /// from memory: a resumed run, or one that found the standby already promoted, closes one now (pg_switch_wal on the
    /// writer). The listing is by key prefix, filtered by S3, so it reads one key whatever the archive's size
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html; --query filters on the client only:
    /// https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-filter.html). A failed read is an unhealthy probe.
    /// </summary>
    public async Task<(bool Healthy, string Detail)> ArchivedAsync(CancellationToken ct)
    {
        try
        {
            FirstSegment ??= (await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("switch-wal"), PostgresHostScripts.SwitchWal, ct).ConfigureAwait(false)).Trim();
            var keys = await aws.RunAsync(ArchivedCommand(tier, FirstSegment), ct).ConfigureAwait(false);
            var found = AwsCli.Items(keys, "Contents").Any();
            return (found, found ? $"{FirstSegment} in {tier.RecoveryArchive}" : $"{FirstSegment} not yet in {tier.RecoveryArchive}");
        }
        catch (CloudCommandFailedException e)
        {
            return (false, $"archive not read: {e.Message}");
        }
    }

    /// <summary>Lists the archive keys of <paramref name="segment"/> under the tool's prefix (server-side, one page).</summary>
    public static AwsCommand ArchivedCommand(SelfManagedPostgresTier tier, string segment) =>
        new("s3api", "list-objects-v2", tier.RecoveryRegion,
            ["--bucket", tier.RecoveryArchive, "--prefix", tier.SegmentPrefix(segment), "--max-items", "10", "--query", "{Contents: Contents[].Key}"]);

    private async Task<StandbyReading> ReadAsync(CancellationToken ct) =>
        StandbyReading.Parse(await ssm.RunAsync(tier.StandbyHost, tier.RecoveryRegion, tier.Comment("status"), PostgresHostScripts.Status, ct).ConfigureAwait(false));
}
