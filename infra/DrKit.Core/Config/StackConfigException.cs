namespace DrKit.Core.Config;

/// <summary>One problem in a stack's configuration: where, which key, what was expected.</summary>
public sealed record ConfigProblem(ConfigLocation Location, string KeyPath, string Message)
{
    public override string ToString() => $"{Location}: {KeyPath}: {Message}";
}

/// <summary>Thrown when a stack's configuration cannot be used; carries every problem found, not just the first.</summary>
public sealed class StackConfigException : Exception
{
    public StackConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public StackConfigException(ConfigProblem problem)
        : this([problem])
    {
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }
}
