using DrKit.Core.Objectives;

namespace DrKit.Policies;

/// <summary>How a finding is enforced: mandatory fails the check or the deployment, advisory is reported only.</summary>
public enum PolicyLevel
{
    Disabled,
    Advisory,
    Mandatory,
}

/// <summary>How much damage the violated rule lets through in a disaster.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>What a rule looks at: the decided plan, or the resources a Pulumi program registers.</summary>
public enum RuleScope
{
    Plan,
    Resource,
}

/// <summary>
/// A DR policy rule. <paramref name="Id"/> is permanent (stack configs name it). A stack overrides the level with
/// <c>drkit:policy.rules.&lt;id&gt;</c>; the override replaces every default, including a per-tier one.
/// </summary>
public sealed record PolicyRule(string Id, string Description, Severity Severity, PolicyLevel DefaultLevel, string Fix, RuleScope Scope)
{
    /// <summary>Default level for critical-tier subjects when it differs from <see cref="DefaultLevel"/>.</summary>
    public PolicyLevel? CriticalTierLevel { get; init; }

    public PolicyLevel DefaultFor(Tier? tier) => tier == Tier.Critical && CriticalTierLevel is { } critical ? critical : DefaultLevel;
}

/// <summary>One thing a rule found wrong, before levels apply.</summary>
/// <param name="Subject">The component, region, resource or config key at fault.</param>
/// <param name="Tier">The subject's tier when the rule's default level depends on it.</param>
/// <param name="Unverifiable">The value was not known when checked: never worse than advisory.</param>
public sealed record Violation(string Subject, string Message, Tier? Tier = null, bool Unverifiable = false);

/// <summary>A reported violation: rule, level, subject, what is wrong and how to fix it.</summary>
public sealed record Finding(string RuleId, PolicyLevel Level, Severity Severity, string Subject, string Message, string Fix)
{
    /// <summary>One line that names the rule, the subject and the fix (logs, exceptions, plain output).</summary>
    public override string ToString() => $"[{RuleId}] {Subject}: {Message}. Fix: {Fix}";
}
