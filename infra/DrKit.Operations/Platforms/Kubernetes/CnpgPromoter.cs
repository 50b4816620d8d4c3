using System.Globalization;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// Fails a CloudNativePG distributed topology over to the recovery cluster with kubectl (see <see cref="CnpgCalls"/>).
/// The only calls to the primary cluster are the fence (the demotion and the read of its token), which the engine
/// bounds, and the unfence of a rollback; status, lag, promotion and verification read the recovery cluster alone.
/// A fence that reads a demotion token makes the run a zero-loss switchover: lag is 0 once the recovery cluster has
/// replayed up to the token's WAL location, and the promotion carries the token. Without one (the primary cluster did
/// not answer) the fence is NOT confirmed and the promotion is a failover, after which the old primary must be
/// rebuilt as a replica (https://cloudnative-pg.io/docs/1.30/replica_cluster/#distributed-topology).
/// Each intent is recorded in the stack's <c>drkit-ops</c> config before kubectl makes it, so a later <c>pulumi up</c>
/// declares the same <c>.spec.replica.primary</c> instead of undoing the switch; the token is kept there too, so a
/// resumed run still promotes with it.
/// </summary>
public sealed class CnpgPromoter(Kubectl kubectl, StackTarget stack, string component, KubeTarget primary, string primaryCluster, KubeTarget recovery, string recoveryCluster, TimeProvider time)
    : IDataPromoter, IWriterCheck
{
    private string? _demotionToken;
    private string? _tokenLsn;
    private bool _primaryAnswered;
    private bool _fenceRefused;
    private bool _demotionMayHaveApplied;

    public string Name => component;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Failback: the cluster demoted is the recovery region's and the one promoted the primary region's, so the stack's
    /// keys move the other way: the demotion clears <c>promote</c>, the promotion clears <c>fence</c> (with both false
    /// the stack declares the primary cluster primary again, as planned).
    /// </summary>
    public bool Failback { get; init; }

    private string DemoteKey => Failback ? OpsConfig.Promote(component) : OpsConfig.Fence(component);

    private string PromoteKey => Failback ? OpsConfig.Fence(component) : OpsConfig.Promote(component);

    /// <summary>The value both keys take when their step is asked for: true on failover, false on failback.</summary>
    private string Asked => OpsConfig.Text(!Failback);

    private string Undone => OpsConfig.Text(Failback);

    /// <summary>The demotion token the fence read (or a resumed run found recorded); null when the primary did not answer.</summary>
    public string? DemotionToken => _demotionToken;

    /// <summary>The lag the last status read found and where it came from.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var json = await kubectl.TryRunAsync(CnpgCalls.Get(recovery, recoveryCluster), ct).ConfigureAwait(false);
        if (json is null)
        {
            LastLag = new LagReading(null, $"{recoveryCluster} in {recovery.Region} did not answer");
            return new ReplicationStatus(PrimaryAnswered, false, null, false);
        }

        var (pod, isPrimary, ready) = CnpgCalls.Status(json);
        if (isPrimary)
        {
            LastLag = new LagReading(null, $"not read: {pod} in {recovery.Region} is already primary");
            return new ReplicationStatus(PrimaryAnswered, true, null, true);
        }

        if (pod is null || ready == 0)
        {
            LastLag = new LagReading(null, $"{recoveryCluster} in {recovery.Region} has no ready designated primary");
            return new ReplicationStatus(PrimaryAnswered, false, null, false);
        }

        var lsn = _tokenLsn ?? await RecordedTokenLsnAsync(ct).ConfigureAwait(false);
        if (lsn is not null && CnpgCalls.ParseReplayCheck(await kubectl.TryRunAsync(CnpgCalls.ReplayedUpTo(recovery, pod, lsn), ct).ConfigureAwait(false)) is { } check)
        {
            RequireSameHistory(pod, check);
            if (check.Replayed)
            {
                LastLag = new LagReading(TimeSpan.Zero, $"{pod} has replayed up to the demotion token's WAL location {lsn}");
                return new ReplicationStatus(PrimaryAnswered, true, TimeSpan.Zero, false);
            }
        }

        var text = await kubectl.TryRunAsync(CnpgCalls.ReplayLag(recovery, pod), ct).ConfigureAwait(false);
        TimeSpan? lag = double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
        // Until the token's location is replayed the replica is behind, whatever the last replayed timestamp says.
        lag = lsn is not null && lag == TimeSpan.Zero ? null : lag;
        LastLag = new LagReading(lag, lag is null
            ? $"unknown: {pod} has replayed no transaction yet{(lsn is null ? string.Empty : $" or not up to {lsn}")}"
            : $"now() - pg_last_xact_replay_timestamp() in {pod} ({recovery.Region}): an upper bound while the primary is idle");
        return new ReplicationStatus(PrimaryAnswered, true, lag, false);
    }

    /// <summary>Whether the primary cluster answered this run's fence, accepting or refusing it (a refusal proves it is up).</summary>
    private bool PrimaryAnswered => _primaryAnswered || _fenceRefused;

    public async Task FenceAsync(CancellationToken ct)
    {
        (_primaryAnswered, _fenceRefused, _demotionMayHaveApplied) = (false, false, false);
        (_demotionToken, _tokenLsn) = (null, null);
        // A token left by an earlier operation names an older WAL location; this fence reads a fresh one or none.
        await RecordAsync(new()
        {
            [DemoteKey] = Asked,
            [OpsConfig.DemotionToken(component)] = string.Empty,
        }, ct).ConfigureAwait(false);
        // Demote: the primary cluster names the replica cluster as the topology's primary and stops taking writes.
        // An answer that is not a success (a refusal, a webhook that could not be called, a 500) proves that cluster is
        // up and, as far as anyone can tell, still primary: it must stop the run, never read as silence.
        string? demoted;
        try
        {
            demoted = await kubectl.ReachAsync(CnpgCalls.SetPrimary(primary, primaryCluster, recoveryCluster, null), ct).ConfigureAwait(false);
        }
        catch (KubeRefusedException e)
        {
            (_fenceRefused, _demotionMayHaveApplied) = (true, !e.NothingChanged);
            throw new FenceRefusedException($"{primaryCluster} in {primary.Region} (context {primary.Context}) answered its demotion with an error and is still primary: {e.Message}", e);
        }

        if (demoted is null)
        {
            throw new StackCommandFailedException(
                $"{primaryCluster} in {primary.Region} (context {primary.Context}) did not answer the demotion; its next deployment declares it demoted");
        }

        _primaryAnswered = true;
        var deadline = time.GetUtcNow() + KubernetesAssumptions.CnpgDemotionBound;
        while (true)
        {
            var token = (await kubectl.TryRunAsync(CnpgCalls.DemotionToken(primary, primaryCluster), ct).ConfigureAwait(false))?.Trim();
            if (!string.IsNullOrEmpty(token))
            {
                _tokenLsn = CnpgCalls.TokenLsn(token)
                    ?? throw new StackCommandFailedException($"{primaryCluster} published a .status.demotionToken DrKit cannot read (no latestCheckpointREDOLocation)");
                _demotionToken = token;
                await RecordAsync(OpsConfig.DemotionToken(component), token, ct).ConfigureAwait(false);
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                await JudgeDemotionAsync(ct).ConfigureAwait(false);
            }

            // CNPG publishes the token once the demoted primary has shut down and archived its last segment.
            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An accepted demotion whose token has not come within <see cref="KubernetesAssumptions.CnpgDemotionBound"/>: the
    /// spec says replica, but only PostgreSQL says whether it stopped taking writes (the CNPG operator, which does the
    /// demotion, may be down or wedged). Still a writer: REFUSED, the run stops and its rollback names it primary again
    /// (two writers otherwise). In recovery without a token: not a switchover; NOT CONFIRMED, the promotion carries no
    /// token and the old primary must be rebuilt. No answer: silence, NOT CONFIRMED.
    /// </summary>
    private async Task JudgeDemotionAsync(CancellationToken ct)
    {
        var json = await kubectl.TryRunAsync(CnpgCalls.Get(primary, primaryCluster), ct).ConfigureAwait(false);
        var pod = json is null ? null : CnpgCalls.Status(json).CurrentPrimary;
        var (outcome, output, error) = pod is null ? (KubeOutcome.Silent, string.Empty, "no current primary read")
            : await kubectl.AskAsync(CnpgCalls.InRecovery(primary, pod), ct).ConfigureAwait(false);
        var bound = KubernetesAssumptions.CnpgDemotionBound;
        switch (outcome, output.Trim())
        {
            case (KubeOutcome.Succeeded, "f"):
                (_fenceRefused, _demotionMayHaveApplied) = (true, true);
                throw new FenceRefusedException(
                    $"{primaryCluster} in {primary.Region} (context {primary.Context}) accepted its demotion but {pod} still takes writes after {bound.TotalMinutes:0} min " +
                    "(pg_is_in_recovery() = f, no demotion token): the CNPG operator there does not act on it (is it running?). Promoting would leave two writers");
            case (KubeOutcome.Succeeded, "t"):
                throw new StackCommandFailedException(
                    $"{primaryCluster} in {primary.Region} is demoted ({pod} is in recovery) but published no demotion token within {bound.TotalMinutes:0} min: " +
                    $"the promotion carries no token (a failover) and {primaryCluster} must be rebuilt as a replica");
            case (KubeOutcome.Refused or KubeOutcome.Failed, _):
                (_fenceRefused, _demotionMayHaveApplied) = (true, true);
                throw new FenceRefusedException(
                    $"{primaryCluster} in {primary.Region} accepted its demotion, published no token within {bound.TotalMinutes:0} min, and its writer could not be read ({error}): " +
                    "it answers, so it may still take writes");
            default:
                throw new StackCommandFailedException(
                    $"{primaryCluster} in {primary.Region} accepted its demotion but did not answer since ({error}); no demotion token was read");
        }
    }

    /// <summary>Rollback only (nothing was promoted): the demoted cluster takes its own token back and is primary again.</summary>
    public async Task UnfenceAsync(CancellationToken ct)
    {
        if (_fenceRefused && !_demotionMayHaveApplied)
        {
            // The demotion was refused, so the cluster never stopped being primary: only the recorded intent is undone.
            await RecordAsync(new() { [DemoteKey] = Undone, [OpsConfig.DemotionToken(component)] = string.Empty }, ct).ConfigureAwait(false);
            return;
        }

        var token = _demotionToken ?? await RecordedTokenAsync(ct).ConfigureAwait(false);
        await kubectl.RunAsync(CnpgCalls.SetPrimary(primary, primaryCluster, primaryCluster, token), ct).ConfigureAwait(false);
        await RecordAsync(new() { [DemoteKey] = Undone, [OpsConfig.DemotionToken(component)] = string.Empty }, ct).ConfigureAwait(false);
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        var token = _demotionToken ?? await RecordedTokenAsync(ct).ConfigureAwait(false);
        if (Failback && token is null)
        {
            // Without a token CNPG fails over, and the cluster left behind may still take writes: never on a failback.
            throw new StackCommandFailedException(
                $"{recoveryCluster} in {recovery.Region} is promoted back only with the demotion token of {primaryCluster} in {primary.Region}, which did not confirm its demotion; nothing was promoted");
        }

        await RecordAsync(PromoteKey, Asked, ct).ConfigureAwait(false);
        // primary and promotionToken in one patch: a token given later would be a failover first (CNPG docs, warning).
        try
        {
            await kubectl.RunAsync(CnpgCalls.SetPrimary(recovery, recoveryCluster, recoveryCluster, token), ct).ConfigureAwait(false);
        }
        catch (StackCommandFailedException e) when (Kubectl.Refused(e.Message))
        {
            // The API server answered and refused the patch: nothing changed, so the engine may give the old primary back.
            throw new PromotionRefusedException(e.Message, e);
        }

        // With a token CNPG first replays up to its location; the step's timeout bounds the wait.
        while (!(await ReadWriterAsync(ct).ConfigureAwait(false)).Writer)
        {
            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }

        // Spent: a later operation must not mistake it for its own.
        await RecordAsync(OpsConfig.DemotionToken(component), string.Empty, ct).ConfigureAwait(false);
        (_demotionToken, _tokenLsn) = (null, null);
    }

    /// <summary>
    /// True once the recovery cluster's spec names itself primary (read from the API server: CNPG is then promoting it
    /// and it cannot be taken back) or it reports a primary instance.
    /// </summary>
    public async Task<bool> IsPromotedAsync(CancellationToken ct)
    {
        var json = await kubectl.RunAsync(CnpgCalls.Get(recovery, recoveryCluster), ct).ConfigureAwait(false);
        return CnpgCalls.Status(json).IsPrimary || CnpgCalls.SpecPrimary(json) == recoveryCluster;
    }

    /// <summary>The writer as PostgreSQL reports it: CNPG's current primary reports isPrimary and is out of recovery.</summary>
    public async Task<(bool Writer, string Detail)> ReadWriterAsync(CancellationToken ct)
    {
        var json = await kubectl.TryRunAsync(CnpgCalls.Get(recovery, recoveryCluster), ct).ConfigureAwait(false);
        if (json is null)
        {
            return (false, $"{recoveryCluster} in {recovery.Region} did not answer");
        }

        var (pod, isPrimary, _) = CnpgCalls.Status(json);
        if (!isPrimary || pod is null)
        {
            return (false, $"{recoveryCluster} reports no primary instance yet (currentPrimary {pod ?? "none"})");
        }

        var inRecovery = (await kubectl.TryRunAsync(CnpgCalls.InRecovery(recovery, pod), ct).ConfigureAwait(false))?.Trim();
        return inRecovery == "f" ? (true, $"{pod} is primary and out of recovery") : (false, $"{pod}: pg_is_in_recovery() = {inRecovery ?? "no answer"}");
    }

    /// <summary>
    /// Whether the replica's WAL can be compared with the token's location at all: the same database system (else the
    /// replica is not a copy of the demoted primary and is refused), and not on a later timeline than the token's (a
    /// replica promoted since has diverged). CNPG checks the same facts before it promotes.
    /// </summary>
    private void RequireSameHistory(string pod, ReplayCheck check)
    {
        var token = _demotionToken is null ? null : CnpgCalls.ReadToken(_demotionToken);
        if (token?.SystemIdentifier is { } system && system != check.SystemIdentifier)
        {
            throw new StackCommandFailedException(
                $"{pod} in {recovery.Region} is not a copy of {primaryCluster}: database system identifier {check.SystemIdentifier}, the demotion token's is {system}. " +
                $"It cannot be promoted with that token; rebuild {recoveryCluster} as a replica of {primaryCluster}");
        }

        if (token?.Timeline is { } timeline && check.Timeline > timeline)
        {
            throw new StackCommandFailedException(
                $"{pod} in {recovery.Region} is on timeline {check.Timeline}, past the demotion token's {timeline}: its history has diverged from {primaryCluster}'s; rebuild it as a replica");
        }
    }

    private async Task<string?> RecordedTokenAsync(CancellationToken ct) =>
        (await stack.Gateway.GetConfigAsync(stack.Stack, ct).ConfigureAwait(false)).GetValueOrDefault(OpsConfig.DemotionToken(component))?.Value is { Length: > 0 } token
            ? token
            : null;

    private async Task<string?> RecordedTokenLsnAsync(CancellationToken ct)
    {
        if (await RecordedTokenAsync(ct).ConfigureAwait(false) is not { } token)
        {
            return null;
        }

        _demotionToken = token;
        _tokenLsn = CnpgCalls.TokenLsn(token);
        return _tokenLsn;
    }

    private Task RecordAsync(string key, string value, CancellationToken ct) => RecordAsync(new() { [key] = value }, ct);

    private Task RecordAsync(Dictionary<string, string> values, CancellationToken ct) =>
        stack.Gateway.SetConfigAsync(stack.Stack, values.ToDictionary(v => v.Key, v => ConfigSetting.Plain(v.Value), StringComparer.Ordinal), ct);
}
