using System.Text;

namespace DrKit.Core.Model;

/// <summary>
/// How a GPU component's serving group launches and is judged healthy: the network it launches into, the role its
/// instances run as, what they run at boot, and the load balancer target groups that decide "in service". Without
/// subnets the group falls back to the default VPC's subnet in the reservation's zone, which accounts without a
/// default VPC (common under landing zones) do not have; without target groups an instance counts as in service as
/// soon as EC2 reports it running, whatever it serves.
/// </summary>
/// <param name="Subnets">Region -> subnet ids the group launches into; they must lie in that region's reservation zone.</param>
/// <param name="SecurityGroups">Region -> security group ids of the instances.</param>
/// <param name="TargetGroups">Region -> ARNs of the target groups the instances register with.</param>
/// <param name="InstanceProfile">IAM instance profile name or ARN.</param>
/// <param name="UserData">Boot script, as written in the stack file (the component encodes it).</param>
public sealed record GpuLaunch(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Subnets,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SecurityGroups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> TargetGroups,
    string? InstanceProfile,
    string? UserData)
{
    /// <summary>EC2 accepts at most 16 KB of user data, before base64 encoding.
    /// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html</summary>
    public const int MaxUserDataBytes = 16 * 1024;

    /// <summary>Auto Scaling's health check type with a load balancer: an instance its target group calls unhealthy is replaced.</summary>
    public const string LoadBalancerHealthCheck = "ELB";

    public const string InstanceHealthCheck = "EC2";

    public static GpuLaunch None { get; } = new(
        new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>(), null, null);

    /// <summary>
    /// ELB where the region's group registers with target groups, so that "in service" (what the failover's ScaleCompute
    /// waits for) means the target group's health check passes, i.e. the model serves; EC2 otherwise.
    /// https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html
    /// </summary>
    public string HealthCheckType(string region) =>
        TargetGroups.TryGetValue(region, out var groups) && groups.Count > 0 ? LoadBalancerHealthCheck : InstanceHealthCheck;

    /// <summary>Load balancer checks start only after boot and model load, or a loading instance would be replaced.</summary>
    public static int HealthCheckGraceSeconds(TimeSpan warmUp) => (int)Math.Ceiling(warmUp.TotalSeconds);

    /// <summary>The user data as EC2 takes it in a launch template: base64 of its UTF-8 bytes; null without any.</summary>
    public string? EncodedUserData => UserData is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(UserData));

    /// <summary>Whether <see cref="InstanceProfile"/> is given by ARN (otherwise by name).</summary>
    public bool InstanceProfileIsArn => InstanceProfile?.StartsWith("arn:", StringComparison.Ordinal) == true;
}
