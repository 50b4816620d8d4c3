using System.Text.Json;
using DrKit.Core.Planning;

namespace DrKit.Cli.Tests;

/// <summary>The bundled Azure stack through the commands: planned, diffed, checked and failed over like AWS stacks,
/// drilled in the cloud from its geo-backups; failed back not yet, said plainly before anything is called.</summary>
public sealed class AzureStackCommandTests
{
    private const string Stack = "azure-pilot-light";
    private string _cwd = string.Empty;

    [OneTimeSetUp]
    public void RunFromTheRepository()
    {
        _cwd = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoPaths.Root);
    }

    [OneTimeTearDown]
    public void RestoreWorkingFolder() => Directory.SetCurrentDirectory(_cwd);

    [Test]
    public async Task Plan_AzureStack_JsonParsesBackWithAzureMechanisms()
    {
        var result = await CliRun.RunAsync("plan", Stack, "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"plan should succeed; stderr: {result.Error}");
        var plan = PlanJson.Deserialize(result.Out);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Component("context-store")!.Mechanism, Does.Contain("virtual endpoint"), "PostgreSQL fails over through a replica and a virtual endpoint");
            Assert.That(plan.Component("session-cache")!.Mechanism, Does.Contain("Azure Managed Redis"), "Redis is a Managed Redis geo-replication group");
            Assert.That(plan.Component("api")!.Mechanism, Does.Contain("Traffic Manager"), "the API is behind Traffic Manager");
        });
    }

    [Test]
    public async Task Diff_AgainstTheAwsPilotLight_ComparesComponentByComponent()
    {
        var result = await CliRun.RunAsync("diff", "pilot-light", Stack, "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.AnyOf(ExitCodes.Ok, ExitCodes.Findings), $"diff runs on two clouds' stacks; stderr: {result.Error}");
            Assert.That(() => JsonDocument.Parse(result.Out), Throws.Nothing, "the JSON output parses");
        });
    }

    [Test]
    public async Task Check_AzureStack_HasNoMandatoryViolation()
    {
        var result = await CliRun.RunAsync("check", Stack);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"the bundled stack passes its mandatory rules; output: {result.All}");
    }

    [TestCase("drill", "--local")]
    [TestCase("switch-model", "--dry-run")]
    public async Task Operations_OnAzure_RefuseNamingWhatIsNotSupported(string command, string flag)
    {
        var result = await CliRun.RunAsync(command, Stack, flag);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), $"{command} refuses an Azure stack as input it cannot handle; output: {result.All}");
            Assert.That(result.All, Does.Contain("does not support Azure yet"), "the message says what is missing");
            Assert.That(result.All, Does.Contain("context-store"), "and names the components on Azure");
            Assert.That(result.All, Does.Not.Contain("aws "), "no AWS call is printed");
            Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task FailbackDryRun_AzureStack_PrintsReseedSwitchoverStagesAndSteadyState()
    {
        var result = await CliRun.RunAsync("failback", Stack, "--dry-run", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"the dry run of an Azure failback works; output: {result.All}");
        using var json = JsonDocument.Parse(result.Out);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("calls").GetString()!);
        var primaryGroup = "rg-rag-assistant-azure-pilot-light-eastus2";
        Assert.Multiple(() =>
        {
            Assert.That(steps["Reseed:context-store"], Does.Contain($"az postgres flexible-server replica create --replica-name").And.Contain($"--resource-group {primaryGroup} --location eastus2"),
                "the replica of the writer is created in the primary region's group");
            Assert.That(steps["Reseed:context-store"], Does.Contain($"az postgres flexible-server delete --resource-group {primaryGroup}"), "a stale old primary is deleted first, and the dry run says so");
            Assert.That(steps["CatchUp:context-store"], Does.Contain("physical_replication_delay_in_seconds"), "lag is read from Azure Monitor");
            Assert.That(steps["SwitchBack:context-store"], Does.Contain("--promote-mode switchover --promote-option planned"), "the switch back is planned");
            Assert.That(steps["Shift10%"], Does.Contain("--endpoint-status Enabled --weight 100 ").And.Contain("--endpoint-status Enabled --weight 900 "), "10 % is weight 100 against 900");
            Assert.That(steps["Shift100%"], Does.Contain("--endpoint-status Disabled --weight 1 "), "100 % is the planned steady state: the recovery endpoint disabled at weight 1");
            Assert.That(steps["RecordSteady"], Does.Contain("drkit-ops:promote.context-store=false").And.Contain("drkit-ops:traffic.percent=100"), "the steady state is recorded");
            Assert.That(result.Out, Does.Not.Contain("aws "), "no AWS call is printed");
        });
    }

    [Test]
    public async Task Drill_AzureStackDryRun_ListsTheGeoRestoreAndTheAzReads()
    {
        var result = await CliRun.RunAsync("drill", Stack, "--dry-run");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"a cloud drill of an Azure stack is planned; output: {result.All}");
            Assert.That(result.All, Does.Contain("az postgres flexible-server show"), "the source server is read with the Azure CLI");
            Assert.That(result.All, Does.Contain("geo-restore in centralus"), "and geo-restored in the paired region");
            Assert.That(result.All, Does.Not.Contain("aws rds"), "no AWS call is printed");
        });
    }

    [Test]
    public async Task FailoverDryRun_AzureStack_PrintsAzCallsInTheRecoveryRegionButTheFence()
    {
        var result = await CliRun.RunAsync("failover", Stack, "--dry-run", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"the dry run of an Azure failover works; output: {result.All}");
        using var json = JsonDocument.Parse(result.Out);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("calls").GetString()!);
        var primaryGroup = "rg-rag-assistant-azure-pilot-light-eastus2";
        Assert.Multiple(() =>
        {
            Assert.That(steps["Promote"], Does.Contain("az postgres flexible-server replica promote --resource-group rg-rag-assistant-azure-pilot-light-centralus"),
                "the replica is promoted in the recovery region's group");
            Assert.That(steps["Fence"], Does.Contain(primaryGroup), "the fence reads the primary's group, bounded");
            Assert.That(steps.Where(s => s.Key != "Fence").Select(s => s.Value), Has.None.Contains(primaryGroup), "no other step names the primary region's group");
            Assert.That(steps.Where(s => s.Key != "Fence").Select(s => s.Value), Has.None.Contains("[eastus2]"), "no other step calls into the primary region");
            Assert.That(result.Out, Does.Not.Contain("aws "), "no AWS call is printed");
        });
    }

    [Test]
    public async Task Plan_AzureStackWithSwitchParameter_SaysTheSwitchIsNotAvailable()
    {
        var result = await CliRun.RunAsync("plan", Stack, "--format", "markdown");
        Assert.Multiple(() =>
        {
            Assert.That(result.Out, Does.Contain("not available on Azure"), $"the model switch is not advertised as an SSM parameter on Azure; output: {result.All}");
            Assert.That(result.Out, Does.Not.Contain("in each stack region"), "no parameter in each region is promised");
        });
    }

    [Test]
    public async Task Runbook_AzureStack_IsAnAzureRunbook()
    {
        var result = await CliRun.RunAsync("runbook", Stack);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), $"an Azure stack gets its runbook; output: {result.All}");
            Assert.That(result.Out, Does.Contain("Azure Service Health"), "the outage is confirmed where Azure reports it");
            Assert.That(result.Out, Does.Not.Contain("aws "), "no AWS call is printed");
        });
    }
}
