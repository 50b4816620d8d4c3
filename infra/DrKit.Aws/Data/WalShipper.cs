using DrKit.Aws.Storage;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

/// <summary>
/// The role a WAL shipper (WAL-G, pgBackRest) assumes: write and read WAL and base backups in the primary
/// archive, read the replicas for a restore in a recovery region, and use the matching keys. No delete: the
/// lifecycle (and object lock, when planned) decides how long WAL lives.
/// </summary>
internal static class WalShipper
{
    public static readonly IReadOnlyList<string> BucketActions = ["s3:ListBucket", "s3:GetBucketLocation"];
    public static readonly IReadOnlyList<string> PrimaryObjectActions = ["s3:PutObject", "s3:GetObject"];
    public static readonly IReadOnlyList<string> ReplicaObjectActions = ["s3:GetObject"];
    public static readonly IReadOnlyList<string> PrimaryKeyActions = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"];
    public static readonly IReadOnlyList<string> ReplicaKeyActions = ["kms:Decrypt"];

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
        var primaryBucket = bucketArns[primaryRegion];
        var replicaBuckets = bucketArns.Where(b => b.Key != primaryRegion).Select(b => b.Value).ToList();
        var replicaKeys = keyArns.Where(k => k.Key != primaryRegion).Select(k => k.Value).ToList();
        var statements = new List<PolicyStatement>
        {
            new("ListArchives", "Allow", BucketActions, bucketArns.Values.OrderBy(v => v, StringComparer.Ordinal).ToList()),
            new("ShipAndFetchWal", "Allow", PrimaryObjectActions, [$"{primaryBucket}/*"]),
            new("UsePrimaryKey", "Allow", PrimaryKeyActions, [keyArns[primaryRegion]]),
        };
        if (replicaBuckets.Count > 0)
        {
            statements.Add(new("RestoreFromReplicas", "Allow", ReplicaObjectActions, replicaBuckets.Select(b => $"{b}/*").ToList()));
            statements.Add(new("DecryptReplicas", "Allow", ReplicaKeyActions, replicaKeys));
        }

        return PolicyDocuments.Json(statements);
    }
}
