using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Policies.Platforms.Kubernetes;

/// <summary>
/// Rules for the risks running on Kubernetes adds, over the decided plan: an unencrypted WAL archive, placeholder
/// capacity below the GPUs the plan needs at failover, and a replica cluster that lives with its primary.
/// </summary>
internal static class KubernetesRules
{
    public static readonly PolicyRule WalArchiveEncrypted = new(
        "kubernetes-wal-archive-encrypted", "CloudNativePG WAL archives and base backups are encrypted by the object store (walEncryption AES256 or aws:kms)",
        Severity.High, PolicyLevel.Mandatory, "set walEncryption: aws:kms (or AES256) on the postgres component", RuleScope.Plan);

    public static readonly PolicyRule PlaceholdersCoverGpus = new(
        "kubernetes-placeholders-cover-gpus", "Placeholder pods in each recovery cluster hold the GPUs of every inference pod the plan needs there and does not run",
        Severity.High, PolicyLevel.Mandatory, "keep reserved: true (pilot-light or warm-standby) so placeholders hold count x gpusPerPod GPUs", RuleScope.Plan)
    {
        CriticalTierLevel = PolicyLevel.Mandatory,
    };

    public static readonly PolicyRule ReplicaInOtherCluster = new(
        "kubernetes-replica-cluster-elsewhere", "A replica cluster runs in a different Kubernetes cluster, and object store, from its primary",
        Severity.Critical, PolicyLevel.Mandatory, "give the recovery region its own cluster (drkit:kubernetes.clusters) and its own objectStores entry", RuleScope.Plan);

    public static readonly PolicyRule ArchiveIdentity = new(
        "kubernetes-archive-identity", "Every CloudNativePG cluster archiving to S3 has an identity for its store: an IAM role (roleArns, IRSA) or a credentials secret",
        Severity.High, PolicyLevel.Mandatory, "set roleArns (region -> IAM role for the CNPG ServiceAccount) or credentialsSecret on the postgres component", RuleScope.Plan);

    public static readonly IReadOnlyList<PolicyRule> All = [WalArchiveEncrypted, PlaceholdersCoverGpus, ReplicaInOtherCluster, ArchiveIdentity];

    /// <summary>
    /// An S3 store without a credentials secret is reached with <c>inheritFromIAMRole</c>; without an IRSA role on the
    /// Cluster's ServiceAccount that falls back to the node role, which least-privilege nodes do not give: no WAL is
    /// archived and the replica cannot bootstrap. https://cloudnative-pg.io/plugin-barman-cloud/docs/object_stores/#s3
    /// </summary>
    public static IEnumerable<Violation> Identity(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            if (c.Settings is not CnpgSettings { CredentialsSecret: null } cnpg)
            {
                continue;
            }

            var missing = cnpg.Members.Where(m => m.DestinationPath.StartsWith("s3://", StringComparison.Ordinal) && !cnpg.RoleArns.ContainsKey(m.Region)).Select(m => m.Region).ToList();
            if (missing.Count > 0)
            {
                yield return new Violation(c.Name, $"no IAM role (roleArns) and no credentialsSecret for the S3 store of {string.Join(", ", missing)}: the CNPG pods there archive with the node's role, if it has any", c.Tier);
            }
        }
    }

    public static IEnumerable<Violation> WalArchive(DrPlan plan) =>
        plan.Components.Where(c => c.Settings is CnpgSettings { Encryption: ArchiveEncryption.None })
            .Select(c => new Violation(c.Name, "walEncryption: none leaves WAL and base backups to the bucket's default encryption, which the plan cannot verify", c.Tier));

    public static IEnumerable<Violation> Placeholders(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            if (c.Settings is not GpuInferenceSettings gpu)
            {
                continue;
            }

            foreach (var a in gpu.Allocations.Where(a => a.Region != plan.PrimaryRegion && a.Running + a.Placeholders < gpu.Replicas))
            {
                var held = (a.Running + a.Placeholders) * gpu.GpusPerPod;
                yield return new Violation(c.Name, $"{a.Region} holds {held} of the {gpu.Replicas * gpu.GpusPerPod} GPUs inference needs there at failover (running {a.Running}, placeholders {a.Placeholders})", c.Tier);
            }
        }
    }

    public static IEnumerable<Violation> ReplicaPlacement(DrPlan plan)
    {
        foreach (var c in plan.Components)
        {
            if (c.Settings is not CnpgSettings { Replica: { } replica } cnpg)
            {
                continue;
            }

            var primaryCluster = cnpg.Placement.Clusters.FirstOrDefault(k => k.Region == cnpg.Primary.Region)?.Identity;
            var replicaCluster = cnpg.Placement.Clusters.FirstOrDefault(k => k.Region == replica.Region)?.Identity;
            if (replica.Region == cnpg.Primary.Region || primaryCluster == replicaCluster)
            {
                yield return new Violation(c.Name, $"the replica cluster {replica.Name} runs in the same Kubernetes cluster ({replicaCluster}) as its primary: it does not survive the loss of that region", c.Tier);
            }

            if (replica.DestinationPath == cnpg.Primary.DestinationPath)
            {
                yield return new Violation(c.Name, $"the replica cluster archives to and reads from the primary's store {replica.DestinationPath}: the WAL it recovers from is lost with {cnpg.Primary.Region}", c.Tier);
            }
        }
    }
}
