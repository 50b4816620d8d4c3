using DrKit.Core.Planning;
using DrKit.Policies.Plan;
using DrKit.Policies.Resources;

namespace DrKit.Policies;

/// <summary>Evaluates the plan rules of a stack at the levels its policy settings give.</summary>
public sealed class PolicyEvaluator(PolicyContext context)
{
    public PolicyEvaluator(TimeProvider time)
        : this(new PolicyContext(time))
    {
    }

    public PolicyReport Evaluate(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var levels = new PolicyLevels(plan.Policy);
        var findings = new List<Finding>(levels.ConfigFindings);
        foreach (var (rule, check) in PlanRules.Checks)
        {
            findings.AddRange(check(plan, context).Select(v => levels.Judge(rule, v)).OfType<Finding>());
        }

        return new PolicyReport(plan.Stack, Order(findings), PlanRules.Checks.Count + 1);
    }

    /// <summary>Judges resource descriptions in registration order, as a stack run would.</summary>
    public static PolicyReport EvaluateResources(string stack, Core.Model.PolicySpec policy, IEnumerable<ResourceDescription> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var session = new ResourceRuleSession(policy);
        var findings = new List<Finding>(session.Levels.ConfigFindings);
        foreach (var resource in resources)
        {
            findings.AddRange(session.Evaluate(resource));
        }

        return new PolicyReport(stack, Order(findings), ResourceRules.Checks.Count + 1);
    }

    private static List<Finding> Order(IEnumerable<Finding> findings) =>
        findings.Select((f, i) => (f, i)).OrderByDescending(x => x.f.Level).ThenBy(x => x.i).Select(x => x.f).ToList();
}
