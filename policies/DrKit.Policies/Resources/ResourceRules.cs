using static DrKit.Policies.Resources.InputValues;

namespace DrKit.Policies.Resources;

/// <summary>
/// Rules over resources as they are registered. Cross-resource rules look only at resources registered before
/// (<c>seen</c> in each check), matched by known inputs or by a shared parent component. An unknown
/// value is never a violation: it is reported as not verifiable at registration, advisory at most.
/// </summary>
internal static partial class ResourceRules
{
    public delegate IEnumerable<Violation> Check(ResourceDescription resource, IReadOnlyList<ResourceDescription> seen);

    public static readonly IReadOnlyList<(PolicyRule Rule, Check Check)> Checks =
    [
        (RuleCatalog.ReplicationNeedsVersioning, ReplicationNeedsVersioning),
        (RuleCatalog.EncryptionAtRestKms, (r, _) => EncryptionAtRest(r)),
        (RuleCatalog.PublicAccessBlocked, (r, _) => PublicAccessBlocked(r)),
        (RuleCatalog.TlsOnlyBucketPolicy, (r, _) => TlsOnly(r)),
        (RuleCatalog.EcrReplicaMatchesSource, EcrMatchesSource),
        (RuleCatalog.RolePolicyNoWildcards, (r, _) => RolePolicyNoWildcards(r)),
        (RuleCatalog.SecretsNotPlaintext, (r, _) => SecretsNotPlaintext(r)),
    ];

    internal const string NotVerifiable = "not verifiable at registration";

    internal static string Subject(ResourceDescription r) => $"{r.Name} ({r.Type[(r.Type.LastIndexOf(':') + 1)..]})";

    private static Violation Unverifiable(ResourceDescription r, string what) => new(Subject(r), $"{what} is {NotVerifiable}", Unverifiable: true);

    private static IEnumerable<Violation> ReplicationNeedsVersioning(ResourceDescription r, IReadOnlyList<ResourceDescription> seen)
    {
        if (r.Type != ResourceTypes.BucketReplicationConfig)
        {
            yield break;
        }

        var bucket = r.At("bucket");
        var candidates = seen.Where(s => s.Type == ResourceTypes.BucketVersioning && SameBucket(s.At("bucket"), bucket, s, r)).ToList();
        var shown = Text(bucket) ?? "its source bucket";
        if (candidates.Count == 0)
        {
            yield return new Violation(Subject(r), $"replicates {shown} but no BucketVersioning for it was registered before it");
            yield break;
        }

        var statuses = candidates.Select(c => c.At("versioningConfiguration.status")).ToList();
        if (statuses.Any(s => Text(s) == "Enabled"))
        {
            yield break;
        }

        if (statuses.Any(IsUnknown))
        {
            yield return Unverifiable(r, $"versioning of {shown}");
            yield break;
        }

        yield return new Violation(Subject(r), $"replicates {shown}, whose versioning status is {string.Join(", ", statuses.Select(s => Text(s) ?? "unset"))}, not Enabled");
    }

    /// <summary>The same bucket when both names are known and equal; otherwise, registered under the same component.</summary>
    private static bool SameBucket(object? a, object? b, ResourceDescription x, ResourceDescription y)
    {
        if (Text(a) is { } knownA && Text(b) is { } knownB)
        {
            return knownA == knownB;
        }

        return x.Parent is not null && x.Parent == y.Parent;
    }

    private static IEnumerable<Violation> PublicAccessBlocked(ResourceDescription r)
    {
        if (r.Type != ResourceTypes.BucketPublicAccessBlock)
        {
            yield break;
        }

        string[] flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
        var values = flags.Select(f => (Flag: f, Value: r.At(f))).ToList();
        var off = values.Where(v => !IsUnknown(v.Value) && Bool(v.Value) != true).Select(v => $"{v.Flag} is {Text(v.Value) ?? "unset (false)"}").ToList();
        if (off.Count > 0)
        {
            yield return new Violation(Subject(r), $"public access is not fully blocked: {string.Join(", ", off)}");
        }
        else if (values.Any(v => IsUnknown(v.Value)))
        {
            yield return Unverifiable(r, "the public access block");
        }
    }
}
