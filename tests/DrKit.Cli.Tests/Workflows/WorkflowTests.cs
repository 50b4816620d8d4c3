using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DrKit.Cli.Tests.Workflows;

/// <summary>The shipped GitHub workflows: they parse, trigger where they should, and follow the supply-chain rules.</summary>
public sealed partial class WorkflowTests
{
    private static IEnumerable<string> Workflows() => WorkflowFile.Names;

    [TestCaseSource(nameof(Workflows))]
    public void Workflow_Parses_WithJobsAndSteps(string name)
    {
        var workflow = WorkflowFile.Load(name);
        Assert.That(workflow.Steps().Count(), Is.GreaterThan(0), $"{name} should declare jobs with steps");
    }

    [Test]
    public void PullRequestWorkflow_RunsOnChangesToStacksAndInfra()
    {
        var on = WorkflowFile.Map(WorkflowFile.Load("drkit-pr.yml").Root, "on");
        var paths = ((YamlSequenceNode)WorkflowFile.Node(WorkflowFile.Map(on, "pull_request"), "paths")!).Children.Select(p => ((YamlScalarNode)p).Value).ToList();
        Assert.That(paths, Is.SupersetOf(new[] { "stacks/**", "infra/**" }), "a pull request touching stacks/ or infra/ must run the DR preview");
    }

    [Test]
    public void PullRequestWorkflow_PreviewsEachChangedStackWithThePulumiAction()
    {
        var workflow = WorkflowFile.Load("drkit-pr.yml");
        var preview = workflow.Steps().Where(s => s.Job == "preview").Select(s => s.Step).Single(s => WorkflowFile.Scalar(s, "uses")?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);
        var with = WorkflowFile.Map(preview, "with");
        var matrix = WorkflowFile.Map(WorkflowFile.Map((YamlMappingNode)workflow.Jobs.Children[new YamlScalarNode("preview")], "strategy"), "matrix");
        Assert.Multiple(() =>
        {
            Assert.That(WorkflowFile.Scalar(with, "command"), Is.EqualTo("preview"), "the Pulumi action runs a preview, never an update");
            Assert.That(WorkflowFile.Scalar(with, "stack-name"), Is.EqualTo("${{ matrix.stack }}"), "one preview per stack in the matrix");
            Assert.That(WorkflowFile.Scalar(matrix, "stack"), Does.Contain("needs.changes.outputs.stacks"), "the matrix is the stacks the change touches");
        });
    }

    [Test]
    public void PullRequestWorkflow_UpdatesOneMarkedComment()
    {
        var workflow = WorkflowFile.Load("drkit-pr.yml");
        var scripts = string.Join('\n', workflow.Steps().Where(s => s.Job == "comment").Select(s => WorkflowFile.Scalar(s.Step, "run") ?? string.Empty));
        Assert.Multiple(() =>
        {
            Assert.That(scripts, Does.Contain("echo \"<!-- drkit -->\""), "the comment starts with the marker it is found by");
            Assert.That(scripts, Does.Contain("startswith(\"<!-- drkit -->\")"), "an existing comment is found by its marker");
            Assert.That(scripts, Does.Contain("--method PATCH"), "a comment already there is edited in place");
        });
    }

    [Test]
    public void DrillWorkflow_RunsOnAScheduleAndKeepsTheHistory()
    {
        var workflow = WorkflowFile.Load("drkit-drill.yml");
        var on = WorkflowFile.Map(workflow.Root, "on");
        var scripts = string.Join('\n', workflow.Steps().Select(s => WorkflowFile.Scalar(s.Step, "run") ?? string.Empty));
        Assert.Multiple(() =>
        {
            Assert.That(WorkflowFile.Node(on, "schedule"), Is.InstanceOf<YamlSequenceNode>(), "the drill runs on a schedule");
            Assert.That(scripts, Does.Contain("git push origin HEAD:refs/heads/drkit-drill-history"), "each run's history is pushed to the history branch");
        });
    }

