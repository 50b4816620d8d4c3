using DrKit.Core.Model;

namespace DrKit.Policies.Resources;

/// <summary>
/// The resource rules over one stack run: each registered resource is judged against the rules and against the
/// resources registered before it, then remembered. Safe to call from several threads.
/// </summary>
public sealed class ResourceRuleSession
{
    private readonly List<ResourceDescription> seen = [];
    private readonly Lock gate = new();

    public ResourceRuleSession(PolicySpec policy)
    {
        Levels = new PolicyLevels(policy);
    }

    public PolicyLevels Levels { get; }

    public IReadOnlyList<ResourceDescription> Seen
    {
        get
        {
            lock (gate)
            {
                return [.. seen];
            }
        }
    }

    /// <summary>Findings for <paramref name="resource"/> at their resolved levels; disabled rules report nothing.</summary>
    public IReadOnlyList<Finding> Evaluate(ResourceDescription resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (gate)
        {
            var findings = new List<Finding>();
            foreach (var (rule, check) in ResourceRules.Checks)
            {
                findings.AddRange(check(resource, seen).Select(v => Levels.Judge(rule, v)).OfType<Finding>());
            }

            seen.Add(resource);
            return findings;
        }
    }
}
