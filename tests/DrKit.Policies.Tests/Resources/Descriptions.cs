using DrKit.Policies.Resources;

namespace DrKit.Policies.Tests.Resources;

/// <summary>Hand-built resource descriptions as the Pulumi adapter produces them.</summary>
internal static class Descriptions
{
    public static ResourceDescription Of(string type, string name, string? parent = null, params (string Key, object? Value)[] inputs) =>
        new(type, name, inputs.ToDictionary(i => i.Key, i => i.Value), parent);

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) => entries.ToDictionary(e => e.Key, e => e.Value);

    public static List<object?> List(params object?[] items) => [.. items];

    /// <summary>Findings of one rule for the last description, after the others were registered in order.</summary>
    public static List<Finding> Judge(PolicyRule rule, params ResourceDescription[] inOrder) => JudgeWith(rule, null, inOrder);

    public static List<Finding> JudgeWith(PolicyRule rule, Dictionary<string, string>? levels, params ResourceDescription[] inOrder)
    {
        var session = new ResourceRuleSession(new Core.Model.PolicySpec([], levels ?? [], TimeSpan.FromDays(90), TimeSpan.FromDays(90), null));
        List<Finding> last = [];
        foreach (var d in inOrder)
        {
            last = [.. session.Evaluate(d)];
        }

        return last.Where(f => f.RuleId == rule.Id).ToList();
    }
}
