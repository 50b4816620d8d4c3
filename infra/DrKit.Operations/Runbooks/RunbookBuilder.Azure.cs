using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Runbooks;

/// <summary>
/// The runbook of a stack on Azure: Azure's signals (Service Health, Traffic Manager's endpoint monitor status, Azure
/// Monitor's replica lag), the Azure failover's own steps and calls, and the failback that drkit failback
/// runs (each step also given by hand). No AWS signal or call appears: an Azure stack declares no CloudWatch alarm, canary or topic.
/// </summary>
public static partial class RunbookBuilder
{
    private static IReadOnlyList<RunbookPhase> AzurePhases(DrPlan plan, OperationTopology topology, IReadOnlyList<DecisionRow> decisions) =>
        [AzureDetect(plan, topology), AzureAssess(plan, topology), Decide(plan, decisions), Execute(plan, topology), AzureVerify(plan, topology), AzureCommunicate(plan), AzureFailBack(plan, topology)];

    private static RunbookPhase AzureDetect(DrPlan plan, OperationTopology topology)
    {
        var steps = new List<RunbookStep>();
        if (AzureFailover.Traffic(topology) is { } tm)
        {
            var t = plan.Traffic;
            steps.Add(new($"Traffic Manager probes each endpoint every {t.HealthCheckIntervalSeconds}s from outside the region and marks it Degraded after {t.FailureThreshold} failures " +
                          $"({DurationText.Format(t.Detection)}); read the primary's monitor status from the profile in {tm.GroupRegion}, which stays readable while {plan.PrimaryRegion} is down " +
                          "(https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring).",
                AzureCalls.EndpointShow(tm.Group, tm.GroupRegion, tm.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(plan.PrimaryRegion)).CommandLine));
        }

        steps.Add(new("DrKit declares no Azure Monitor alert for this stack yet: detection rests on Traffic Manager's probes, the service's own monitoring, an external uptime check and user reports."));
        steps.Add(new($"Confirm the failure is regional, not one component: check Azure Service Health for {plan.PrimaryRegion} (service issues and resource health of the servers, caches and scale sets), " +
                      "https://learn.microsoft.com/azure/service-health/overview.", "az rest --method get --url \"https://management.azure.com/subscriptions/<subscription>/providers/Microsoft.ResourceHealth/events?api-version=2022-10-01\""));
        return new RunbookPhase("Detect", "Notice the failure from Azure's own signals, and confirm it.", steps);
    }

    private static RunbookPhase AzureAssess(DrPlan plan, OperationTopology topology)
    {
        var steps = new List<RunbookStep> { new("See exactly what the failover reads before it changes anything, without calling anything.", Drkit("failover", plan.Stack, " --dry-run")) };
        if (topology.RecoveryRegion is { } recovery)
        {
            steps.AddRange(AzureFailoverPlan.Postgres(topology, recovery).Select(p => new RunbookStep(
                $"{p.Component}: the replica in {recovery} must be Ready. Azure Monitor's {AzureCalls.ReplicaLagMetric} is the time since the last replayed transaction: " +
                "it grows on an idle primary and through an outage, so it is no data lag. With the primary answering, the planned switchover applies every pending WAL record; " +
                $"in an outage it is an upper bound on the loss, to hold against the RPO {DurationText.Format(topology.DataTiers.First(t => t.Component == p.Component).RpoTarget)}.",
                AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).CommandLine)));
            steps.AddRange(AzureFailoverPlan.Redis(topology, recovery).Select(r => new RunbookStep(
                $"{r.Component}: the {recovery} member must be Running and its Azure Monitor {AzureCalls.RedisGeoHealthMetric} 1 (a Linked link is configuration, not sync; the service publishes no sync lag).",
                AzureCalls.RedisDatabaseShow(r.RecoveryGroup, recovery, r.RecoveryInstance).CommandLine)));
            if (AzureFailover.Gpu(topology, recovery) is { } gpu)
            {
                steps.Add(new($"Recovery capacity in {recovery}: at least {topology.DesiredRunning} GPU instances reserved for the scale set. {AzureFailoverPlan.Capacity(gpu)}"));
            }
        }

