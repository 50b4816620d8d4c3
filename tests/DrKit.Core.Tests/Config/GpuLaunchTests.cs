using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Config;

public sealed class GpuLaunchTests
{
    private static readonly string[] Gpu = ["kind: gpu-capacity", "strategy: pilot-light", "instanceType: g5.xlarge", "reserved: true"];

    private static string Stack(params string[] launch) => TestStacks.Yaml(TestStacks.Component([.. Gpu, .. launch]), "us-west-2");

    [Test]
    public void LaunchSettings_ReachThePlannedSettings()
    {
        var settings = (GpuSettings)TestStacks.Plan(Stack(
            "subnets:", "  us-west-2: [subnet-0abc]",
            "securityGroups:", "  us-west-2: [sg-0abc]",
            "targetGroups:", "  us-west-2: ['arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/serve/0123456789abcdef']",
            "instanceProfile: serving",
            "userData: '#!/bin/bash\\nsystemctl start model-server'")).Components.Single().Settings;
        Assert.Multiple(() =>
        {
            Assert.That(settings.Launch.Subnets["us-west-2"], Is.EqualTo(new[] { "subnet-0abc" }), "the group launches into the named subnets, not the default VPC");
            Assert.That(settings.Launch.SecurityGroups["us-west-2"], Is.EqualTo(new[] { "sg-0abc" }), "security groups of the instances");
            Assert.That(settings.Launch.HealthCheckType("us-west-2"), Is.EqualTo("ELB"), "with a target group, in service means the target group's check passes");
            Assert.That(settings.Launch.HealthCheckType("us-east-1"), Is.EqualTo("EC2"), "without one, EC2 status is all there is");
            Assert.That(settings.Launch.InstanceProfileIsArn, Is.False, "a name, not an ARN");
            Assert.That(settings.WarmUp, Is.EqualTo(Assumptions.GpuBoot + Assumptions.ModelLoad), "boot plus model load before health checks count");
        });
    }

    [Test]
    public void NoLaunchSettings_LeaveTheDefaultVpcAndEc2Checks()
    {
        var settings = (GpuSettings)TestStacks.Plan(Stack()).Components.Single().Settings;
        Assert.Multiple(() =>
        {
            Assert.That(settings.Launch.Subnets, Is.Empty, "nothing named, nothing declared");
            Assert.That(settings.Launch.HealthCheckType("us-west-2"), Is.EqualTo("EC2"), "no target group to judge health");
            Assert.That(settings.Launch.EncodedUserData, Is.Null, "no boot script");
        });
    }

    [Test]
    public void SubnetOfAnotherKind_IsRejected()
    {
        var problems = TestStacks.Problems(Stack("subnets:", "  us-west-2: [sg-0abc]"));
        problems.At("drkit:components.c.subnets.us-west-2", "'sg-0abc' is not a subnet id");
    }

    [Test]
    public void TargetGroupOfAnotherRegion_IsRejected()
    {
        var problems = TestStacks.Problems(Stack(
            "subnets:", "  us-west-2: [subnet-0abc]",
            "targetGroups:", "  us-west-2: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/serve/0123']"));
        problems.At("drkit:components.c.targetGroups", "is not a target group ARN of us-west-2");
    }

    [Test]
    public void TargetGroupsWithoutSubnets_AreRejected()
    {
        var problems = TestStacks.Problems(Stack("targetGroups:", "  us-west-2: ['arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/serve/0123']"));
        problems.At("drkit:components.c.targetGroups", "the instances must launch into the target groups' VPC");
    }

    [Test]
    public void SubnetsOfARegionOutsideTheStack_AreRejected()
    {
        var problems = TestStacks.Problems(Stack("subnets:", "  eu-west-1: [subnet-0abc]"));
        problems.At("drkit:components.c.subnets", "names region 'eu-west-1', which is not one of this stack's regions");
    }

    [Test]
    public void BadInstanceProfile_IsRejected()
    {
        var problems = TestStacks.Problems(Stack("instanceProfile: 'arn:aws:iam::123:role/x'"));
        problems.At("drkit:components.c.instanceProfile", "is neither an instance profile name");
    }

    [Test]
    public void UserDataOverSixteenKilobytes_IsRejected()
    {
        var problems = TestStacks.Problems(Stack($"userData: '{new string('x', GpuLaunch.MaxUserDataBytes + 1)}'"));
        problems.At("drkit:components.c.userData", "EC2 accepts at most 16384");
    }

    [Test]
    public void EncodedUserData_IsBase64OfUtf8()
    {
        var launch = GpuLaunch.None with { UserData = "#!/bin/bash\necho é" };
        Assert.That(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(launch.EncodedUserData!)), Is.EqualTo("#!/bin/bash\necho é"),
            "a launch template takes user data base64-encoded");
    }
}
