using DrKit.Core.Platforms.Azure;
using DrKit.Core.Tests.Config;

namespace DrKit.Core.Tests.Platforms.AzureServices;

/// <summary>What is refused on a stack with Azure components, before anything is called or declared.</summary>
public sealed class AzureSupportTests
{
    [Test]
    public void Refusal_AzureStack_NamesTheActionTheComponentsAndWhatStillWorks()
    {
        var plan = TestStacks.Plan(AzureTestStacks.Yaml(TestStacks.Component("kind: postgres", "tier: production", "strategy: pilot-light")));
        var refusal = AzureSupport.Refusal(plan, "drkit failover");
        Assert.Multiple(() =>
        {
            Assert.That(refusal, Does.StartWith("drkit failover does not support Azure yet"), "the refusal names what was asked");
            Assert.That(refusal, Does.Contain("(c)"), "and the components on Azure");
            Assert.That(refusal, Does.Contain("'drkit plan', 'diff', 'check', 'failover', 'failback', 'readiness --live', a cloud 'drill' and 'teardown' of its drill stacks work on it, and the stack's 'pulumi up' declares it"), "and what the user can still do");
            Assert.That(refusal, Does.Not.Contain("switch-model"), "the model switch writes an AWS parameter, so it is not offered on Azure");
            Assert.That(refusal, Does.Not.Contain("'runbook'"), "the runbook's steps are AWS calls, so it is not offered either");
        });
    }

    [Test]
    public void Refusal_AwsStack_IsNull()
    {
        var plan = TestStacks.Plan(TestStacks.Yaml(TestStacks.Component("kind: postgres", "tier: production", "strategy: pilot-light"), "us-west-2"));
        Assert.That(AzureSupport.Refusal(plan, "drkit failover"), Is.Null, "a stack with nothing on Azure is not refused: the AWS program declares it");
    }
}
