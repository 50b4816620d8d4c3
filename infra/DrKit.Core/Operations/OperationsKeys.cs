using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>
/// The <c>drkit-ops</c> config keys DR operations set on a stack (docs/operations.md). Pulumi config cannot list
/// its keys, so a program reads exactly the keys a plan implies: the per-component keys for each data component
/// and the fixed stack-wide ones.
/// </summary>
public static class OperationsKeys
{
    public const string Namespace = "drkit-ops";

    public const string FencePrefix = "fence.";
    public const string PromotePrefix = "promote.";
    public const string WriterRegionPrefix = "writerRegion.";

    /// <summary>RDS PostgreSQL: the identifier of the writer a failback re-seeded in the primary region, which the stack adopts.</summary>
    public const string AdoptPrefix = "adopt.";

    /// <summary>RDS PostgreSQL: <c>true</c> once the adopting up imported the re-seeded writer, so the next up may declare
    /// its final-snapshot fields (the importer cannot read them; see docs/operations.md, "Adopting the failback's writer").</summary>
    public const string AdoptedPrefix = "adopted.";
    public const string SourcePrefix = "source.";

    /// <summary>CloudNativePG: <c>archiveGeneration.&lt;component&gt;.&lt;region&gt;</c>, the incarnation of that region's
    /// cluster, bumped by the operator who rebuilds it; each incarnation archives under its own Barman server name.</summary>
    public const string ArchiveGenerationPrefix = "archiveGeneration.";
    public const string RecoveryRunning = "recovery.running";
    public const string TrafficActiveRegion = "traffic.activeRegion";
    public const string TrafficPercent = "traffic.percent";
    public const string DrillMode = "drill.mode";
    public const string DrillSourceStack = "drill.sourceStack";
    public const string DrillRegion = "drill.region";
    public const string Ephemeral = "ephemeral";
    public const string Ttl = "ttl";

    /// <summary>Keys without a component or output name in them.</summary>
    public static readonly IReadOnlyList<string> StackWide =
        [RecoveryRunning, TrafficActiveRegion, TrafficPercent, DrillMode, DrillSourceStack, DrillRegion, Ephemeral, Ttl];

    public static string Fence(string component) => FencePrefix + component;

    public static string Promote(string component) => PromotePrefix + component;

    public static string WriterRegion(string component) => WriterRegionPrefix + component;

    public static string Adopt(string component) => AdoptPrefix + component;

    public static string Adopted(string component) => AdoptedPrefix + component;

    public static string ArchiveGeneration(string component, string region) => $"{ArchiveGenerationPrefix}{component}.{region}";

    /// <summary>The full key as Pulumi names it, e.g. <c>drkit-ops:fence.context-store</c>.</summary>
    public static string Full(string key) => $"{Namespace}:{key}";

    /// <summary>Keys (without the namespace) a stack of <paramref name="plan"/> reads. <c>source.&lt;output&gt;</c>
    /// keys are not among them: their names depend on another stack's outputs.</summary>
    public static IReadOnlyList<string> Implied(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var keys = new List<string>();
        foreach (var c in plan.Components.Where(c => IsDataComponent(c.Kind)))
        {
            keys.Add(Fence(c.Name));
            keys.Add(Promote(c.Name));
            keys.Add(WriterRegion(c.Name));
            keys.Add(Adopt(c.Name));
            keys.Add(Adopted(c.Name));
            if (c.Settings is Platforms.Kubernetes.CnpgSettings { Replica: not null } cnpg)
            {
                keys.AddRange(cnpg.Members.Select(m => ArchiveGeneration(c.Name, m.Region)));
            }
        }

        keys.AddRange(StackWide);
        return keys;
    }

    /// <summary>Components with a writer that operations fence, promote and move: PostgreSQL and Redis.</summary>
    public static bool IsDataComponent(ComponentKind kind) => kind is ComponentKind.Postgres or ComponentKind.Redis;
}
