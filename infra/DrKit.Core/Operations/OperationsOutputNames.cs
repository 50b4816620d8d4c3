namespace DrKit.Core.Operations;

/// <summary>
/// Flat stack output names operations read (docs/operations.md): <c>&lt;component&gt;.&lt;field&gt;</c> per data
/// component, and stack-wide <c>recovery.*</c>, <c>traffic.*</c> and <c>endpoint.&lt;region&gt;</c>.
/// </summary>
public static class OperationsOutputNames
{
    public static string PrimaryEndpoint(string component) => $"{component}.primaryEndpoint";

    public static string RecoveryEndpoint(string component) => $"{component}.recoveryEndpoint";

    public static string RecoveryRole(string component) => $"{component}.recoveryRole";

    public static string Fenced(string component) => $"{component}.fenced";

    public static string WriterRegion(string component) => $"{component}.writerRegion";

    public static string ReplicaLagSeconds(string component) => $"{component}.replicaLagSeconds";

    public static string ResyncLagSeconds(string component) => $"{component}.resyncLagSeconds";

    public static string RecoveryPoint(string component) => $"{component}.recoveryPoint";

    public const string RecoveryAvailable = "recovery.available";

    public const string RecoveryRunning = "recovery.running";

    public const string TrafficActiveRegion = "traffic.activeRegion";

    public const string TrafficPercent = "traffic.percent";

    public static string Endpoint(string region) => $"endpoint.{region}";
}
