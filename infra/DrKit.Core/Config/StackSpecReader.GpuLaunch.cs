using System.Text;
using System.Text.RegularExpressions;
using DrKit.Core.Model;

namespace DrKit.Core.Config;

public static partial class StackSpecReader
{
    private static GpuLaunch ReadGpuLaunch(Fields f, IReadOnlyList<string> regions)
    {
        var subnets = RegionLists(f, "subnets", regions, id => id.StartsWith("subnet-", StringComparison.Ordinal), "a subnet id (subnet-...)");
        var groups = RegionLists(f, "securityGroups", regions, id => id.StartsWith("sg-", StringComparison.Ordinal), "a security group id (sg-...)");
        var targets = RegionLists(f, "targetGroups", regions, _ => true, "a target group ARN");
        foreach (var (region, arns) in targets)
        {
            foreach (var arn in arns.Where(a => TargetGroupRegion(a) != region))
            {
                f.Problem("targetGroups", $"'{arn}' is not a target group ARN of {region} (expected arn:aws:elasticloadbalancing:{region}:<account>:targetgroup/<name>/<id>)");
            }

            // A target group lives in one VPC and registers instances of that VPC only: the group must name its subnets.
            if (arns.Count > 0 && !subnets.ContainsKey(region))
            {
                f.Problem("targetGroups", $"names target groups in {region} but subnets names none there; the instances must launch into the target groups' VPC");
            }
        }

        var profile = f.String("instanceProfile");
        if (profile is not null && !InstanceProfilePattern().IsMatch(profile))
        {
            f.Problem("instanceProfile", $"'{profile}' is neither an instance profile name (1-128 of letters, digits and +=,.@_-) nor an instance profile ARN (arn:aws:iam::<account>:instance-profile/<name>)");
        }

        var userData = f.String("userData");
        if (userData is not null && Encoding.UTF8.GetByteCount(userData) > GpuLaunch.MaxUserDataBytes)
        {
            f.Problem("userData", $"is {Encoding.UTF8.GetByteCount(userData)} bytes; EC2 accepts at most {GpuLaunch.MaxUserDataBytes} (fetch a larger script from S3 at boot)");
        }

        return new GpuLaunch(subnets, groups, targets, profile, userData);
    }

    /// <summary>A map of stack region -> list of ids, each checked with <paramref name="valid"/>.</summary>
    private static Dictionary<string, IReadOnlyList<string>> RegionLists(Fields f, string key, IReadOnlyList<string> regions, Func<string, bool> valid, string expected)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (f.Map(key) is not { } map)
        {
            return result;
        }

        var inner = new Fields(map, f.Join(key), f.Problems, [.. map.Entries.Select(e => e.Key)]);
        foreach (var (region, _) in map.Entries)
        {
            if (!regions.Contains(region))
            {
                f.Problem(key, $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", regions)})");
                continue;
            }

            var ids = inner.StringList(region) ?? [];
            foreach (var id in ids.Where(i => !valid(i)))
            {
                inner.Problem(region, $"'{id}' is not {expected}");
            }

            result[region] = ids;
        }

        return result;
    }

    private static string? TargetGroupRegion(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[2] == "elasticloadbalancing" && parts[5].StartsWith("targetgroup/", StringComparison.Ordinal)
            ? parts[3]
            : null;
    }

    [GeneratedRegex(@"^([\w+=,.@-]{1,128}|arn:aws[\w-]*:iam::\d{12}:instance-profile/[\w+=,.@/-]{1,128})$")]
    private static partial Regex InstanceProfilePattern();
}
