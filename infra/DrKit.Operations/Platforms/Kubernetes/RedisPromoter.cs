using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Kubernetes;

/// <summary>
/// Promotes the recovery cluster's Redis with kubectl (<see cref="RedisCalls"/>) and reads its role from the server.
/// The fence is recorded on the stack only: the primary region's Redis is not called, since a failover must not
/// depend on that region; the stack's next deployment there makes it a replica.
/// </summary>
public sealed class RedisPromoter(Kubectl kubectl, StackTarget stack, string component, KubeTarget recovery, int sentinels) : IDataPromoter
{
    public string Name => component;

    private string Pod => RedisCalls.Pod(component, recovery.Region);

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var role = RedisCalls.RoleOf(await kubectl.TryRunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false));
        // Redis reports no time lag: unknown, which the engine treats as a refusal unless forced.
        return new ReplicationStatus(PrimaryReachable: false, ReplicaReachable: role is not null, Lag: null, ReplicaIsPrimary: role == "master");
    }

    public Task FenceAsync(CancellationToken ct) => RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(true), ct);

    public Task UnfenceAsync(CancellationToken ct) => RecordAsync(OpsConfig.Fence(component), OpsConfig.Text(false), ct);

    public async Task PromoteAsync(CancellationToken ct)
    {
        await RecordAsync(OpsConfig.WriterRegion(component), recovery.Region, ct).ConfigureAwait(false);
        await kubectl.RunAsync(RedisCalls.Promote(recovery, Pod), ct).ConfigureAwait(false);
        await kubectl.RunAsync(RedisCalls.ScaleSentinels(recovery, RedisCalls.Sentinels(component, recovery.Region), sentinels), ct).ConfigureAwait(false);
    }

    public async Task<bool> IsPromotedAsync(CancellationToken ct) =>
        RedisCalls.RoleOf(await kubectl.TryRunAsync(RedisCalls.Role(recovery, Pod), ct).ConfigureAwait(false)) == "master";

    private Task RecordAsync(string key, string value, CancellationToken ct) =>
        stack.Gateway.SetConfigAsync(stack.Stack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal) { [key] = ConfigSetting.Plain(value) }, ct);
}
