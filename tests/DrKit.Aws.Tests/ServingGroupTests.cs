namespace DrKit.Aws.Tests;

/// <summary>The GPU serving groups a failover scales, and the fence group it swaps in.</summary>
public sealed class ServingGroupTests
{
    [Test]
    public async Task PilotLight_DeclaresARecoveryGroupAtZeroLaunchingIntoTheReservation()
    {
        var run = await StackRun.OfAsync("pilot-light");
        var group = run.Named(Types.AutoScalingGroup, "gpu-us-west-2-group");
        var template = run.Named(Types.LaunchTemplate, "gpu-us-west-2-template");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(group), Is.EqualTo("us-west-2"), "the group lives in the recovery region");
            Assert.That(MechanismResourcesTests.Num(group.Inputs, "desiredCapacity"), Is.Zero, "a pilot light runs nothing until a failover");
            Assert.That(MechanismResourcesTests.Num(group.Inputs, "maxSize"), Is.EqualTo(2), "room for the reserved GPUs");
            Assert.That(StackRun.At(template.Inputs, "capacityReservationSpecification", "capacityReservationTarget", "capacityReservationId"),
                Is.EqualTo("cr-gpu-us-west-2"), "launches consume the targeted reservation");
            Assert.That(template.Inputs["instanceType"], Is.EqualTo("g5.12xlarge"), "the planned GPU type");
        });
    }

    [Test]
    public async Task LaunchSettings_PutTheGroupInNamedSubnetsBehindItsTargetGroup()
    {
        var run = await StackRun.OfAsync("gpu-launch");
        var group = run.Named(Types.AutoScalingGroup, "gpu-us-west-2-group").Inputs;
        var template = run.Named(Types.LaunchTemplate, "gpu-us-west-2-template").Inputs;
        var primary = run.Named(Types.AutoScalingGroup, "gpu-us-east-1-group").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(StackRun.At(group, "vpcZoneIdentifiers", "0"), Is.EqualTo("subnet-0b2b000000000usw2"),
                "named subnets: an account without a default VPC cannot launch into availability zones alone");
            Assert.That(group.ContainsKey("availabilityZones"), Is.False, "availability_zones conflicts with vpc_zone_identifier");
            Assert.That(StackRun.At(group, "targetGroupArns", "0"), Does.StartWith("arn:aws:elasticloadbalancing:us-west-2:"), "instances register with the target group");
            Assert.That(group["healthCheckType"], Is.EqualTo("ELB"), "in service then means the target group's health check passes");
            Assert.That(MechanismResourcesTests.Num(group, "healthCheckGracePeriod"), Is.GreaterThanOrEqualTo(600), "no check before boot and model load are over");
            Assert.That(StackRun.At(template, "vpcSecurityGroupIds", "0"), Is.EqualTo("sg-0serving0000usw2"), "the instances' security group");
            Assert.That(StackRun.At(template, "iamInstanceProfile", "name"), Is.EqualTo("model-server"), "the instances' role, by profile name");
            Assert.That(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)template["userData"])), Does.Contain("systemctl start model-server"),
                "the boot script, base64 as EC2 takes it");
            Assert.That(primary["healthCheckType"], Is.EqualTo("EC2"), "a region without target groups keeps EC2 checks");
            Assert.That(StackRun.At(primary, "availabilityZones", "0"), Is.EqualTo("us-east-1a"), "and the default VPC of its zone");
        });
    }

    [Test]
    public async Task RecordedScaleUp_KeepsTheRecoveryGroupRunning()
    {
        var run = await StackRun.OfAsync("pilot-light", ("recovery.running", "2"));
        var o = await run.TextsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(MechanismResourcesTests.Num(run.Named(Types.AutoScalingGroup, "gpu-us-west-2-group").Inputs, "desiredCapacity"), Is.EqualTo(2),
                "the next up keeps what the failover started");
            Assert.That(o.GetValueOrDefault("recoveryAutoScalingGroup"), Is.Not.Empty, "the failover finds the group by this output");
        });
    }

    [Test]
    public async Task RecordedFence_DeclaresThePrimaryWithOnlyTheFenceGroup()
    {
        var normal = (await StackRun.OfAsync("pilot-light")).Named(Types.DbInstance, "context-store-primary").Inputs;
        var run = await StackRun.OfAsync("pilot-light", ("fence.context-store", "true"));
        var fence = run.Named(Types.SecurityGroup, "context-store-fence-us-east-1");
        var fenced = run.Named(Types.DbInstance, "context-store-primary").Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(normal.ContainsKey("vpcSecurityGroupIds"), Is.False, "unfenced, the primary keeps the groups the stack names (none here)");
            Assert.That(StackRun.At(fenced, "vpcSecurityGroupIds", "0"), Is.EqualTo("context-store-fence-us-east-1-id"), "fenced, only the group without ingress");
            Assert.That(fence.Inputs.ContainsKey("ingress"), Is.False, "the fence group admits nobody");
            Assert.That(RecordingMocks.RegionOf(fence), Is.EqualTo("us-east-1"), "in the primary's region");
        });
    }
}
