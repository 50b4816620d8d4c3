using System.Net;
using DrKit.Cli;
using DrKit.Operations.Gateway;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests;

/// <summary><c>drkit switch-model</c>: exit codes, dry-run output, and real runs against the fake AWS CLI in a temporary project.</summary>
public sealed class SwitchModelCommandTests
{
    private const string Parameter = "/drkit/pilot-light/llm/active-provider";

    private string _project = null!;

    /// <summary>Every bundled rung declares a health check: without a client of their own, runs see them all healthy.</summary>
    private static readonly HttpClient AllHealthy = new(new Probes());

    private static CliHarness Cli(HttpClient? http = null) => new(new Mock<IStackGateway>(MockBehavior.Strict)) { Http = http ?? AllHealthy };

    /// <summary>Answers 503 for URLs containing one of <paramref name="down"/>, 200 otherwise.</summary>
    private sealed class Probes(params string[] down) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(down.Any(d => request.RequestUri!.AbsoluteUri.Contains(d, StringComparison.Ordinal)) ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
    }

    [SetUp]
    public void CopyProject()
    {
        // Real runs keep leases and journals under the project's .drkit folder: a copy keeps the repository clean.
        _project = Path.Combine(Path.GetTempPath(), $"drkit-switch-model-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(_project, "stacks"));
        File.Copy(Path.Combine(BundledStacks.Root, "Pulumi.yaml"), Path.Combine(_project, "Pulumi.yaml"));
        File.Copy(BundledStacks.Path("pilot-light"), StackFile("pilot-light"));
        File.Copy(Path.Combine(BundledStacks.Root, "stacks", "examples", "Pulumi.embedding-mismatch.yaml"), StackFile("embedding-mismatch"));
    }

    [TearDown]
    public void RemoveProject() => Directory.Delete(_project, recursive: true);

    private string StackFile(string stack) => Path.Combine(_project, "stacks", $"Pulumi.{stack}.yaml");

    private string Journal(string stack) => File.ReadAllText(Path.Combine(_project, ".drkit", "operations", $"{stack}.journal.jsonl"));

    [Test]
    public async Task DryRun_ShowsTheReadTheRuleAndThePutInTheServingRegionOnly()
    {
        var cli = Cli();

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"), "--dry-run", "--format", "markdown");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
            Assert.That(cli.Out, Does.Contain($"aws ssm get-parameter --name {Parameter} --query Parameter.Value --output text --region us-east-1"), "the active rung is read from SSM first");
            Assert.That(cli.Out, Does.Contain("the next rung after the active one in openai -> azure-eastus2 -> azure-westus -> self-hosted"), "the rule the run applies");
            Assert.That(cli.Out, Does.Contain($"aws ssm put-parameter --name {Parameter} --value <decided rung> --type String --overwrite --region us-east-1"), "the write, in the serving region");
            Assert.That(cli.Out, Does.Contain("SyncOtherRegions").And.Contain($"aws ssm put-parameter --name {Parameter} --value <decided rung> --type String --overwrite --region us-west-2"),
                "the idle recovery region's copy is written after the serving one, best effort");
            Assert.That(cli.Aws.Calls, Is.Empty, "a dry run calls nothing");
        });
    }

    [Test]
    public async Task DryRun_NamedRungThatBreaksRetrieval_ExitsWithFindingsNamingTheReembedding()
    {
        var cli = Cli();

        var exit = await cli.RunAsync("switch-model", StackFile("embedding-mismatch"), "--to", "azure-eastus2", "--dry-run", "--format", "markdown");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Findings), "refused: the fallback's embeddings do not fit the index");
            Assert.That(cli.Error, Does.Contain("Refused to switch to azure-eastus2").And.Contain("breaks retrieval").And.Contain("re-embedding"), "the reason and its cost");
            Assert.That(cli.Out, Does.Contain("--value azure-eastus2 --type String --overwrite --region us-east-1"), "the steps still show the write that was asked for");
            Assert.That(cli.Aws.Calls, Is.Empty, "a dry run calls nothing");
        });
    }

    [TestCase("--to", "anthropic")]
    [TestCase("--provider-down", "anthropic")]
    [TestCase("--region", "eu-west-1")]
    [TestCase("--component", "chat")]
    public async Task BadArgument_ExitsTwoAndChangesNothing(string option, string value)
    {
        var cli = Cli();

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"), option, value);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), cli.Error);
            Assert.That(cli.Error, Does.Contain(value).And.Contain("Nothing was changed"), "names the bad value");
            Assert.That(cli.Aws.Calls, Is.Empty, "nothing was called");
        });
    }

    [Test]
    public async Task ForceWithoutReason_ExitsTwo()
    {
        var cli = Cli();

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"), "--to", "self-hosted", "--force");

        Assert.That((exit, cli.Error.Contains("--force needs --reason", StringComparison.Ordinal)), Is.EqualTo((ExitCodes.BadInput, true)), cli.Error);
    }

    [Test]
    public async Task Run_MovesToTheNextRungAndReportsWhatSsmHolds()
    {
        var cli = Cli();
        cli.Aws.Parameters[("us-east-1", Parameter)] = "openai";

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"), "--operation-id", "switch-1");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Out + cli.Error);
            Assert.That(cli.Aws.Parameters[("us-east-1", Parameter)], Is.EqualTo("azure-eastus2"), "the hosted API's next rung");
            static string RegionOf(IReadOnlyList<string> c) => c.SkipWhile(a => a != "--region").ElementAtOrDefault(1) ?? string.Empty;
            Assert.That(cli.Aws.Calls.Where(c => c[0] == "ssm").Select(c => $"{c[1]} {RegionOf(c)}"),
                Is.EqualTo(new[] { "get-parameter us-east-1", "put-parameter us-east-1", "get-parameter us-east-1", "put-parameter us-west-2", "get-parameter us-west-2" }),
                "read the active rung, write and read back in the serving region, then keep the recovery region's copy equal");
            Assert.That(cli.Aws.Parameters[("us-west-2", Parameter)], Is.EqualTo("azure-eastus2"), "a later failover starts from the rung the chain runs on");
            Assert.That(cli.Out, Does.Contain("switched from openai to azure-eastus2 in us-east-1 (read back from SSM)"), "the summary states the real value");
            Assert.That(Journal("pilot-light"), Does.Contain("\"switch-1\"").And.Contain("SwitchModelProvider").And.Contain("Completed"), "the switch is journaled");
        });
    }

    [Test]
    public async Task Run_SkipsARungWhoseHealthCheckFails()
    {
        using var http = new HttpClient(new Probes("azure-eastus2"));
        var cli = Cli(http);
        cli.Aws.Parameters[("us-east-1", Parameter)] = "openai";

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Out + cli.Error);
            Assert.That(cli.Aws.Parameters[("us-east-1", Parameter)], Is.EqualTo("azure-westus"), "azure-eastus2's probe answers 503, so the next one is taken");
            Assert.That(cli.Out, Does.Contain("azure-eastus2 fails its health check"), "and says why");
        });
    }

    [Test]
    public async Task Run_ForcedOntoARungThatBreaksRetrieval_JournalsTheOverrideAndReason()
    {
        var cli = Cli();
        const string mismatch = "/drkit/embedding-mismatch/llm/active-provider";
        cli.Aws.Parameters[("us-east-1", mismatch)] = "openai";

        var refused = await cli.RunAsync("switch-model", StackFile("embedding-mismatch"), "--to", "azure-eastus2");
        var untouched = cli.Aws.Parameters[("us-east-1", mismatch)];
        var forced = await cli.RunAsync("switch-model", StackFile("embedding-mismatch"), "--to", "azure-eastus2", "--force", "--reason", "OpenAI down for hours; retrieval off is acceptable");

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(ExitCodes.Findings), "refused without --force");
            Assert.That(untouched, Is.EqualTo("openai"), "a refused switch writes nothing");
            Assert.That(forced, Is.EqualTo(ExitCodes.Ok), cli.Out + cli.Error);
            Assert.That(cli.Aws.Parameters[("us-east-1", mismatch)], Is.EqualTo("azure-eastus2"), "forced through");
            Assert.That(Journal("embedding-mismatch"), Does.Contain("Forced").And.Contain("breaks retrieval").And.Contain("retrieval off is acceptable"), "what was overridden and why, journaled");
            Assert.That(cli.Out, Does.Contain("FORCED over"), "and reported");
        });
    }

    [Test]
    public async Task Run_WhenTheWriteFails_ExitsThreeNamingTheCause()
    {
        var cli = Cli();
        cli.Aws.Parameters[("us-east-1", Parameter)] = "openai";
        cli.Aws.PutParameterError = "AccessDeniedException";

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed), cli.Out);
            Assert.That(cli.Out, Does.Contain("AccessDeniedException").And.Contain("still uses the rung the parameter held before"), "cause and consequence");
        });
    }

    [Test]
    public async Task Run_AfterAFailedWrite_ResumeFinishesTheSwitchUnderTheLeasesOperationId()
    {
        var cli = Cli();
        cli.Aws.Parameters[("us-east-1", Parameter)] = "openai";
        cli.Aws.PutParameterError = "ThrottlingException";
        var failed = await cli.RunAsync("switch-model", StackFile("pilot-light"), "--operation-id", "switch-9");
        cli.Aws.PutParameterError = null;

        var resumed = await cli.RunAsync("switch-model", StackFile("pilot-light"), "--resume");

        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.EqualTo(ExitCodes.Failed), cli.Out);
            Assert.That(resumed, Is.EqualTo(ExitCodes.Ok), cli.Out + cli.Error);
            Assert.That(cli.Aws.Parameters[("us-east-1", Parameter)], Is.EqualTo("azure-eastus2"), "the resumed run read SSM again and wrote the rung");
            Assert.That(Journal("pilot-light"), Does.Contain("\"switch-9\"").And.Contain("Failed").And.Contain("Completed"), "the lease kept by the failed run names its operation; --resume continues it under that id");
        });
    }

    [Test]
    public async Task Run_OtherRegionUnreachable_IsReportedAndNeverFailsTheSwitch()
    {
        var cli = Cli();
        cli.Aws.Parameters[("us-east-1", Parameter)] = "openai";
        cli.Aws.PutParameterErrorIn = "us-west-2";
        cli.Aws.PutParameterError = "Could not connect to the endpoint URL";

        var exit = await cli.RunAsync("switch-model", StackFile("pilot-light"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), "the serving region switched: " + cli.Out + cli.Error);
            Assert.That(cli.Aws.Parameters[("us-east-1", Parameter)], Is.EqualTo("azure-eastus2"), "the serving region moved");
            Assert.That(cli.Out, Does.Contain("Not written in us-west-2"), "the missed region is named");
        });
    }
}
