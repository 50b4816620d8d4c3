using DrKit.Core.Planning;
using DrKit.Policies.Resources;

namespace DrKit.Policies.Pulumi;

/// <summary>DrKit's resource rules as a Pulumi stack transformation.</summary>
public static class PolicyTransformation
{
    /// <summary>
    /// Stack-wide transformation enforcing DrKit's resource rules at the levels the plan's policy settings give:
    /// mandatory violations fail the run (RunException naming resource, rule and fix); advisory ones are logged as warnings.
    /// </summary>
    public static global::Pulumi.ResourceTransformation ForPlan(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var session = new ResourceRuleSession(plan.Policy);
        if (session.Levels.ConfigFindings.Count > 0)
        {
            throw PolicyViolationException.For($"stack {plan.Stack} policy settings", session.Levels.ConfigFindings);
        }

        return args =>
        {
            // The stack's own options carry this transformation, so it is offered the Stack first; providers hold no data.
            if (args.Resource is global::Pulumi.Stack or global::Pulumi.ProviderResource)
            {
                return null;
            }

            var description = ArgsReader.Describe(args);
            var findings = session.Evaluate(description);
            foreach (var advisory in findings.Where(f => f.Level == PolicyLevel.Advisory))
            {
                global::Pulumi.Log.Warn($"DrKit policy (advisory): {advisory}");
            }

            var mandatory = findings.Where(f => f.Level == PolicyLevel.Mandatory).ToList();
            if (mandatory.Count > 0)
            {
                throw PolicyViolationException.For(description.ToString(), mandatory);
            }

            return null;
        };
    }
}

/// <summary>A mandatory DrKit policy violation; a <see cref="global::Pulumi.RunException"/> so Pulumi reports the message alone.</summary>
public sealed class PolicyViolationException : global::Pulumi.RunException
{
    public PolicyViolationException(string message)
        : base(message)
    {
    }

    public PolicyViolationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal static PolicyViolationException For(string subject, IReadOnlyCollection<Finding> findings) =>
        new($"DrKit policy: {subject} violates {findings.Count} mandatory rule{(findings.Count == 1 ? string.Empty : "s")}:\n"
            + string.Join("\n", findings.Select(f => $"  {f}")));
}
