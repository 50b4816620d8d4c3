namespace DrKit.Cli.Tests.Workflows;

/// <summary>Every <c>drkit</c> command a shipped workflow runs exists, with the options it is given.</summary>
public sealed class DrkitInvocationTests
{
    private static IEnumerable<TestCaseData> Invocations() =>
        WorkflowFile.Names.SelectMany(n => WorkflowFile.Load(n).DrkitInvocations()).Select(i => new TestCaseData(i).SetArgDisplayNames(i.ToString()));

    [TestCaseSource(nameof(Invocations))]
    public void Workflow_DrkitInvocation_IsAcceptedByTheCommandTree(DrkitInvocation invocation)
    {
        Assert.That(DrkitInvocationCheck.Problems(invocation.Args), Is.Empty, $"{invocation} should be a drkit command with options it takes");
    }

    [TestCase("drkit-pr.yml", "diff", "--format")]
    [TestCase("drkit-pr.yml", "check", "--format")]
    [TestCase("drkit-drill.yml", "drill", "--dry-run")]
    [TestCase("drkit-drill.yml", "drill", "--ttl")]
    public void Workflow_RunsTheDrkitCommand(string workflow, string command, string option)
    {
        var found = WorkflowFile.Load(workflow).DrkitInvocations().ToList();
        Assert.That(found.Any(i => i.Args[0] == command && i.Args.Contains(option)), Is.True,
            $"{workflow} should run drkit {command} {option}; found: {string.Join("; ", found)}");
    }

    [TestCase("drkit plan pilot-light --no-such-option", "--no-such-option")]
    [TestCase("drkit plan pilot-light --format yaml", "yaml")]
    [TestCase("drkit deploy pilot-light", "not a drkit command")]
    [TestCase("if ! drkit diff a.yaml; then exit 1; fi", "Required argument missing")]
    public void Check_InvocationDrkitWouldRefuse_IsReported(string script, string expected)
    {
        var (_, args) = ShellInvocations.Find(script).Single();
        Assert.That(string.Join("\n", DrkitInvocationCheck.Problems(args)), Does.Contain(expected), $"'{script}' must be reported");
    }

    [TestCase("set +e; drkit diff \"base/Pulumi.$stack.yaml\" \"$file\" --format markdown; code=$?", "diff|base/Pulumi.$stack.yaml|$file|--format|markdown")]
    [TestCase("dotnet drkit check pilot-light -f json > out.json 2>&1 && echo ok", "check|pilot-light|-f|json")]
    [TestCase("drkit drill \"$STACK\" \\\n  --ttl 3h | tee log", "drill|$STACK|--ttl|3h")]
    [TestCase("x=$(drkit plan primary --format json)", "plan|primary|--format|json")]
    public void Find_ShellLine_SplitsTheDrkitArguments(string script, string expected)
    {
        var found = ShellInvocations.Find(script).ToList();
        Assert.That(found.Select(f => string.Join('|', f.Args)), Is.EqualTo(new[] { expected }), $"the drkit words of: {script}");
    }

    [TestCase("echo \"run: drkit plan pilot-light\"")]
    [TestCase("./build.sh install global # then drkit plan")]
    public void Find_DrkitNotInCommandPosition_IsNotAnInvocation(string script)
    {
        Assert.That(ShellInvocations.Find(script), Is.Empty, $"no drkit command in: {script}");
    }
}
