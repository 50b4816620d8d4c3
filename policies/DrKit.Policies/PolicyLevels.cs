using DrKit.Core.Model;

namespace DrKit.Policies;

/// <summary>
/// Resolves each rule's level from the stack's <c>drkit:policy.rules</c> overrides and the rule defaults. An
/// override names one level for the whole rule (all tiers); a key naming no rule is itself a finding.
/// </summary>
public sealed class PolicyLevels
{
    private readonly Dictionary<string, PolicyLevel> overrides = new(StringComparer.Ordinal);
    private readonly List<Finding> configFindings = [];

    public PolicyLevels(PolicySpec policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var (id, text) in policy.RuleLevels)
        {
            if (RuleCatalog.Find(id) is null)
            {
                var rule = RuleCatalog.KnownRuleIds;
                configFindings.Add(new Finding(rule.Id, PolicyLevel.Mandatory, rule.Severity, $"drkit:policy.rules.{id}",
                    $"'{id}' names no DrKit policy rule (known: {string.Join(", ", RuleCatalog.All.Select(r => r.Id))})", rule.Fix));
                continue;
            }

            overrides[id] = Parse(text);
        }
    }

    /// <summary>Findings about the overrides themselves (unknown rule ids).</summary>
    public IReadOnlyList<Finding> ConfigFindings => configFindings;

    public PolicyLevel For(PolicyRule rule, Violation violation)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(violation);
        var level = overrides.TryGetValue(rule.Id, out var o) ? o : rule.DefaultFor(violation.Tier);
        return violation.Unverifiable && level == PolicyLevel.Mandatory ? PolicyLevel.Advisory : level;
    }

    public Finding? Judge(PolicyRule rule, Violation violation)
    {
        var level = For(rule, violation);
        return level == PolicyLevel.Disabled ? null : new Finding(rule.Id, level, rule.Severity, violation.Subject, violation.Message, rule.Fix);
    }

    public static PolicyLevel Parse(string text) => text switch
    {
        "mandatory" => PolicyLevel.Mandatory,
        "advisory" => PolicyLevel.Advisory,
        "disabled" => PolicyLevel.Disabled,
        _ => throw new ArgumentException($"expected mandatory, advisory or disabled, got '{text}'", nameof(text)),
    };

    public static string Name(PolicyLevel level) => level.ToString().ToLowerInvariant();
}
