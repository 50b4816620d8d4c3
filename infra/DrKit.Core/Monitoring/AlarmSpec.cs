using DrKit.Core.Objectives;

namespace DrKit.Core.Monitoring;

/// <summary>
/// How urgently an alarm needs a person, following the alert levels of the DR seed articles: critical needs an
/// immediate response (page), high a response within the hour, medium within four hours.
/// </summary>
public enum AlarmSeverity
{
    Medium,
    High,
    Critical,
}

/// <summary>What an alarm's dimensions name; the Pulumi shell fills in the ids of the resources it declared.</summary>
public enum AlarmTarget
{
    /// <summary><c>DBInstanceIdentifier</c> of the component's RDS read replica in the alarm's region.</summary>
    RdsReplica,

    /// <summary><c>CacheClusterId</c> of each member node of the component's secondary replication group (<see cref="AlarmSpec.MemberSuffixes"/>).</summary>
    GlobalDatastoreMembers,

    /// <summary><c>SourceBucket</c>, <c>DestinationBucket</c> and <c>RuleId</c> of the component's replication rule into the alarm's region.</summary>
    S3ReplicationRule,

    /// <summary><c>HealthCheckId</c> of the Route 53 health check of <see cref="AlarmSpec.Subject"/>'s endpoint.</summary>
    HealthCheck,

    /// <summary><c>CapacityReservationId</c> of the component's reservation in <see cref="AlarmSpec.Subject"/>.</summary>
    CapacityReservation,

    /// <summary><c>CanaryName</c> of the outage canary <see cref="AlarmSpec.Key"/> (<see cref="OutageCanary"/>), homed in the alarm's region.</summary>
    Canary,

    /// <summary>The <c>stack</c> and <c>component</c> dimensions of a <see cref="FreshnessProbe"/> metric; no resource id.</summary>
    Probe,
}

/// <summary>
/// One CloudWatch metric alarm, decided from the plan: which metric, where it lives, what breaches it and how
/// urgent that is. The shell only resolves <see cref="Target"/> to resource ids and declares it.
/// </summary>
/// <param name="Key">Stable short name, unique in the stack (<c>context-store-replica-lag-us-west-2</c>); part of the resource and alarm name.</param>
/// <param name="Region">Region the alarm and its notification topic live in: where CloudWatch publishes the metric.</param>
/// <param name="Subject">The region the watched resource serves (a health check's endpoint region, a reservation's region); often <see cref="Region"/>.</param>
public sealed record AlarmSpec(
    string Key,
    string Component,
    Tier Tier,
    AlarmSeverity Severity,
    string Region,
    string Subject,
    AlarmTarget Target,
    string Namespace,
    string MetricName,
    string Statistic,
    string ComparisonOperator,
    double Threshold,
    string Unit,
    int PeriodSeconds,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    string TreatMissingData,
    string Description)
{
    /// <summary>For <see cref="AlarmTarget.GlobalDatastoreMembers"/>: member cluster id suffixes appended to the replication group id.</summary>
    public IReadOnlyList<string> MemberSuffixes { get; init; } = [];

    /// <summary>For <see cref="AlarmTarget.S3ReplicationRule"/>: the replication rule id.</summary>
    public string? RuleId { get; init; }

    /// <summary>The alarm's name in CloudWatch: unique per account and region, so it carries the stack.</summary>
    public string AlarmName(string stack) => $"drkit-{stack}-{Key}";

    /// <summary>How long a breach must last before the alarm fires.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(PeriodSeconds * (long)EvaluationPeriods);
}