    [Test]
    public void DrillWorkflow_TearsDownTheDrillStack_WhenTheJobIsCancelledOrFails()
    {
        var workflow = WorkflowFile.Load("drkit-drill.yml");
        var steps = workflow.Steps().Select(s => (If: WorkflowFile.Scalar(s.Step, "if") ?? string.Empty, Run: WorkflowFile.Scalar(s.Step, "run") ?? string.Empty)).ToList();
        var drill = steps.Single(s => s.Run.StartsWith("drkit drill \"$STACK\" --ttl", StringComparison.Ordinal));
        var teardown = steps.SingleOrDefault(s => s.Run.Contains("drkit teardown", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(drill.Run, Does.Contain("--drill-stack-file \"$RUNNER_TEMP/drill-stack\""), "the drill names its stack before creating it");
            Assert.That(teardown.If, Does.Contain("cancelled()").And.Contain("failure()"),
                "a cancelled job kills drkit about 10 s after its first signal, before the drill's own teardown ends");
            Assert.That(teardown.Run, Does.Contain("$RUNNER_TEMP/drill-stack").And.Contain("pulumi cancel"), "it tears down the stack the drill named, unlocked first");
        });
    }

    [TestCaseSource(nameof(Workflows))]
    public void Workflow_Actions_ArePinnedToACommit(string name)
    {
        var uses = WorkflowFile.Load(name).Scalars().Where(s => s.Path.EndsWith(".uses", StringComparison.Ordinal)).ToList();
        Assert.That(uses, Is.Not.Empty, $"{name} uses actions");
        foreach (var (path, value) in uses)
        {
            Assert.That(PinnedAction().IsMatch(value), Is.True, $"{name} {path}: '{value}' should name a full 40-character commit, not a tag or branch");
        }
    }

    [TestCaseSource(nameof(Workflows))]
    public void Workflow_Permissions_AreNoneByDefaultAndGrantedPerJob(string name)
    {
        var workflow = WorkflowFile.Load(name);
        Assert.That(WorkflowFile.Node(workflow.Root, "permissions"), Is.InstanceOf<YamlMappingNode>().With.Property("Children").Empty, $"{name}: the workflow-wide token has no permissions");
        foreach (var (jobName, job) in workflow.Jobs.Children.Select(j => (((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value)))
        {
            var permissions = WorkflowFile.Map(job, "permissions");
            foreach (var (scope, level) in permissions.Children.Select(p => (((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!)))
            {
                Assert.That(level, Is.AnyOf("read", "write", "none"), $"{name} {jobName}: {scope}");
                if (level == "write")
                {
                    Assert.That(AllowedWrites, Does.Contain((name, jobName, scope)), $"{name} job {jobName} should not need {scope}: write");
                }
            }
        }
    }

    [TestCaseSource(nameof(Workflows))]
    public void Workflow_Secrets_AreReferencedByName(string name)
    {
        var secrets = WorkflowFile.Load(name).Scalars()
            .SelectMany(s => Expression().Matches(s.Value).Select(m => (s.Path, m.Value)))
            .Where(e => e.Value.Contains("secrets", StringComparison.Ordinal))
            .ToList();
        Assert.That(secrets, Is.Not.Empty, $"{name} reads secrets");
        foreach (var (path, value) in secrets)
        {
            Assert.That(SecretReference().IsMatch(value), Is.True, $"{name} {path}: '{value}' should be exactly ${{{{ secrets.NAME }}}}, never the whole secrets context");
        }
    }

    // The writes the workflows need: comment on the pull request, assume the AWS role, push the drill history.
    private static readonly (string, string, string)[] AllowedWrites =
    [
        ("drkit-pr.yml", "comment", "pull-requests"),
        ("drkit-pr.yml", "preview", "id-token"),
        ("drkit-drill.yml", "drill", "id-token"),
        ("drkit-drill.yml", "drill", "contents"),
    ];

    [GeneratedRegex("^[A-Za-z0-9-]+/[A-Za-z0-9._/-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^\$\{\{ secrets\.[A-Z][A-Z0-9_]* \}\}$")]
    private static partial Regex SecretReference();
}
