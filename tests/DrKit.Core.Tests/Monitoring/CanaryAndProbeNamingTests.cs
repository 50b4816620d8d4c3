using DrKit.Core.Monitoring;

namespace DrKit.Core.Tests.Monitoring;

public sealed class CanaryAndProbeNamingTests
{
    /// <summary>
    /// Runtimes the CloudWatch Synthetics runtime support policy lists as deprecated, with their dates
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Runtime_Support_Policy.html),
    /// and the Puppeteer runtimes on Lambda's Node.js 20, whose support ends in April 2026: no canary can be created on them.
    /// </summary>
    private static readonly string[] Deprecated =
    [
        "syn-nodejs-puppeteer-7.0", "syn-nodejs-puppeteer-6.2", "syn-nodejs-puppeteer-6.1", "syn-nodejs-puppeteer-6.0",
        "syn-nodejs-puppeteer-5.2", "syn-nodejs-puppeteer-5.1", "syn-nodejs-puppeteer-5.0", "syn-nodejs-puppeteer-4.0",
        "syn-nodejs-puppeteer-3.9", "syn-nodejs-puppeteer-3.8",
        "syn-nodejs-puppeteer-9.0", "syn-nodejs-puppeteer-9.1", "syn-nodejs-puppeteer-10.0",
        "syn-nodejs-3.0", "syn-nodejs-3.1",
    ];

    [Test]
    public void ProbeEventAge_ALateRunEndsBeforeTheNextOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TimeSpan.FromSeconds(FreshnessProbe.MaxEventAgeSeconds), Is.InRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(21600)),
                "accepted by EventBridge's RetryPolicy (60-86400) and Lambda's event invoke config (60-21600)");
            Assert.That(TimeSpan.FromSeconds(FreshnessProbe.MaxEventAgeSeconds + FreshnessProbe.TimeoutSeconds), Is.LessThanOrEqualTo(FreshnessProbe.Interval),
                "a run delivered as late as allowed still ends before the next one starts");
        });
    }

    [Test]
    public void ProbeStaleness_IsTheAlarmsMissedRuns()
    {
        Assert.That(FreshnessProbe.StaleAfter, Is.EqualTo(TimeSpan.FromMinutes(10)), "two five-minute runs without a datapoint, as many as the probe's alarms breach on");
    }

    [Test]
    public void CanaryLogGroupPrefix_IsWhereSyntheticsWritesTheCanarysLogs()
    {
        Assert.That(OutageCanary.LogGroupPrefix("pilot-light-us-east-1"), Is.EqualTo("/aws/lambda/cwsyn-pilot-light-us-east-1-"),
            "Synthetics names the canary's function cwsyn-<name>-<id>; the trailing '-' keeps the id out of the prefix");
    }

    [Test]
    public void RuntimeVersion_IsTheBrowserlessNodeRuntimeNotOnTheDeprecatedList()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Deprecated, Does.Not.Contain(OutageCanary.RuntimeVersion), "AWS cannot create a canary on a deprecated runtime, and failover-time ups must never need to");
            Assert.That(OutageCanary.RuntimeVersion, Does.Match(@"^syn-nodejs-\d+\.\d+$"), "the browser-less family: one https GET needs no Chromium");
            Assert.That(OutageCanary.ScriptPath, Does.StartWith("nodejs/node_modules/"), "Node.js canaries load the script from nodejs/node_modules (CanaryCodeInput)");
            Assert.That(OutageCanary.Handler, Does.EndWith(".handler").And.StartWith(Path.GetFileNameWithoutExtension(OutageCanary.ScriptPath)), "file.handler");
        });
    }

    [Test]
    public void FunctionName_StackWithADotIsAValidLambdaName()
    {
        var probe = new FreshnessProbe("probe-us-east-2", "us-east-2", []);
        var name = probe.FunctionName("team.prod");
        Assert.Multiple(() =>
        {
            Assert.That(name, Does.Match("^[a-zA-Z0-9_-]+$"), "Lambda function names allow letters, digits, '-' and '_' only");
            Assert.That(name, Is.EqualTo("drkit-team-prod-probe-us-east-2"), "the stack and region stay readable");
        });
    }

    [Test]
    public void FunctionName_LongStacksKeepTheRegionApartWhenCut()
    {
        const string stack = "a-very-long-stack-name-that-fills-most-of-the-lambda-limit";
        var east1 = new FreshnessProbe("probe-us-east-1", "us-east-1", []).FunctionName(stack);
        var east2 = new FreshnessProbe("probe-us-east-2", "us-east-2", []).FunctionName(stack);
        Assert.Multiple(() =>
        {
            Assert.That(east1.Length, Is.LessThanOrEqualTo(FreshnessProbe.FunctionNameMax), "within Lambda's 64 characters");
            Assert.That(east1, Is.Not.EqualTo(east2), "a cut name keeps a hash of the whole, so two regions do not collide");
        });
    }

    [Test]
    public void Timeout_LeavesRoomForRetriesAndStaysBelowTheSchedule()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FreshnessProbe.TimeoutSeconds, Is.GreaterThanOrEqualTo(120), "a slow listing and retries fit");
            Assert.That(TimeSpan.FromSeconds(FreshnessProbe.TimeoutSeconds), Is.LessThan(FreshnessProbe.Interval), "runs never overlap");
        });
    }
}
