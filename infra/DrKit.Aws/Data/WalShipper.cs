using DrKit.Aws.Storage;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

/// <summary>
/// The role a self-managed server's WAL shipper (WAL-G, pgBackRest) assumes: write and read WAL and base backups
/// in every region's archive, so that after a failover the promoted server in the recovery region ships to the
/// archive there (the failed primary region's bucket may be unreachable), and use the matching keys. No delete:
/// the lifecycle (and object lock, when planned) decides how long WAL lives.
/// </summary>
internal static class WalShipper
{
    public static readonly IReadOnlyList<string> BucketActions = ["s3:ListBucket", "s3:GetBucketLocation"];
    public static readonly IReadOnlyList<string> ObjectActions = ["s3:PutObject", "s3:GetObject"];
    public static readonly IReadOnlyList<string> KeyActions = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"];

    public static PulumiAws.Iam.Role Create(Resource parent, string name, string component, string? principal, ReplicatedBucket archive, PostgresDrArgs args)
    {
        var p = args.Providers;

        // Without a configured principal the account root is trusted: the account's own IAM policies then
        // decide which instance profile or user may assume the role.
        var trust = archive.SourceKeyArn.Apply(keyArn => PolicyDocuments.TrustPrincipal(principal ?? Arns.AccountRoot(keyArn)));
        var role = new PulumiAws.Iam.Role($"{name}-wal-shipper", new PulumiAws.Iam.RoleArgs
        {
            Description = $"WAL shipper (WAL-G / pgBackRest) of {component}",
            AssumeRolePolicy = trust,
            Tags = args.Tags.For(component, "wal-shipper"),
        }, new CustomResourceOptions { Parent = parent, Provider = p.Primary });

        var policy = Output.Tuple(archive.BucketArns, archive.KeyArns).Apply(t => Document(p.PrimaryRegion, t.Item1, t.Item2));
        _ = new PulumiAws.Iam.RolePolicy($"{name}-wal-shipper", new PulumiAws.Iam.RolePolicyArgs
        {
            Role = role.Name,
            Policy = policy,
        }, new CustomResourceOptions { Parent = parent, Provider = p.Primary });
        return role;
    }

    public static string Document(string primaryRegion, IReadOnlyDictionary<string, string> bucketArns, IReadOnlyDictionary<string, string> keyArns)
    {
        // The primary region's archive first, then each recovery region's: the same rights everywhere, because the
        // writer (and with it the shipper) moves to a recovery region on failover.
        var regions = bucketArns.Keys.OrderBy(r => r == primaryRegion ? 0 : 1).ThenBy(r => r, StringComparer.Ordinal).ToList();
        var statements = new List<PolicyStatement>
        {
            new("ListArchives", "Allow", BucketActions, regions.Select(r => bucketArns[r]).ToList()),
            new("ShipAndFetchWal", "Allow", ObjectActions, regions.Select(r => $"{bucketArns[r]}/*").ToList()),
            new("UseArchiveKeys", "Allow", KeyActions, regions.Where(keyArns.ContainsKey).Select(r => keyArns[r]).ToList()),
        };
        return PolicyDocuments.Json(statements);
    }
}
