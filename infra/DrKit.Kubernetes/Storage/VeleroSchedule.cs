using DrKit.Core.Platforms.Kubernetes;
using Pulumi;
using KubeObject = Pulumi.Kubernetes.ApiExtensions.CustomResource;
using static DrKit.Kubernetes.ObjectArgs;

namespace DrKit.Kubernetes.Storage;

public sealed class VeleroScheduleArgs : ResourceArgs
{
    public required VeleroBackup Backup { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The writer's region (from the operations state), whose cluster takes the backups.</summary>
    public required string Region { get; init; }

    public required ClusterProviders Providers { get; init; }
}

/// <summary>
/// A Velero Schedule (velero.io/v1) backing up one component's objects and volumes on a cron, each backup kept for
/// the plan's TTL. Schedules live in Velero's own namespace. It runs in the cluster of the component's writer region,
/// so backups go on after a failover. Volume data goes through File System Backup (Kopia) into the backup storage
/// location's bucket, which is replicated to the recovery region; volume snapshots (EBS) stay in their region and
/// could not be restored after losing it. https://velero.io/docs/latest/api-types/schedule/
/// https://velero.io/docs/latest/file-system-backup/
/// </summary>
public sealed class VeleroSchedule : ComponentResource
{
    public const string TypeToken = "drkit:kubernetes:VeleroSchedule";
    public const string Api = "velero.io/v1";
    public const string VeleroNamespace = "velero";

    public VeleroSchedule(string name, VeleroScheduleArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        _ = new KubeObject($"{name}-{args.Region}-schedule", new ObjectArgs(Api, "Schedule", $"{args.Namespace}-{name}", VeleroNamespace, SpecOf(Spec(args.Backup, args.Namespace))),
            args.Providers.For(args.Region, this));
        RegisterOutputs();
    }

    internal static Dictionary<string, object> Spec(VeleroBackup backup, string ns) => Map(
        ("schedule", backup.Cron),
        ("useOwnerReferencesInBackup", false),
        ("template", Map(
            ("includedNamespaces", new List<object> { ns }),
            ("labelSelector", Map(("matchLabels", backup.Selector.ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal)))),
            ("defaultVolumesToFsBackup", true),
            ("snapshotVolumes", false),
            ("ttl", backup.Ttl))));
}
