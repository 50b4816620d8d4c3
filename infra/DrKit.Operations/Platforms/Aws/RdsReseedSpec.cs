using System.Text.Json.Nodes;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// What the failback re-seed (a cross-region read replica of the recovery writer, created in the primary region) is
/// created with. A replica inherits from its source only what RDS says it does, and a cross-region one takes the
/// engine's default parameter group and the VPC's default security group; the rest of what the stack gave its primary
/// is taken from the old primary, which the re-seed replaces there: its key and subnet group (a key of the replica's
/// region is required for an encrypted source), its tags (aws:* keys are reserved to AWS and refused on create),
/// copy-tags-to-snapshot, Multi-AZ and deletion protection. Client security groups come from the stack's outputs: the
/// old primary's are the fence group now. The parameter group is set after creation (<see cref="RdsFailback"/>).
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html
/// </summary>
public sealed record RdsReseedSpec(string Instance, string SourceArn, string SourceRegion, string InstanceClass, string Region)
{
    /// <summary>Tag keys with this prefix belong to AWS; RDS refuses them in a create call.</summary>
    public const string ReservedTagPrefix = "aws:";

    public string? KmsKey { get; init; }

    public string? SubnetGroup { get; init; }

    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>The value of <c>--tags</c> (a JSON list of Key/Value objects, which the CLI takes for any list parameter); null for none.</summary>
    public string? Tags { get; init; }

    public bool CopyTagsToSnapshot { get; init; }

    public bool MultiAz { get; init; }

    public bool DeletionProtection { get; init; }

    /// <summary>The re-seed of <paramref name="tier"/>, taking what the stack gave its primary from <paramref name="oldPrimary"/>.</summary>
    public static RdsReseedSpec Of(RdsTier tier, string instance, string sourceArn, RdsInstanceState oldPrimary)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(oldPrimary);
        return new RdsReseedSpec(instance, sourceArn, tier.RecoveryRegion, tier.ProductionClass, tier.PrimaryRegion)
        {
            KmsKey = oldPrimary.KmsKeyId,
            SubnetGroup = oldPrimary.SubnetGroup,
            SecurityGroups = tier.ClientSecurityGroups,
            Tags = TagsArgument(oldPrimary.Tags),
            CopyTagsToSnapshot = oldPrimary.CopyTagsToSnapshot,
            MultiAz = oldPrimary.MultiAz,
            DeletionProtection = oldPrimary.DeletionProtection,
        };
    }

    /// <summary><c>--tags</c> for <paramref name="tags"/> without AWS's reserved keys, in key order; null when none is left.</summary>
    public static string? TagsArgument(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var list = new JsonArray();
        foreach (var (key, value) in tags.Where(t => !t.Key.StartsWith(ReservedTagPrefix, StringComparison.OrdinalIgnoreCase)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            list.Add((JsonNode)new JsonObject { ["Key"] = key, ["Value"] = value });
        }

        return list.Count == 0 ? null : list.ToJsonString();
    }
}
