using System.Net;
using DrKit.Failover;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>Failback puts the model-provider chain back on its primary rung, after the primary provider's health check passes.</summary>
public sealed class FailbackModelProviderTests
{
    private const string Parameter = "/drkit/pilot-light/llm/active-provider";

    private sealed class Status(HttpStatusCode code) : HttpMessageHandler
    {
        public List<Uri> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(code));
        }
    }

    private static FailbackHarness FailedOverOntoAzure(HttpClient? health)
    {
        var harness = new FailbackHarness { Models = true, Health = health };
        harness.Aws.Parameters[(PilotLightProgram.Recovery, Parameter)] = "azure-eastus2";
        harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)] = "openai";
        return harness;
    }

    [Test]
    public void DryRun_ShowsTheHealthCheckThenTheWritesInBothRegions()
    {
        var step = FailbackProgram.Plan(BundledStacks.Topology("pilot-light"), FailbackHarness.Settings).Last();
        Assert.Multiple(() =>
        {
            Assert.That(step.Name, Is.EqualTo(FailbackProgram.ResetModelProvider), "the last step, after the writers return");
            Assert.That(step.Calls, Does.StartWith("GET https://api.use1.assistant.example.com/healthz/providers/openai (2xx = openai healthy)"), "the primary provider is verified first");
            Assert.That(step.Calls, Does.Contain($"aws ssm put-parameter --name {Parameter} --value openai --type String --overwrite --region us-east-1")
                .And.Contain($"aws ssm put-parameter --name {Parameter} --value openai --type String --overwrite --region us-west-2"), "both regions' copies go back to the primary rung");
        });
    }

    [Test]
    public async Task Run_PrimaryHealthy_PutsTheChainBackOnItsPrimaryRung()
    {
        using var handler = new Status(HttpStatusCode.OK);
        using var http = new HttpClient(handler);
        var harness = FailedOverOntoAzure(http);

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(handler.Asked, Has.Some.Property(nameof(Uri.AbsoluteUri)).EqualTo("https://api.use1.assistant.example.com/healthz/providers/openai"), "the primary's health check was asked");
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Recovery, Parameter)], Is.EqualTo("openai"), "the recovery region's copy is reset");
            Assert.That(result.Steps.Single(s => s.Name == FailbackProgram.ResetModelProvider).Outcome, Is.EqualTo(StepOutcome.Completed), "the step completed");
            Assert.That(result.Summary, Does.Contain("Model providers back: llm on openai (read back from SSM)"), "the summary says so");
        });
    }

    [Test]
    public async Task Run_PrimaryUnhealthy_LeavesTheChainOnItsFallbackAndSaysHowToMoveItBack()
    {
        using var http = new HttpClient(new Status(HttpStatusCode.ServiceUnavailable));
        var harness = FailedOverOntoAzure(http);

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), "the region is back either way: " + result.Summary);
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Recovery, Parameter)], Is.EqualTo("azure-eastus2"), "nothing is reset while openai fails its check");
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)], Is.EqualTo("azure-eastus2"), "the returned primary region serves on the recovery region's rung, not the stale one");
            Assert.That(harness.Aws.Calls.Where(c => c is ["ssm", "put-parameter", ..] && FakeAws.Value(c, "--name").EndsWith("/active-provider", StringComparison.Ordinal)).Select(c => c.SkipWhile(a => a != "--region").ElementAt(1)), Is.EqualTo(new[] { PilotLightProgram.Primary }),
                "the only write is the alignment of the primary region");
            Assert.That(result.Summary, Does.Contain("openai fails its health check").And.Contain("drkit switch-model pilot-light --component llm --to openai"), "what to run once it serves");
        });
    }

    [Test]
    public async Task Run_AlignsThePrimaryRegionsSwitchBeforeAnyTrafficReturns()
    {
        using var http = new HttpClient(new Status(HttpStatusCode.OK));
        var harness = FailedOverOntoAzure(http);

        var result = await harness.RunAsync();

        var names = result.Steps.Select(s => s.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(names.IndexOf(FailbackProgram.AlignModelProvider), Is.GreaterThanOrEqualTo(0).And.LessThan(names.IndexOf(FailbackProgram.WeightsToRecovery)),
                "the primary's switch holds the recovery region's rung before weights or routing controls send a user back");
            Assert.That(result.Steps.Single(s => s.Name == FailbackProgram.AlignModelProvider).Detail, Does.Contain($"{Parameter} in {PilotLightProgram.Primary} = azure-eastus2"), "read back from SSM");
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)], Is.EqualTo("openai"), "then, with openai healthy, every region goes back to it");
        });
    }

    [Test]
    public void DryRun_ShowsTheAlignmentBeforeTheTrafficSteps()
    {
        var names = FailbackProgram.Plan(BundledStacks.Topology("pilot-light"), FailbackHarness.Settings).Select(s => s.Name).ToList();
        Assert.That(names.IndexOf(FailbackProgram.AlignModelProvider), Is.EqualTo(names.IndexOf(FailbackProgram.WeightsToRecovery) - 1), "listed where the run takes it");
    }
    [Test]
    public async Task Run_AnotherRecoveryRegionUnwritable_IsAlignedBestEffort_AndTrafficStillReturns()
    {
        using var http = new HttpClient(new Status(HttpStatusCode.ServiceUnavailable));
        var harness = new FailbackHarness { Models = true, Health = http, Topology = t => t with { OtherRegions = ["us-west-1"] } };
        harness.Aws.Parameters[(PilotLightProgram.Recovery, Parameter)] = "azure-eastus2";
        harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)] = "openai";
        harness.Aws.PutParameterError = "Could not connect to the endpoint URL";
        harness.Aws.PutParameterErrorIn = "us-west-1";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), "users return to the primary, not to us-west-1: " + result.Summary);
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)], Is.EqualTo("azure-eastus2"), "the primary region, where users return, is aligned");
            Assert.That(result.Steps.Single(s => s.Name == FailbackProgram.AlignModelProvider).Detail, Does.Contain("in us-west-1 NOT aligned (best effort"), "the other region's failure is reported");
        });
    }

    [Test]
    public async Task Run_ResetWriteFailingInOneRegion_StillWritesTheOthersAndReportsIt()
    {
        using var http = new HttpClient(new Status(HttpStatusCode.OK));
        var harness = new FailbackHarness { Models = true, Health = http, Topology = t => t with { OtherRegions = ["us-west-1"] } };
        harness.Aws.Parameters[(PilotLightProgram.Recovery, Parameter)] = "azure-eastus2";
        harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)] = "openai";
        harness.Aws.PutParameterError = "Could not connect to the endpoint URL";
        harness.Aws.PutParameterErrorIn = PilotLightProgram.Recovery;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), "the writers and traffic are back: " + result.Summary);
            Assert.That(harness.Aws.Parameters[("us-west-1", Parameter)], Is.EqualTo("openai"), "the write after the failed one still ran");
            Assert.That(harness.Aws.Parameters[(PilotLightProgram.Primary, Parameter)], Is.EqualTo("openai"), "the primary region is back on the primary rung");
            Assert.That(result.Summary, Does.Contain($"llm in {PilotLightProgram.Recovery} NOT written (").And.Contain("Could not connect to the endpoint URL"), "the failed region is reported by chain and region");
        });
    }

    [Test]
    public async Task Run_PrimaryRegionUnwritable_StopsBeforeTrafficMoves()
    {
        using var http = new HttpClient(new Status(HttpStatusCode.OK));
        var harness = FailedOverOntoAzure(http);
        harness.Aws.PutParameterError = "AccessDeniedException";
        harness.Aws.PutParameterErrorIn = PilotLightProgram.Primary;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "users would return to a stale rung");
            Assert.That(result.Steps.Select(s => s.Name), Does.Not.Contain(FailbackProgram.WeightsToRecovery), "nothing moved");
        });
    }
}
