namespace DrKit.Policies;

/// <summary>Every finding of one evaluation, mandatory first.</summary>
public sealed record PolicyReport(string Stack, IReadOnlyList<Finding> Findings, int RulesEvaluated)
{
    public IEnumerable<Finding> Mandatory => Findings.Where(f => f.Level == PolicyLevel.Mandatory);

    public IEnumerable<Finding> Advisory => Findings.Where(f => f.Level == PolicyLevel.Advisory);

    public bool HasMandatoryViolations => Mandatory.Any();
}
