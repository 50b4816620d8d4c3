using DrKit.Core.Providers;
using DrKit.Failover;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class ModelProviderSwitchTests
{
    private const string Parameter = "/drkit/pilot-light/llm/active-provider";

    private static FailoverSettings Settings(params string[] down) => new() { OperationId = "failover-test", ProvidersDown = down };

    [Test]
    public void DryRun_ShowsThePutParameterInTheRecoveryRegionAndTheReadBack()
    {
        var steps = FailoverProgram.Plan(BundledStacks.Topology("pilot-light"), Settings());
        var step = steps.Single(s => s.Name == FailoverProgram.SwitchModelProvider);
        Assert.That(steps.Select(s => s.Name).SkipWhile(n => n != FailoverProgram.SwitchModelProvider).ElementAtOrDefault(1), Is.EqualTo("ShiftTraffic"), "the dry run lists the switch where the run takes it: just before traffic");
        Assert.Multiple(() =>
        {
            Assert.That(step.Calls, Does.StartWith($"aws ssm put-parameter --name {Parameter} --value openai --type String --overwrite --region us-west-2"), "a data call to the region being activated");
            Assert.That(step.Calls, Does.Contain($"read back 'aws ssm get-parameter --name {Parameter} --query Parameter.Value --output text --region us-west-2' = openai"), "the value is read back from SSM");
            Assert.That(step.Calls, Does.Not.Contain("--region us-east-1"), "nothing is asked of the failed region");
        });
    }

    [Test]
    public void DryRun_WithTheHostedApiDown_SwitchesToTheFirstAzureRung()
    {
        var step = FailoverProgram.Plan(BundledStacks.Topology("pilot-light"), Settings("openai")).Single(s => s.Name == FailoverProgram.SwitchModelProvider);
        Assert.That(step.Calls, Does.Contain("--value azure-eastus2").And.Contain("openai is down"), "the next rung, and why");
    }

    [Test]
    public async Task Flip_WritesTheRecoveryRegionOnlyAndReportsWhatSsmHolds()
    {
        var aws = new FakeAws();
        var target = new ProviderSwitch("llm", Parameter, "us-west-2", "azure-eastus2", "openai is down");
        var detail = await new ModelProviderSwitch(aws).FlipAsync(target, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(aws.Parameters[("us-west-2", Parameter)], Is.EqualTo("azure-eastus2"), "the parameter holds the new rung");
            Assert.That(aws.Calls.Select(c => c[1]), Is.EqualTo(new[] { "put-parameter", "get-parameter" }), "write, then read back");
            Assert.That(aws.Calls, Has.All.Matches<IReadOnlyList<string>>(c => c.SkipWhile(a => a != "--region").ElementAtOrDefault(1) == "us-west-2"), "every call goes to the recovery region");
            Assert.That(detail, Is.EqualTo($"llm: {Parameter} in us-west-2 = azure-eastus2"), "the record states the value read back");
        });
    }

    [Test]
    public void Flip_WhenThePutFails_SaysTheOldRungStillServes()
    {
        var aws = new FakeAws { PutParameterError = "AccessDeniedException" };
        var target = new ProviderSwitch("llm", Parameter, "us-west-2", "azure-eastus2", "openai is down");
        var error = Assert.ThrowsAsync<CloudCommandFailedException>(() => new ModelProviderSwitch(aws).FlipAsync(target, CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("AccessDeniedException").And.Contain("still uses the rung the parameter held before"), "the failure names the cause and the consequence");
    }

    [Test]
    public async Task Failover_FlipsTheSwitchJustBeforeTrafficShifts()
    {
        var ssm = new FakeAws();
        var result = await new AwsFailoverHarness { Models = new ModelProviderSwitch(ssm) }.RunAsync(Settings("openai"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            var names = result.Steps.Select(s => s.Name).ToList();
            Assert.That(names.IndexOf(FailoverProgram.SwitchModelProvider), Is.EqualTo(names.IndexOf("ShiftTraffic") - 1),
                "the recovery region's application is on a surviving rung before users arrive, not only after verification");
            Assert.That(result.Steps.Single(s => s.Name == FailoverProgram.SwitchModelProvider).Outcome, Is.EqualTo(StepOutcome.Completed), "and completes");
            Assert.That(ssm.Parameters[("us-west-2", Parameter)], Is.EqualTo("azure-eastus2"), "the recovery region's application now uses Azure");
        });
    }

    [Test]
    public async Task Failover_WhenTheSwitchFails_IsFailedAndSaysWhatIsDone()
    {
        var result = await new AwsFailoverHarness { Models = new ModelProviderSwitch(new FakeAws { PutParameterError = "ThrottlingException" }) }.RunAsync(Settings());
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Failed), "the service would keep calling the old provider");
            Assert.That(result.Summary, Does.Contain("model-provider switch failed").And.Contain("ThrottlingException"), "says what failed and what is already done");
        });
    }

    private sealed class ProviderProbes(params string[] down) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(down.Any(d => request.RequestUri!.AbsolutePath.EndsWith("/providers/" + d, StringComparison.Ordinal))
                ? System.Net.HttpStatusCode.ServiceUnavailable : System.Net.HttpStatusCode.OK));
    }

    [Test]
    public async Task Failover_ChainAnOperatorSwitchedEarlier_StaysOnThatRung()
    {
        var ssm = new FakeAws();
        ssm.Parameters[("us-west-2", Parameter)] = "azure-eastus2";
        var result = await new AwsFailoverHarness { Models = new ModelProviderSwitch(ssm) }.RunAsync(Settings());
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(ssm.Parameters[("us-west-2", Parameter)], Is.EqualTo("azure-eastus2"), "openai was switched away from; the failover must not send users back to it");
            Assert.That(result.Steps.Single(s => s.Name == ModelSwitchProgram.ReadActive).Detail, Does.Contain($"{Parameter} in us-west-2 = azure-eastus2"), "the value read, in the recovery region");
            Assert.That(ssm.Calls, Has.All.Matches<IReadOnlyList<string>>(c => c.SkipWhile(a => a != "--region").ElementAtOrDefault(1) == "us-west-2"), "nothing asked of the failed region");
        });
    }

    [Test]
    public async Task Failover_PrimaryRungFailingItsProbe_IsSkippedWithoutBeingNamedDown()
    {
        var ssm = new FakeAws();
        ssm.Parameters[("us-west-2", Parameter)] = "openai";
        using var http = new HttpClient(new ProviderProbes("openai"));
        var result = await new AwsFailoverHarness { Models = new ModelProviderSwitch(ssm), Http = http }.RunAsync(Settings());
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(ssm.Parameters[("us-west-2", Parameter)], Is.EqualTo("azure-eastus2"), "the probe says what --provider-down would have");
            Assert.That(result.Steps.Single(s => s.Name == ModelSwitchProgram.ProbeHealth).Detail, Does.Contain("openai UNHEALTHY"), "the probes are recorded");
        });
    }

    [Test]
    public void DryRun_ShowsTheReadAndTheProbesBeforeTheSwitch()
    {
        var names = FailoverProgram.Plan(BundledStacks.Topology("pilot-light"), Settings()).Select(s => s.Name).ToList();
        Assert.That(names.SkipWhile(n => n != ModelSwitchProgram.ReadActive).Take(3), Is.EqualTo(new[] { ModelSwitchProgram.ReadActive, ModelSwitchProgram.ProbeHealth, FailoverProgram.SwitchModelProvider }),
            "the dry run shows what the run reads and probes before it decides");
    }
    /// <summary>Provider probes whose path is broken (the connection refused), recording where they went; the recovery
    /// region's own endpoint answers.</summary>
    private sealed class RefusedProbes : HttpMessageHandler
    {
        public List<string> Hosts { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.StartsWith("/healthz/providers/", StringComparison.Ordinal))
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
            }

            lock (Hosts)
            {
                Hosts.Add(request.RequestUri.Host);
            }

            throw new HttpRequestException("Connection refused");
        }
    }

    [Test]
    public async Task Failover_EveryProbeFailing_WhileProvidersAreHealthy_DoesNotWriteDegraded()
    {
        var ssm = new FakeAws();
        ssm.Parameters[("us-west-2", Parameter)] = "openai";
        var probes = new RefusedProbes();
        using var http = new HttpClient(probes);
        var result = await new AwsFailoverHarness { Models = new ModelProviderSwitch(ssm), Http = http }.RunAsync(Settings());
        Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
        var probe = result.Steps.Single(s => s.Name == ModelSwitchProgram.ProbeHealth).Detail;
        Assert.Multiple(() =>
        {
            Assert.That(ssm.Parameters[("us-west-2", Parameter)], Is.EqualTo("openai"), "every rung is fine; a broken probe path must not put users on the degraded mode");
            Assert.That(probe, Does.Contain("openai UNHEALTHY (through us-west-2)").And.Contain("broken probe path"), "the probe step says the failures were taken as the path's");
            Assert.That(result.Steps.Single(s => s.Name == FailoverProgram.SwitchModelProvider).Detail, Does.Not.Contain("degraded"), "the switch wrote a rung");
            Assert.That(probes.Hosts, Has.Count.EqualTo(4).And.All.EqualTo("api.usw2.assistant.example.com"), "every rung probed through the recovery region's application, never the global name");
        });
    }

    [Test]
    public void DryRun_ProbesThroughTheRecoveryRegionsApplication()
    {
        var step = FailoverProgram.Plan(BundledStacks.Topology("pilot-light"), Settings()).Single(s => s.Name == ModelSwitchProgram.ProbeHealth);
        Assert.That(step.Calls, Does.Contain("GET https://api.usw2.assistant.example.com/healthz/providers/openai").And.Not.Contain("api.use1"),
            "the failed region's endpoint, and the global name that routes there, are never asked");
    }
}
