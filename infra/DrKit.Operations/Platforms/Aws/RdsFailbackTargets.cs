using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// What a failback of one RDS tier acts on beyond the failover's ids, named by the stack's outputs.
/// </summary>
/// <param name="RecoveryFenceGroup">The fence group in the recovery region: the switch back fences the recovery writer with it.</param>
/// <param name="RecoveryClientGroups">
/// The client groups the stack declares the recovery replica with (<c>network.securityGroups[&lt;recovery&gt;]</c>): what a
/// rollback restores on the fenced recovery writer. Declared groups rather than groups read before the fence: the
/// rollback may run in a later process (a resumed run) that never read them, a resumed fence finds the fence group
/// already in place and reads nothing useful, and these are what the next <c>pulumi up</c> converges the instance to
/// anyway, so unfence and deployment agree. Empty when the stack names none (RDS then used the VPC's default group,
/// whose id the stack does not know): the rollback then says how to restore them by hand.
/// </param>
/// <param name="WriterParameterGroup">The unfenced writer parameter group of the primary region the re-seed gets before promotion.</param>
public sealed record RdsFailbackTargets(string RecoveryFenceGroup, IReadOnlyList<string> RecoveryClientGroups, string WriterParameterGroup)
{
    /// <summary>The outputs a failback of <paramref name="component"/> needs and cannot go without, as the refusal names them.</summary>
    public static string Required(string component, string primary, string recovery) =>
        $"{OperationsOutputNames.PostgresRecoveryFenceSecurityGroupIds}[{component}][{recovery}] and {OperationsOutputNames.PostgresWriterParameterGroups}[{component}][{primary}]";

    /// <summary>The targets from the stack's outputs, or null when the fence group or the writer parameter group is not exported.</summary>
    public static RdsFailbackTargets? From(StackOutputs outputs, string stack, string component, string primary, string recovery) =>
        OutputMap.Entry(outputs, stack, OperationsOutputNames.PostgresRecoveryFenceSecurityGroupIds, component, recovery) is { } fence
        && OutputMap.Entry(outputs, stack, OperationsOutputNames.PostgresWriterParameterGroups, component, primary) is { } writer
            ? new RdsFailbackTargets(fence,
                (OutputMap.Entry(outputs, stack, OperationsOutputNames.PostgresRecoveryClientSecurityGroupIds, component, recovery) ?? string.Empty)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries),
                writer)
            : null;

    /// <summary>Ids as placeholders naming their outputs, for a dry run.</summary>
    public static RdsFailbackTargets Placeholders(string component, string primary, string recovery) =>
        new($"<{OperationsOutputNames.PostgresRecoveryFenceSecurityGroupIds}[{component}][{recovery}]>",
            [$"<{OperationsOutputNames.PostgresRecoveryClientSecurityGroupIds}[{component}][{recovery}]>"],
            $"<{OperationsOutputNames.PostgresWriterParameterGroups}[{component}][{primary}]>");
}
