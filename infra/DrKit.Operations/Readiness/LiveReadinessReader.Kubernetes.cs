using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;
using DrKit.Core.Readiness;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary>kubectl for the data tiers that run on Kubernetes (CloudNativePG, Redis with Sentinel); without it their
    /// lag is reported unread. They are never read through the AWS managed-service calls.</summary>
    public Kubectl? Kubernetes { get; init; }

    /// <summary>
    /// A Kubernetes tier's replica as the recovery cluster reports it, read the way the failover's own Readiness step
    /// reads it (the same adapters, read-only): for CloudNativePG the replica cluster's phase and conditions
    /// (<see cref="CnpgReadiness.Problems"/>), then its designated primary's replay lag; for Redis the recovery pod 0's
    /// <c>INFO replication</c>. Null when the recovery member already is the writer. A tier whose replica cluster is
    /// not declared yet (<c>replicaReady: false</c>) has no replica, which is an unknown lag, not a read.
    /// </summary>
    private async Task<LagObservation?> KubernetesLagAsync(DrPlan plan, OperationTopology topology, DataTierSpec tier, string recovery, CancellationToken ct)
    {
        var c = KubernetesFailover.Component(topology, tier.Component);
        if (c.Settings is CnpgSettings { ReplicaDeclared: false } undeclared)
        {
            return new LagObservation(tier.Component, recovery, null, tier.RpoTarget,
                $"not declared (replicaReady: false): no replica cluster replays {undeclared.Primary.Name} in {recovery} yet; set replicaReady once the base backup below is in {recovery}'s store");
        }

        if (Kubernetes is not { } kubectl)
        {
            return new LagObservation(tier.Component, recovery, null, tier.RpoTarget, "not read: this run has no kubectl");
        }

        try
        {
            if (c.Settings is CnpgSettings cnpg)
            {
                var target = KubernetesFailover.Target(c, recovery);
                var json = await kubectl.TryRunAsync(CnpgCalls.Get(target, cnpg.Replica!.Name), ct).ConfigureAwait(false);
                if (json is null)
                {
                    return new LagObservation(tier.Component, recovery, null, tier.RpoTarget, $"'{Kubectl.CommandLine(CnpgCalls.Get(target, cnpg.Replica.Name))}' failed or did not answer");
                }

                var problems = CnpgReadiness.Problems(cnpg.Replica.Name, JsonNode.Parse(json)?["status"]);
                if (problems.Count > 0 && !CnpgCalls.Status(json).IsPrimary)
                {
                    return new LagObservation(tier.Component, recovery, null, tier.RpoTarget, string.Join("; ", problems));
                }
            }

            var promoter = KubernetesFailover.Promoter(topology, tier, recovery, kubectl, new StackTarget(gateway, plan.Stack), time);
            var status = await promoter.GetStatusAsync(ct).ConfigureAwait(false);
            return status.ReplicaIsPrimary
                ? null
                : new LagObservation(tier.Component, recovery, status.Lag, tier.RpoTarget, KubernetesFailover.LastLag(promoter)?.Source ?? $"{tier.Component} in {recovery}");
        }
        catch (Exception e) when (e is OperationException or JsonException)
        {
            return new LagObservation(tier.Component, recovery, null, tier.RpoTarget, e.Message);
        }
    }

    /// <summary>
    /// The age of the newest base backup of each CNPG writer's current incarnation in the store its peer restores from,
    /// listed from S3 in that store's region (static stability: never the writer's cluster). Before the replica cluster
    /// is declared, this is the check that the first backup has arrived; before a rebuild, that there is one to
    /// rebuild from. None found is an unknown age with the reason.
    /// </summary>
    private async Task<IReadOnlyList<BackupObservation>> BaseBackupsAsync(DrPlan plan, CancellationToken ct)
    {
        var observations = new List<BackupObservation>();
        if (CnpgReadiness.BaseBackupStores(plan, Core.Operations.OperationsState.None).Count == 0)
        {
            return observations;
        }

        Core.Operations.OperationsState operations;
        try
        {
            operations = await OperationsStateAsync(plan, ct).ConfigureAwait(false);
        }
        catch (Core.Config.StackConfigException e)
        {
            return [.. CnpgReadiness.BaseBackupStores(plan, Core.Operations.OperationsState.None).Select(s => new BackupObservation(s.Component, s.Region, null, s.Allowed, e.Message))];
        }

        foreach (var store in CnpgReadiness.BaseBackupStores(plan, operations))
        {
            var where = $"s3://{store.Bucket}/{store.Prefix}";
            try
            {
                using var json = await cloud.RunJsonAsync(ListArguments(store.Bucket, store.Prefix, store.Region), "The CloudNativePG base backup", "s3:ListBucket", ct).ConfigureAwait(false);
                DateTimeOffset? newest = null;
                foreach (var o in Platforms.Aws.AwsCli.Items(json.RootElement, "Contents"))
                {
                    if (o.TryGetProperty("Key", out var key) && key.GetString() is { } k && k.EndsWith("/" + CnpgReadiness.BackupInfo, StringComparison.Ordinal)
                        && o.TryGetProperty("LastModified", out var modified)
                        && DateTimeOffset.TryParse(modified.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    {
                        newest = newest is { } n && n >= at ? n : at;
                    }
                }

                observations.Add(newest is { } latest
                    ? new BackupObservation(store.Component, store.Region, time.GetUtcNow() - latest, store.Allowed, $"newest {CnpgReadiness.BackupInfo} under {where} ({store.Region}) at {latest.UtcDateTime:yyyy-MM-dd HH:mm}Z")
                    : new BackupObservation(store.Component, store.Region, null, store.Allowed, $"no base backup under {where} ({store.Region}): the writer's first backup has not completed or not replicated"));
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new BackupObservation(store.Component, store.Region, null, store.Allowed, e.Message));
            }
        }

        return observations;
    }

    /// <summary><c>aws s3api list-objects-v2</c> of a prefix, in the bucket's region.</summary>
    public static IReadOnlyList<string> ListArguments(string bucket, string prefix, string region) =>
        ["s3api", "list-objects-v2", "--bucket", bucket, "--prefix", prefix, "--region", region, "--output", "json"];

    /// <summary>The dry-run lines of the Kubernetes tiers: the recovery cluster's reads, never an AWS managed-service call.</summary>
    private static string DescribeKubernetes(DrPlan plan, OperationTopology topology, DataTierSpec tier, string recovery)
    {
        var c = KubernetesFailover.Component(topology, tier.Component);
        return c.Settings is CnpgSettings { ReplicaDeclared: false }
            ? $"{tier.Component}: not declared (replicaReady: false), no replica lag to read; the base backup it bootstraps from is listed below"
            : c.Settings is CnpgSettings
                ? $"{KubernetesFailoverPlan.Readiness(topology, tier, recovery)}; status.phase '{CnpgReadiness.HealthyPhase}' and conditions {string.Join(", ", CnpgReadiness.WatchedConditions)} not False (gateway.GetConfig({plan.Stack}) for a recorded demotion token)"
                : $"{KubernetesFailoverPlan.Readiness(topology, tier, recovery)} (gateway.GetConfig({plan.Stack}) for a recorded writerRegion when pod 0 is master)";
    }

    private static IEnumerable<string> DescribeBaseBackups(DrPlan plan) =>
        CnpgReadiness.BaseBackupStores(plan, Core.Operations.OperationsState.None).Select(s =>
            $"{s.Component} base backup: {ReplicaLagReader.CommandLine(ListArguments(s.Bucket, s.Prefix, s.Region))} (newest .../{CnpgReadiness.BackupInfo} younger than {Core.Objectives.DurationText.Format(s.Allowed)}; the writer and its server name from gateway.GetConfig({plan.Stack}) drkit-ops:promote.* and archiveGeneration.*)");
}