        steps.Add(new("Scope: one component (restore or repair it alone), the primary region (fail over), or several regions (declare a disaster)."));
        return new RunbookPhase("Assess", "Decide how bad it is and whether the recovery side can take over.", steps);
    }

    private static RunbookPhase AzureVerify(DrPlan plan, OperationTopology topology) => new("Verify", "Confirm the recovery side serves, from real state.",
        [.. VerifyReads(topology), new("Test an end-to-end user request (retrieval, embedding, answer), not only health endpoints.")]);

    private static RunbookPhase AzureCommunicate(DrPlan plan) => new("Communicate", "Tell the right people, at the seeds' cadence.",
        [.. Notices(plan).Select(n => new RunbookStep($"{n.Audience}, {n.When}: {n.What} ({(n.Channel.StartsWith("alarm topics", StringComparison.Ordinal) ? "on-call paging" : n.Channel)})."))]);

    private static RunbookPhase AzureFailBack(DrPlan plan, OperationTopology topology)
    {
        if (topology.RecoveryRegion is not { } recovery)
        {
            return new RunbookPhase("Fail back", "Nothing to fail back: the stack has one region.", []);
        }

        var steps = new List<RunbookStep>
        {
            new($"Only when {plan.PrimaryRegion} is healthy again (Azure Service Health): 'drkit failback {plan.Stack}' runs these steps (its --dry-run prints each call); by hand, in this order:"),
        };
        // First, before anything else: after a forced promotion what the old server is when its region returns is not
        // documented, and clients that use its own name (not the writer endpoint) would find a writer.
        steps.AddRange(AzureFailoverPlan.Postgres(topology, recovery).Select(p => new RunbookStep(
            $"{p.Component}, before anything else: read {p.Server}; if its role is not a replica, cut its ingress so nothing can write to it (delete its firewall rules, " +
            "disable public network access or remove its private endpoint) before any other step " +
            "(https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote: after a forced promotion the former primary is to be deleted and recreated as a replica).",
            $"az postgres flexible-server show --resource-group {p.PrimaryGroup} --name {p.Server} --query replica.role && " +
            $"az postgres flexible-server firewall-rule list --resource-group {p.PrimaryGroup} --name {p.Server} && " +
            $"az postgres flexible-server firewall-rule delete --resource-group {p.PrimaryGroup} --name {p.Server} --rule-name <each rule> --yes")));
        steps.AddRange(AzureFailoverPlan.Postgres(topology, recovery).Select(p => new RunbookStep(
            $"{p.Component}: after a planned switchover {p.Server} is already a replica of the promoted server; after a forced promotion, delete it and wait for its name to be free " +
            $"(server names are global DNS names), then create a new replica of {p.Replica} in {plan.PrimaryRegion}, " +
            "wait for its lag to reach 0, then switch back with a planned switchover run on that replica " +
            "(https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote).",
            $"az postgres flexible-server delete --resource-group {p.PrimaryGroup} --name {p.Server} --yes && " +
            $"az postgres flexible-server replica create --resource-group {p.PrimaryGroup} --replica-name {p.Server} --source-server <resource id of {p.Replica}> --location {plan.PrimaryRegion}")));
        steps.AddRange(AzureFailoverPlan.Redis(topology, recovery).Select(r => new RunbookStep(
            $"{r.Component}: if the {plan.PrimaryRegion} member was force-unlinked, it is a standalone cache with old data: anything in {plan.PrimaryRegion} still connected to it reads stale data. " +
            "Delete it and recreate it into the geo-replication group (\"you need to delete the affected cache, and recreate it to add it back\", " +
            "https://learn.microsoft.com/azure/redis/how-to-active-geo-replication); never flush it, since a flush removes the data of every linked cache. " +
            "The next deployment recreates it into the group; then set writerRegion back.",
            $"az redisenterprise delete --cluster-name {r.PrimaryInstance} --resource-group {r.PrimaryGroup} --yes")));
        var sources = AzureFailover.Accounts(topology, plan.PrimaryRegion).ToDictionary(a => a.Component, StringComparer.Ordinal);
        steps.AddRange(AzureFailover.Accounts(topology, recovery).Where(a => sources.ContainsKey(a.Component)).Select(a => new RunbookStep(
            $"{a.Component}: once {plan.PrimaryRegion} answers, delete the object-replication policy on the source account too (the failover deleted only the destination's; " +
            "removal is on both accounts, https://learn.microsoft.com/azure/storage/blobs/object-replication-configure). The next 'pulumi up' no longer declares the " +
            "replication while failed over and deletes it, which reaches the source account: run it only once that region answers. " +
            $"Writes landed in {a.Account}; copy them back to the primary's account, then let the next deployment declare object replication from the primary again.",
            AzureCalls.ReplicationPolicies(sources[a.Component].Group, plan.PrimaryRegion, sources[a.Component].Account).CommandLine + " && " +
            AzureCalls.DeleteReplicationPolicy(sources[a.Component].Group, plan.PrimaryRegion, sources[a.Component].Account, "<policyId>").CommandLine)));
        if (AzureFailover.Traffic(topology) is { } tm)
        {
            steps.Add(new($"Return traffic in stages (10 %, 50 %, 100 % on {plan.PrimaryRegion}), endpoint status and weight only; the last stage is the steady state:",
                string.Join(" && ", TrafficManagerTraffic.Calls(tm, plan.PrimaryRegion, 100).Select(c => c.CommandLine))));
        }

        steps.Add(new("Within 48 hours: lessons learned, this runbook regenerated, a staging failover rehearsed.", Drkit("failover", plan.Stack, " --dry-run")));
        return new RunbookPhase("Fail back", "Return to the primary region safely: drkit failback, or these steps by hand.", steps);
    }
}
