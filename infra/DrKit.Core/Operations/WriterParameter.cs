using DrKit.Core.Providers;

namespace DrKit.Core.Operations;

/// <summary>
/// Where applications read a PostgreSQL tier's writer address without a deployment: an SSM String parameter of the same
/// name in every serving region (primary and recovery regions), each read by the application in its own region. The
/// stack creates it holding the address its decided state implies; a failover's promotion and a failback's writer
/// switch overwrite it with the address RDS reports for the new writer, from the new writer's region, so it moves
/// while the failed region is down and no <c>pulumi up</c> can run
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-working-with.html). The next
/// <c>up</c> declares the same address, because the operation also records the move in the stack's config.
/// </summary>
public static class WriterParameter
{
    /// <summary>The parameter's last path segment, beside the model switch's <c>active-provider</c>.</summary>
    public const string Leaf = "writer-endpoint";

    /// <summary><c>/drkit/&lt;stack&gt;/&lt;component&gt;/writer-endpoint</c>, in the family of <see cref="SwitchParameter.Name"/>.</summary>
    public static string Name(string stack, string component) => SwitchParameter.Path(stack, component, Leaf);

    /// <summary>
    /// Whether the stack declares one: an RDS PostgreSQL tier with a cross-region member, the only tier whose writer
    /// address changes with a failover and is known to the stack (self-managed servers' addresses are the operator's,
    /// and a Global Datastore keeps one endpoint per member).
    /// </summary>
    public static bool Declared(DataTierState tier, bool rds)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return rds && tier.RecoveryRegion is not null;
    }
}
