using System.Globalization;
using DrKit.Core.Operations;

namespace DrKit.Operations.Contract;

/// <summary>
/// Config keys DR operations set on a stack and the AWS stack honours on its next <c>up</c>. They live in their
/// own <c>drkit-ops</c> namespace so the stack file's <c>drkit:*</c> DR intent (which <c>drkit plan</c> validates
/// strictly) stays untouched. Every key and value here is listed in docs/operations.md. The spellings live in
/// <see cref="OperationsKeys"/>, shared with the AWS stack that reads them; these are the full keys.
/// </summary>
public static class OpsConfig
{
    public const string Namespace = OperationsKeys.Namespace;

    /// <summary><c>true</c>: the recovery-region RDS read replica of Postgres component <paramref name="component"/> loses its replication source (promotion).</summary>
    public static string Promote(string component) => OperationsKeys.Full(OperationsKeys.Promote(component));

    /// <summary><c>true</c>: the primary-region writer of the component stops taking writes; <c>false</c> lets it take writes again.</summary>
    public static string Fence(string component) => OperationsKeys.Full(OperationsKeys.Fence(component));

    /// <summary>Region whose member holds the writer: the Redis Global Datastore primary, or the Postgres writer on failback.</summary>
    public static string WriterRegion(string component) => OperationsKeys.Full(OperationsKeys.WriterRegion(component));

    /// <summary>RDS: identifier of the failback's re-seeded writer in the primary region, which the stack adopts on its next <c>up</c>.</summary>
    public static string Adopt(string component) => OperationsKeys.Full(OperationsKeys.Adopt(component));

    /// <summary>RDS: <c>true</c> once the up that imported the adopted writer succeeded; the next up declares its final-snapshot settings.</summary>
    public static string Adopted(string component) => OperationsKeys.Full(OperationsKeys.Adopted(component));

    /// <summary>How many recovery compute instances (serving replicas, GPU nodes) run in the recovery region.</summary>
    public const string RecoveryRunning = Namespace + ":" + OperationsKeys.RecoveryRunning;

    /// <summary>Region that receives <see cref="TrafficPercent"/> percent of traffic.</summary>
    public const string TrafficActiveRegion = Namespace + ":" + OperationsKeys.TrafficActiveRegion;

    /// <summary>Percent (0..100) of traffic on <see cref="TrafficActiveRegion"/>; the rest goes to the other region.</summary>
    public const string TrafficPercent = Namespace + ":" + OperationsKeys.TrafficPercent;

    /// <summary>Drill stacks: <c>restore</c> (from backups/snapshots) or <c>promote</c> (a cross-region replica).</summary>
    /// <summary>
    /// S3 bucket in the recovery region holding operation leases and journal copies, so another operator can
    /// resume during an outage; optional (without it, leases and journals stay on the machine that ran).
    /// </summary>
    public const string StateBucket = Namespace + ":stateBucket";

    public const string DrillMode = Namespace + ":" + OperationsKeys.DrillMode;

    /// <summary>Drill stacks: the stack being drilled.</summary>
    public const string DrillSourceStack = Namespace + ":" + OperationsKeys.DrillSourceStack;

    /// <summary>Drill stacks: region the drill recovers into.</summary>
    public const string DrillRegion = Namespace + ":" + OperationsKeys.DrillRegion;

    /// <summary>Drill stacks: the value of the source stack's output <paramref name="output"/> (secret when the output is).</summary>
    public static string Source(string output) => OperationsKeys.Full(OperationsKeys.SourcePrefix + output);

    /// <summary>
    /// <c>true</c> on stacks a drill created: teardown may destroy them. Config works on every backend; the stack tag
    /// <c>drkit:ephemeral</c> is set too where the backend supports tags (not on file://, s3://, azblob://, gs://).
    /// </summary>
    public const string Ephemeral = Namespace + ":" + OperationsKeys.Ephemeral;

    /// <summary>ISO-8601 UTC expiry of an ephemeral stack, for cleanup jobs (also the tag <c>drkit:ttl</c> where tags work).</summary>
    public const string Ttl = Namespace + ":" + OperationsKeys.Ttl;

    /// <summary>
    /// CloudNativePG: the demotion token a fence or failback read from the cluster it demoted, kept in the Pulumi backend so
    /// a resumed run still promotes with it (without it the promotion is a failover that needs the old primary rebuilt).
    /// Operations read it back; the stack program does not.
    /// </summary>
    public static string DemotionToken(string component) => $"{Namespace}:demotionToken.{component}";

    /// <summary>
    /// Sentinel Redis: the master (<c>host:port</c>) a fence paused. The fence then stops that cluster's Sentinels, so a
    /// resumed run, which can no longer ask them, fences the same master again. Operations read it back; the stack does not.
    /// </summary>
    public static string FencedMaster(string component) => $"{Namespace}:fencedMaster.{component}";

    public static string Text(bool value) => value ? "true" : "false";

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
