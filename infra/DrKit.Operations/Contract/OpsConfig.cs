using System.Globalization;

namespace DrKit.Operations.Contract;

/// <summary>
/// Config keys DR operations set on a stack and the AWS stack honours on its next <c>up</c>. They live in their
/// own <c>drkit-ops</c> namespace so the stack file's <c>drkit:*</c> DR intent (which <c>drkit plan</c> validates
/// strictly) stays untouched. Every key and value here is listed in docs/operations.md.
/// </summary>
public static class OpsConfig
{
    public const string Namespace = "drkit-ops";

    /// <summary><c>true</c>: the recovery-region RDS read replica of Postgres component <paramref name="component"/> loses its replication source (promotion).</summary>
    public static string Promote(string component) => $"{Namespace}:promote.{component}";

    /// <summary><c>true</c>: the primary-region writer of the component stops taking writes; <c>false</c> lets it take writes again.</summary>
    public static string Fence(string component) => $"{Namespace}:fence.{component}";

    /// <summary>Region whose member holds the writer: the Redis Global Datastore primary, or the Postgres writer on failback.</summary>
    public static string WriterRegion(string component) => $"{Namespace}:writerRegion.{component}";

    /// <summary>How many recovery compute instances (serving replicas, GPU nodes) run in the recovery region.</summary>
    public const string RecoveryRunning = Namespace + ":recovery.running";

    /// <summary>Region that receives <see cref="TrafficPercent"/> percent of traffic.</summary>
    public const string TrafficActiveRegion = Namespace + ":traffic.activeRegion";

    /// <summary>Percent (0..100) of traffic on <see cref="TrafficActiveRegion"/>; the rest goes to the other region.</summary>
    public const string TrafficPercent = Namespace + ":traffic.percent";

    /// <summary>Drill stacks: <c>restore</c> (from backups/snapshots) or <c>promote</c> (a cross-region replica).</summary>
    public const string DrillMode = Namespace + ":drill.mode";

    /// <summary>Drill stacks: the stack being drilled.</summary>
    public const string DrillSourceStack = Namespace + ":drill.sourceStack";

    /// <summary>Drill stacks: region the drill recovers into.</summary>
    public const string DrillRegion = Namespace + ":drill.region";

    /// <summary>Drill stacks: the value of the source stack's output <paramref name="output"/> (secret when the output is).</summary>
    public static string Source(string output) => $"{Namespace}:source.{output}";

    /// <summary>
    /// <c>true</c> on stacks a drill created: teardown may destroy them. Config works on every backend; the stack tag
    /// <c>drkit:ephemeral</c> is set too where the backend supports tags (not on file://, s3://, azblob://, gs://).
    /// </summary>
    public const string Ephemeral = Namespace + ":ephemeral";

    /// <summary>ISO-8601 UTC expiry of an ephemeral stack, for cleanup jobs (also the tag <c>drkit:ttl</c> where tags work).</summary>
    public const string Ttl = Namespace + ":ttl";

    public static string Text(bool value) => value ? "true" : "false";

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
