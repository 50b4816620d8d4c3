using static DrKit.Policies.Resources.InputValues;

namespace DrKit.Policies.Resources;

internal static partial class ResourceRules
{
    private static readonly string[] KmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

    private static IEnumerable<Violation> EncryptionAtRest(ResourceDescription r) => r.Type switch
    {
        ResourceTypes.BucketEncryption => BucketEncryption(r),
        ResourceTypes.ReplicationGroup => CacheEncryption(r),
        ResourceTypes.RdsInstance => DatabaseEncryption(r),
        _ => [],
    };

    private static IEnumerable<Violation> BucketEncryption(ResourceDescription r)
    {
        var rules = r.At("rules");
        if (IsUnknown(rules))
        {
            yield return Unverifiable(r, "the encryption rule");
            yield break;
        }

        var list = List(rules) ?? [];
        if (list.Count == 0)
        {
            yield return new Violation(Subject(r), "declares no encryption rule");
            yield break;
        }

        var algorithms = list.Select(rule => Map(rule) is { } m ? InputValues.At(m, "applyServerSideEncryptionByDefault.sseAlgorithm") : Reveal(rule)).ToList();
        var weak = algorithms.Where(a => !IsUnknown(a) && !(Text(a) is { } alg && KmsAlgorithms.Contains(alg))).Select(a => Text(a) ?? "no default encryption").ToList();
        if (weak.Count > 0)
        {
            yield return new Violation(Subject(r), $"encrypts with {string.Join(", ", weak)} instead of aws:kms");
        }
        else if (algorithms.Any(IsUnknown))
        {
            yield return Unverifiable(r, "the SSE algorithm");
        }
    }

    private static IEnumerable<Violation> CacheEncryption(ResourceDescription r)
    {
        // A Global Datastore secondary inherits encryption from the global group and may not set it itself.
        if (r.At("globalReplicationGroupId") is not null)
        {
            yield break;
        }

        var atRest = r.At("atRestEncryptionEnabled");
        if (IsUnknown(atRest))
        {
            yield return Unverifiable(r, "at-rest encryption");
        }
        else if (Bool(atRest) != true)
        {
            yield return new Violation(Subject(r), "at-rest encryption is off (atRestEncryptionEnabled is not true)");
        }
        else if (r.At("kmsKeyId") is null)
        {
            yield return new Violation(Subject(r), "encrypts at rest with the AWS-owned key: no kmsKeyId");
        }
    }

    private static IEnumerable<Violation> DatabaseEncryption(ResourceDescription r)
    {
        // A cross-region replica encrypts with the destination region's key (kmsKeyId). The provider never sends
        // storageEncrypted when it creates a replica, but reads it back true, and storageEncrypted is ForceNew: a
        // replica declared without it plans a replacement on every later update, its promotion included.
        if (r.At("replicateSourceDb") is not null)
        {
            if (r.At("kmsKeyId") is null)
            {
                yield return new Violation(Subject(r), "is a read replica without kmsKeyId: a cross-region replica of an encrypted source needs the recovery region's key");
            }

            var replicaEncrypted = r.At("storageEncrypted");
            if (!IsUnknown(replicaEncrypted) && Bool(replicaEncrypted) != true)
            {
                yield return new Violation(Subject(r),
                    "is a read replica without storageEncrypted true: RDS reads it back true and storageEncrypted forces replacement, so every later update, the promotion included, plans a replacement");
            }

            yield break;
        }

        var encrypted = r.At("storageEncrypted");
        if (IsUnknown(encrypted))
        {
            yield return Unverifiable(r, "storage encryption");
        }
        else if (Bool(encrypted) != true)
        {
            yield return new Violation(Subject(r), "storage is not encrypted (storageEncrypted is not true)");
        }
    }

    private static IEnumerable<Violation> SecretsNotPlaintext(ResourceDescription r)
    {
        string[] keys = r.Type switch
        {
            ResourceTypes.RdsInstance => ["password"],
            ResourceTypes.ReplicationGroup => ["authToken"],
            ResourceTypes.BucketReplicationConfig or ResourceTypes.BucketObjectLockConfiguration => ["token"],
            _ => [],
        };
        var plain = keys.Where(k => r.Inputs.TryGetValue(k, out var v) && v is not null and not SecretValue and not Unknown).ToList();
        if (plain.Count > 0)
        {
            yield return new Violation(Subject(r), $"{string.Join(", ", plain)} is given as plain text and would be stored unencrypted in the state");
        }
    }
}
