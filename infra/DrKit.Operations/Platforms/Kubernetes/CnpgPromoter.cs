using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// Fences and promotes a CloudNativePG replica cluster with kubectl (see <see cref="CnpgCalls"/>). Calls to the
/// primary region are only the fence, bounded by kubectl's request timeout, and its silence counts as fenced. The
/// intent is recorded in the stack's <c>drkit-ops</c> config first, so a later <c>pulumi up</c> declares the same
/// <c>.spec.replica.primary</c> instead of undoing the switch. Promotion is verified on the recovery cluster's
/// reported state.
/// </summary>
public sealed class CnpgPromoter(Kubectl kubectl, StackTarget stack, string component, KubeTarget primary, string primaryCluster, KubeTarget recovery, string recoveryCluster, TimeProvider time)
    : IDataPromoter
{
    private string? _demotionToken;

    public string Name => component;

    /// <summary>How long the fence waits for the demoted primary to publish its demotion token.</summary>
    public TimeSpan TokenWait { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The demotion token the fence read; null when the primary did not answer (promotion without token).</summary>
    public string? DemotionToken => _demotionToken;

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var primaryJson = await kubectl.TryRunAsync(CnpgCalls.Get(primary, primaryCluster), ct).ConfigureAwait(false);
        var recoveryJson = await kubectl.TryRunAsync(CnpgCalls.Get(recovery, recoveryCluster), ct).ConfigureAwait(false);
        if (recoveryJson is null)
        {
            return new ReplicationStatus(primaryJson is not null, false, null, false);
        }

        var (pod, isPrimary, ready) = CnpgCalls.Status(recoveryJson);
        TimeSpan? lag = null;
        if (!isPrimary && pod is not null && ready > 0)
        {
            var text = await kubectl.TryRunAsync(CnpgCalls.ReplayLag(recovery, pod), ct).ConfigureAwait(false);
            if (double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                lag = TimeSpan.FromSeconds(seconds);
            }
        }

        return new ReplicationStatus(primaryJson is not null, ready > 0, lag, isPrimary);
    }

    public async Task FenceAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(true), ct).ConfigureAwait(false);
        // Demote: the primary cluster now names the replica cluster as the topology's primary and stops taking writes.
        if (await kubectl.TryRunAsync(CnpgCalls.SetPrimary(primary, primaryCluster, recoveryCluster, null), ct).ConfigureAwait(false) is null)
        {
            return; // The primary cluster does not answer: it cannot take writes through it either.
        }

        var deadline = time.GetUtcNow() + TokenWait;
        while (time.GetUtcNow() < deadline)
        {
            var token = (await kubectl.TryRunAsync(CnpgCalls.DemotionToken(primary, primaryCluster), ct).ConfigureAwait(false))?.Trim();
            if (!string.IsNullOrEmpty(token))
            {
                _demotionToken = token;
                return;
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }

        throw new StackCommandFailedException($"{component}: {primaryCluster} in {primary.Region} was demoted but published no .status.demotionToken within {FailoverProgramText(TokenWait)}; promoting without it would need a rebuild of {primaryCluster}.");
    }

    public async Task UnfenceAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(false), ct).ConfigureAwait(false);
        // Guess, to be confirmed in a drill: the demoted cluster takes its own token back, as no other cluster was promoted.
        await kubectl.RunAsync(CnpgCalls.SetPrimary(primary, primaryCluster, primaryCluster, _demotionToken), ct).ConfigureAwait(false);
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.Promote(component), OpsConfig.Text(true), ct).ConfigureAwait(false);
        await kubectl.RunAsync(CnpgCalls.SetPrimary(recovery, recoveryCluster, recoveryCluster, _demotionToken), ct).ConfigureAwait(false);
        // With a token CNPG first replays up to the token's LSN; the designated primary reports itself primary after.
        var deadline = time.GetUtcNow() + PromotionWait;
        while (!await IsPromotedAsync(ct).ConfigureAwait(false))
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new StackCommandFailedException($"{component}: {recoveryCluster} in {recovery.Region} reports no primary instance {FailoverProgramText(PromotionWait)} after .spec.replica.primary named it.");
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>How long promotion may take, replay up to the token's LSN included.</summary>
    public TimeSpan PromotionWait { get; init; } = TimeSpan.FromMinutes(15);

    public async Task<bool> IsPromotedAsync(CancellationToken ct)
    {
        var json = await kubectl.TryRunAsync(CnpgCalls.Get(recovery, recoveryCluster), ct).ConfigureAwait(false);
        return json is not null && CnpgCalls.Status(json).IsPrimary;
    }

    private Task RecordAsync(string key, string value, CancellationToken ct) =>
        stack.Gateway.SetConfigAsync(stack.Stack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal) { [key] = ConfigSetting.Plain(value) }, ct);

    private static string FailoverProgramText(TimeSpan span) => Core.Objectives.DurationText.Format(span);
}
