using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Adapters;

/// <summary>How a data tier's recovery member becomes the writer.</summary>
public enum PromotionKind
{
    /// <summary>RDS cross-region read replica: drop its replication source (<c>drkit-ops:promote.&lt;c&gt;=true</c>).</summary>
    ReadReplica,

    /// <summary>ElastiCache Global Datastore: make the recovery member primary (<c>drkit-ops:writerRegion.&lt;c&gt;=&lt;region&gt;</c>).</summary>
    GlobalDatastore,

    /// <summary>Self-managed PostgreSQL streaming standby on an EC2 host: <c>pg_promote()</c> through SSM Run Command in its region.</summary>
    SelfManagedStandby,

    /// <summary>CloudNativePG replica cluster: demotion/promotion token switchover, or promotion without a token
    /// when the primary cluster does not answer (kubectl, see Platforms/Kubernetes).</summary>
    CnpgReplicaCluster,

    /// <summary>Redis replica in the recovery cluster: REPLICAOF NO ONE and Sentinel started there (kubectl).</summary>
    SentinelRedis,

    /// <summary>PostgreSQL Flexible Server read replica: <c>az postgres flexible-server replica promote</c> in the recovery
    /// region, planned switchover or forced (see Platforms/Azure).</summary>
    FlexibleServerReplica,

    /// <summary>Azure Managed Redis active geo-replication member: the writer moves (<c>drkit-ops:writerRegion.&lt;c&gt;</c>), the lost
    /// member force-unlinked from the survivor in an outage (see Platforms/Azure).</summary>
    ManagedRedisGeo,
}

/// <summary>
/// Fences and promotes one data tier through stack changes, and reads its replication state from the stack
/// outputs. Each change is verified against the outputs the <c>up</c> returned. A Redis Global Datastore is
/// switched with the AWS CLI first (<see cref="GlobalDatastoreSwitch"/>); the stack then records the writer region.
/// Replica lag comes from the output <c>&lt;c&gt;.replicaLagSeconds</c> when a stack exports it, otherwise from
/// CloudWatch (<see cref="ReplicaLagReader"/>), since a deployment cannot know it.
/// </summary>
public sealed class StackDataPromoter(
    StackTarget target, string component, PromotionKind kind, string recoveryRegion, GlobalDatastoreSwitch? redis = null, ReplicaLagReader? lagReader = null)
    : IDataPromoter
{
    public string Name => component;

    public PromotionKind Kind => kind;

    /// <summary>The config change that promotes this tier.</summary>
    public KeyValuePair<string, string> PromotionSetting => kind == PromotionKind.ReadReplica
        ? new(OpsConfig.Promote(component), OpsConfig.Text(true))
        : new(OpsConfig.WriterRegion(component), recoveryRegion);

    /// <summary>The lag the last <see cref="GetStatusAsync"/> found and its source; null before the first read.</summary>
    public LagReading? LastLag { get; private set; }

    public async Task<ReplicationStatus> GetStatusAsync(CancellationToken ct)
    {
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        var replicaReachable = outputs.Text(OperationsOutputNames.RecoveryEndpoint(component)) is not null;
        var replicaIsPrimary = IsPrimary(outputs);
        LastLag = await ReadLagAsync(outputs, replicaReachable && !replicaIsPrimary, ct).ConfigureAwait(false);
        return new ReplicationStatus(
            PrimaryReachable: outputs.Text(OperationsOutputNames.PrimaryEndpoint(component)) is not null,
            ReplicaReachable: replicaReachable,
            Lag: LastLag.Lag,
            ReplicaIsPrimary: replicaIsPrimary);
    }

    private async Task<LagReading> ReadLagAsync(StackOutputs outputs, bool needed, CancellationToken ct)
    {
        var output = OperationsOutputNames.ReplicaLagSeconds(component);
        if (outputs.Number(output) is { } seconds)
        {
            return new LagReading(TimeSpan.FromSeconds(seconds), $"stack output {output}");
        }

        // A promoted or unreachable replica has no lag worth a CloudWatch call: the engine does not weigh it.
        if (!needed)
        {
            return new LagReading(null, "not read: the recovery member is already primary or unreachable");
        }

        return lagReader is null
            ? new LagReading(null, $"stack output {output} is absent and no CloudWatch reader is configured")
            : await lagReader.ReadAsync(outputs, target.Stack, component, kind, recoveryRegion, ct).ConfigureAwait(false);
    }

    public Task FenceAsync(CancellationToken ct) => SetFenceAsync(true, ct);

    public Task UnfenceAsync(CancellationToken ct) => SetFenceAsync(false, ct);

    public async Task PromoteAsync(CancellationToken ct)
    {
        var (key, value) = PromotionSetting;
        var outputs = kind == PromotionKind.ReadReplica
            ? await target.ApplyAsync(key, value, ct).ConfigureAwait(false)
            : await (redis ?? throw new InvalidOperationException($"{component}: a Global Datastore promotion needs the AWS CLI switch"))
                .SwitchAsync(target, component, recoveryRegion, ct).ConfigureAwait(false);
        if (!IsPrimary(outputs))
        {
            throw new StackCommandFailedException(
                $"{component}: after setting {key}={value} and deploying {target.Stack}, output {OperationsOutputNames.RecoveryRole(component)} is " +
                $"'{outputs.Text(OperationsOutputNames.RecoveryRole(component)) ?? "(missing)"}', expected 'primary'.");
        }
    }

    public async Task<bool> IsPromotedAsync(CancellationToken ct) => IsPrimary(await target.OutputsAsync(ct).ConfigureAwait(false));

    private bool IsPrimary(StackOutputs outputs) =>
        string.Equals(outputs.Text(OperationsOutputNames.RecoveryRole(component)), "primary", StringComparison.OrdinalIgnoreCase);

    private async Task SetFenceAsync(bool fenced, CancellationToken ct)
    {
        var key = OpsConfig.Fence(component);
        var outputs = await target.ApplyAsync(key, OpsConfig.Text(fenced), ct).ConfigureAwait(false);
        // A primary that no longer exists (the region is gone) cannot take writes: that counts as fenced.
        var gone = outputs.Text(OperationsOutputNames.PrimaryEndpoint(component)) is null;
        if (outputs.Flag(OperationsOutputNames.Fenced(component)) != fenced && !(fenced && gone))
        {
            throw new StackCommandFailedException(
                $"{component}: after setting {key}={OpsConfig.Text(fenced)} and deploying {target.Stack}, output {OperationsOutputNames.Fenced(component)} " +
                $"is '{outputs.Text(OperationsOutputNames.Fenced(component)) ?? "(missing)"}'.");
        }
    }
}
