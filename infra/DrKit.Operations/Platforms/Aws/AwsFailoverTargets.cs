using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// The AWS resources a failover acts on, named by the stack's outputs (read once, before anything changes) or, for a
/// dry run, by placeholders that say which output holds each id. <see cref="AutoScalingGroup"/> is empty for a stack
/// without GPU capacity, which runs nothing in the recovery region.
/// </summary>
public sealed record AwsFailoverTargets(
    IReadOnlyList<RdsTier> Rds,
    IReadOnlyList<GlobalDatastoreMember> Redis,
    string AutoScalingGroup,
    string? CapacityReservation,
    IReadOnlyDictionary<string, string> RoutingControls,
    IReadOnlyDictionary<string, string> RoutingEndpoints)
{
    /// <summary>Self-managed PostgreSQL tiers: their hosts come from the plan, the recovery archive from the outputs.</summary>
    public IReadOnlyList<SelfManagedPostgresTier> SelfManaged { get; init; } = [];

    /// <exception cref="StackCommandFailedException">An id the failover needs is missing; the message names the output.</exception>
    public static AwsFailoverTargets From(OperationTopology topology, string recovery, StackOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var stack = topology.Stack;
        string Need(string output, string key, string? region) => OutputMap.Entry(outputs, stack, output, key, region)
            ?? throw new StackCommandFailedException(
                $"Stack {stack} does not export {output}[{key}]{(region is null ? string.Empty : $"[{region}]")}, which the failover needs. " +
                "Deploy the stack with this DrKit version first. Nothing was changed.");
        var rds = Tiers(topology, PromotionKind.ReadReplica).Select(t => RdsTierOf(topology, t.Component, recovery,
            Need(OperationsOutputNames.PostgresInstanceIdentifiers, t.Component, topology.PrimaryRegion),
            Need(OperationsOutputNames.PostgresInstanceIdentifiers, t.Component, recovery),
            Need(OperationsOutputNames.PostgresFenceSecurityGroupIds, t.Component, null),
            (OutputMap.Entry(outputs, stack, OperationsOutputNames.PostgresClientSecurityGroupIds, t.Component, null) ?? string.Empty)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)) with
            {
                // Only where the deployed stack declares it: a parameter created out of band would make the next up's create fail.
                WriterParameter = outputs.Text(OperationsOutputNames.WriterParameter(t.Component)) is { Length: > 0 } parameter ? parameter : null,
            }).ToList();
        var redis = Tiers(topology, PromotionKind.GlobalDatastore).Select(t => GlobalDatastoreMember.From(outputs, stack, t.Component, recovery)).ToList();
        // A stack without GPU capacity exports no group and runs nothing in recovery; its data and traffic still fail over.
        // GPU inference on Kubernetes is scaled in its cluster; only AWS compute needs the recovery Auto Scaling group.
        var group = outputs.Text(OperationsOutputNames.RecoveryAutoScalingGroup);
        if (group is null && topology.DesiredRunning > 0 && Kubernetes.KubernetesFailover.Inference(topology) is null)
        {
            throw new StackCommandFailedException(
                $"Stack {stack} does not export {OperationsOutputNames.RecoveryAutoScalingGroup}, yet its plan runs {topology.DesiredRunning} recovery instances; " +
                "the recovery group cannot be scaled. Deploy the stack with this DrKit version first. Nothing was changed.");
        }

        var controls = OutputMap.Entries(outputs, stack, OperationsOutputNames.RoutingControlArns);
        var endpoints = OutputMap.Entries(outputs, stack, OperationsOutputNames.RoutingControlEndpoints);
        if (!controls.ContainsKey(recovery) || endpoints.Count == 0)
        {
            throw new StackCommandFailedException(
                $"Stack {stack} exports no routing control for {recovery} or no ARC cluster endpoints ({OperationsOutputNames.RoutingControlArns}, " +
                $"{OperationsOutputNames.RoutingControlEndpoints}); traffic cannot be moved through the data plane. Nothing was changed.");
        }

        return new AwsFailoverTargets(rds, redis, group ?? string.Empty, outputs.Text(OperationsOutputNames.RecoveryCapacityReservation), controls, endpoints)
        {
            SelfManaged = [.. Tiers(topology, PromotionKind.SelfManagedStandby).Select(t => SelfManagedTierOf(topology, t.Component, recovery,
                Need(OperationsOutputNames.BucketNames, t.Component, recovery)))],
        };
    }

    /// <summary>Ids as placeholders naming their outputs, for a dry run that calls nothing.</summary>
    public static AwsFailoverTargets Placeholders(OperationTopology topology, string recovery)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var rds = Tiers(topology, PromotionKind.ReadReplica).Select(t => RdsTierOf(topology, t.Component, recovery,
            $"<{OperationsOutputNames.PostgresInstanceIdentifiers}[{t.Component}][{topology.PrimaryRegion}]>",
            $"<{OperationsOutputNames.PostgresInstanceIdentifiers}[{t.Component}][{recovery}]>",
            $"<{OperationsOutputNames.PostgresFenceSecurityGroupIds}[{t.Component}]>",
            [$"<{OperationsOutputNames.PostgresClientSecurityGroupIds}[{t.Component}]>"]) with
            {
                WriterParameter = Core.Operations.WriterParameter.Name(topology.Stack, t.Component),
            }).ToList();
        var redis = Tiers(topology, PromotionKind.GlobalDatastore).Select(t => new GlobalDatastoreMember(t.Component,
            $"<{OperationsOutputNames.RedisGlobalDatastoreIds}[{t.Component}]>", recovery,
            $"<{OperationsOutputNames.RedisReplicationGroupIds}[{t.Component}][{recovery}]>")).ToList();
        var regions = new[] { topology.PrimaryRegion, recovery };
        return new AwsFailoverTargets(rds, redis, $"<{OperationsOutputNames.RecoveryAutoScalingGroup}>",
            topology.Components.Any(c => c.Settings is GpuSettings { Reserved: true }) ? $"<{OperationsOutputNames.RecoveryCapacityReservation}>" : null,
            regions.ToDictionary(r => r, r => $"<{OperationsOutputNames.RoutingControlArns}[{r}]>", StringComparer.Ordinal),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["<cluster endpoint region>"] = $"<{OperationsOutputNames.RoutingControlEndpoints}[...]>" })
        {
            SelfManaged = [.. Tiers(topology, PromotionKind.SelfManagedStandby).Select(t => SelfManagedTierOf(topology, t.Component, recovery,
                $"<{OperationsOutputNames.BucketNames}[{t.Component}][{recovery}]>"))],
        };
    }

    /// <exception cref="OperationRefusedException">The stack file declares no host for one of the two regions.</exception>
    private static SelfManagedPostgresTier SelfManagedTierOf(OperationTopology topology, string component, string recovery, string archive)
    {
        var settings = (PostgresSettings)topology.Components.Single(c => c.Name == component).Settings;
        string Host(string region) => settings.Hosts.GetValueOrDefault(region) ?? throw new OperationRefusedException(
            $"Stack {topology.Stack}: {component} is self-managed PostgreSQL and declares no server host for {region} " +
            $"(drkit:components.{component}.hosts.{region}: the SSM-managed instance id running it), so nothing can fence or promote it. Nothing was changed.");
        return new SelfManagedPostgresTier(component, topology.PrimaryRegion, recovery, Host(topology.PrimaryRegion), Host(recovery),
            new PostgresHostScripts(settings.BinDirectory, settings.DataDirectory, settings.StopCommand, settings.StartCommand), archive, settings.Replication == ReplicationMode.Sync)
        {
            WalKeyPrefix = string.IsNullOrEmpty(settings.WalKeyPrefix) ? Core.Estimation.Assumptions.SelfManagedWalKeyPrefix : settings.WalKeyPrefix,
        };
    }

    private static IEnumerable<DataTierSpec> Tiers(OperationTopology topology, PromotionKind kind) => topology.DataTiers.Where(t => t.Kind == kind);

    private static RdsTier RdsTierOf(OperationTopology topology, string component, string recovery, string primary, string replica, string fence, IReadOnlyList<string> clients)
    {
        var settings = (PostgresSettings)topology.Components.Single(c => c.Name == component).Settings;
        return new RdsTier(component, topology.PrimaryRegion, recovery, primary, replica, fence, clients, settings.InstanceClass, settings.BackupRetentionDays)
        {
            // Every region the stack declares the parameter in: its primary and recovery regions.
            ParameterRegions = topology.AllRegions,
        };
    }
}
