using DrKit.Cli;
using DrKit.Cli.Commands;
using DrKit.Operations.Gateway;
using DrKit.Operations.Tests.Fakes;
using Moq;
using Spectre.Console;

namespace DrKit.Operations.Tests;

public sealed class CliDryRunTests
{
    private static readonly string[] RecoveryStacks = ["pilot-light", "active-active"];

    [TestCaseSource(nameof(RecoveryStacks))]
    public async Task FailoverAndFailbackDryRuns_PrintTheStepsAndCallNothing(string stack)
    {
        foreach (var program in new[] { "failover", "failback" })
        {
            var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

            var exit = await cli.RunAsync(program, stack, "--dry-run", "--format", "json");

            Assert.That(exit, Is.EqualTo(ExitCodes.Ok), $"{program} {stack} --dry-run should succeed: {cli.Error}");
            Assert.That(cli.Out, Does.Contain("\"dryRun\": true").And.Contain("\"name\": \"Prerequisites\""), $"{program} prints its steps as JSON");
            Assert.That(cli.FactoryCalls, Is.Zero, "a dry run does not even create a gateway");
            cli.Gateway.VerifyNoOtherCalls();
        }
    }

    [TestCase("primary")]
    [TestCase("pilot-light")]
    [TestCase("active-active")]
    public async Task DrillDryRun_ForEveryBundledStack_PrintsTheStepsAndCallsNothing(string stack)
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("drill", stack, "--dry-run", "--format", "markdown");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), $"drill {stack} --dry-run should succeed: {cli.Error}");
        Assert.That(cli.Out, Does.Contain("CreateDrillStack").And.Contain("Destroy").And.Contain("drkit-ops:ephemeral=true").And.Contain("drkit:ephemeral=true"),
            "the plan shows creation, the config marker, the tags and teardown");
        Assert.That(cli.Out, Does.Match($"{stack}-drill-\\d{{14}}-[0-9a-f]{{4}}"), "the plan names the drill stack it would create");
        cli.Gateway.VerifyNoOtherCalls();
    }

    [Test]
    public async Task DrillDryRun_WithACancelWait_PlansThatCap_AndRefusesANonsenseOne()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));
        var exit = await cli.RunAsync("drill", "pilot-light", "--dry-run", "--cancel-wait", "1h", "--format", "markdown");
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
        Assert.That(cli.Out, Does.Contain("up to 1h, so what it created is in the state"), "the plan says how long a cancel waits for the restores in flight");

        var bad = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));
        Assert.That(await bad.RunAsync("drill", "pilot-light", "--dry-run", "--cancel-wait", "soon"), Is.EqualTo(ExitCodes.BadInput), "a bad duration is bad input");
        Assert.That(bad.Error, Does.Contain("--cancel-wait: expected"), "the error names the option and what was expected");
        bad.Gateway.VerifyNoOtherCalls();
    }

    [TestCase("primary", "context-store: RDS point-in-time restore in us-east-1 from the source instance's automated backups")]
    [TestCase("pilot-light", "context-store: RDS point-in-time restore in us-west-2 from the automated backups replicated from us-east-1")]
    [TestCase("active-active", "context-store: base backup + WAL from the archive bucket in us-west-2")]
    public async Task DrillDryRun_ShowsPerTierWhereDataIsRestoredFromAndItsRecoveryPointOutput(string stack, string postgres)
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("drill", stack, "--dry-run", "--format", "markdown");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
        Assert.That(cli.Out, Does.Contain(postgres).And.Contain("(source output context-store.restoreSource").And.Contain("recovery point: output context-store.recoveryPoint"),
            "the PostgreSQL tier names its restore source and the output carrying its recovery point");
        Assert.That(cli.Out, Does.Contain("session-cache: new ElastiCache replication group").And.Contain("recovery point: output session-cache.recoveryPoint"),
            "the Redis tier is seeded from a snapshot and reports its recovery point");
        Assert.That(cli.Out, Does.Contain("encrypted with the source's key there, source output session-cache.restoreKey"),
            "the restored cache uses the source's key, so no key per drill is left pending deletion");
        Assert.That(cli.Out, Does.Contain("CheckLeftovers").And.Contain("resourcegroupstaggingapi get-resources"),
            "the plan shows the leftover check a cancel past the restore bound runs");
        Assert.That(cli.Out, Does.Contain("model-artifacts: read in place").And.Contain("images: images pulled from the source's repositories"),
            "objects and images are read from the source's copies, not declared again");
        Assert.That(cli.Out, Does.Contain("no traffic records or health checks, no registry-wide settings"), "the deploy step says what a drill stack never declares");
        Assert.That(cli.Out, Does.Not.Contain("failover-global-replication-group").And.Not.Contain("promote."), "a drill promotes and switches nothing");
        Assert.That(cli.Aws.Calls, Is.Empty, "a dry run reads no recovery point");
    }

    [Test]
    public async Task DrillDryRun_ShowsTheExactReplicationReadsOfBucketsAndImages_InTheRegionsAwsPublishesThem()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("drill", "pilot-light", "--dry-run", "--format", "markdown");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
        Assert.Multiple(() =>
        {
            Assert.That(cli.Out, Does.Contain("model-artifacts: aws cloudwatch get-metric-statistics --namespace AWS/S3 --metric-name ReplicationLatency --dimensions " +
                "Name=SourceBucket,Value=<bucketNames[model-artifacts][us-east-1]> Name=DestinationBucket,Value=<bucketNames[model-artifacts][us-west-2]> Name=RuleId,Value=drkit-"),
                "the latency series of the rule into the drill region, buckets named by the output they come from");
            Assert.That(cli.Out, Does.Match("--metric-name ReplicationLatency .*--statistics Maximum --region us-west-2"), "latency is published in the destination's region");
            Assert.That(cli.Out, Does.Match("--metric-name OperationsFailedReplication .*--statistics Sum --region us-east-1"), "failures only in the source bucket's region");
            Assert.That(cli.Out, Does.Contain("images: per repository: aws ecr describe-images --repository-name <ecrRepositoryUrls[images][us-east-1][<repository>]> --query sort_by(imageDetails,&imagePushedAt)[-1] --region us-east-1")
                .And.Contain("aws ecr describe-image-replication-status --repository-name <ecrRepositoryUrls[images][us-east-1][<repository>]> --image-id imageDigest=<imageDigest> --region us-east-1"),
                "the newest image and its replication status, asked of the source region");
            Assert.That(cli.Out, Does.Contain("images replication RPO <= 4h").And.Contain("read in place, so no RTO"), "the measure step names the target and that no RTO applies");
        });
        Assert.That(cli.Aws.Calls, Is.Empty, "a dry run reads nothing");
    }

    [Test]
    public async Task FailoverDryRun_ShowsWhereReplicaLagComesFrom_WithTheExactCloudWatchCommand()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("failover", "pilot-light", "--dry-run", "--format", "markdown");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
        Assert.That(cli.Out, Does.Contain(
            "aws cloudwatch get-metric-statistics --namespace AWS/RDS --metric-name ReplicaLag " +
            "--dimensions Name=DBInstanceIdentifier,Value=<postgresInstanceIdentifiers[context-store][us-west-2]> " +
            "--start-time <now-5m> --end-time <now> --period 60 --statistics Maximum --region us-west-2 --output json"),
            "the Postgres tier's lag comes from the RDS ReplicaLag metric of the recovery replica");
        Assert.That(cli.Out, Does.Contain(
            "aws elasticache describe-replication-groups --replication-group-id <redisReplicationGroupIds[session-cache][us-west-2]> --region us-west-2 --output json"),
            "the Redis tier's lag is read per member cluster of the recovery replication group");
        Assert.That(cli.Out, Does.Contain("--metric-name GlobalDatastoreReplicationLag --dimensions Name=CacheClusterId,Value=<member cluster>"),
            "the Global Datastore lag metric is named with its dimension");
        Assert.That(cli.Aws.Calls, Is.Empty, "a dry run reads no metric");
    }

    [Test]
    public async Task FailoverDryRun_ListsTheAwsCliCommandOfTheGlobalDatastoreSwitch()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("failover", "pilot-light", "--dry-run", "--format", "markdown");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
        Assert.That(cli.Out, Does.Contain(
            "aws elasticache failover-global-replication-group --global-replication-group-id <redisGlobalDatastoreIds[session-cache]> " +
            "--primary-region us-west-2 --primary-replication-group-id <redisReplicationGroupIds[session-cache][us-west-2]> --region us-west-2"),
            "the dry run shows the AWS CLI command, ids named by the stack outputs they come from");
        Assert.That(cli.Out, Does.Contain("aws --version"), "the prerequisites include the AWS CLI");
        Assert.That(cli.Aws.Calls, Is.Empty, "a dry run runs no AWS CLI command");
    }

    [Test]
    public async Task Failover_WhenTheAwsCliIsMissing_ExitsFailedNamingItAndChangesNothing()
    {
        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.EnsureReadyAsync(It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var cli = new CliHarness(gateway);
        cli.Aws.Missing = true;

        var exit = await cli.RunAsync("failover", "pilot-light");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), "a missing AWS CLI is an environment failure");
        Assert.That(cli.Error, Does.Contain("AWS CLI ('aws') was not found on PATH").And.Contain("Nothing was changed"), "the message names the missing CLI");
        gateway.Verify(g => g.EnsureReadyAsync(It.IsAny<CancellationToken>()), Times.Once);
        gateway.VerifyNoOtherCalls();
    }

    [Test]
    public async Task TeardownDryRun_CallsNothing()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("teardown", "pilot-light-drill-20300101120000-ab12", "--dry-run");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), cli.Error);
        Assert.That(cli.Out, Does.Contain("CheckEphemeralMarker").And.Contain("drkit-ops:ephemeral=true"), "the table lists the marker check, config included");
        cli.Gateway.VerifyNoOtherCalls();
    }

    [Test]
    public async Task FailoverDryRun_OfASingleRegionStack_ExplainsWhyAndExitsBadInput()
    {
        var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

        var exit = await cli.RunAsync("failover", "primary", "--dry-run");

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), "there is no recovery region to fail over to");
        Assert.That(cli.Error, Does.Contain("primary").And.Contain("drkit drill primary"), "the message names the stack and what to do instead");
        cli.Gateway.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Failover_WhenThePulumiCliIsMissing_ExitsFailedWithTheGatewaysMessage()
    {
        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.EnsureReadyAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PulumiCliMissingException("The pulumi CLI was not found on PATH. Nothing was changed."));
        var cli = new CliHarness(gateway);

        var exit = await cli.RunAsync("failover", "pilot-light");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), "a missing CLI is an environment failure");
        Assert.That(cli.Error, Does.Contain("pulumi CLI was not found"), "the gateway's actionable message is shown");
    }

    [Test]
    public async Task Failover_OfAStackMissingFromTheBackend_ExitsBadInput()
    {
        var gateway = new Mock<IStackGateway>(MockBehavior.Strict);
        gateway.Setup(g => g.EnsureReadyAsync(It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        gateway.Setup(g => g.SelectStackAsync("pilot-light", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StackNotFoundException("pilot-light", "No stack named 'pilot-light' in the Pulumi backend."));
        var cli = new CliHarness(gateway);

        var exit = await cli.RunAsync("failover", "pilot-light");

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), "a stack name that does not exist is bad input");
        Assert.That(cli.Error, Does.Contain("No stack named 'pilot-light'"), "the message names the stack");
    }

    [Test]
    public async Task RealRun_InABuildWithoutPulumi_ExplainsHowToRebuild()
    {
        Assume.That(GatewayFactory.Available, Is.False, "this build contains the Pulumi Automation API");
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(BundledStacks.Root);
        int exit;
        try
        {
            exit = await DrKitApp.RunAsync(["teardown", "pilot-light-drill-20300101120000-ab12"], new CliIO(console, output, error), CancellationToken.None);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), "the command cannot run without the Automation API");
        Assert.That(error.ToString(), Does.Contain("without the Pulumi Automation API").And.Contain("DrKitWithPulumi=true"), "the message says how to get a build that can");
    }
}
