using DrKit.Core.Objectives;
using DrKit.Core.Planning;
using DrKit.Operations.Platforms.Azure;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Runbooks;

/// <summary>
/// The runbook of a stack on Azure: Azure's signals (Service Health, Traffic Manager's endpoint monitor status, Azure
/// Monitor's replica lag), the Azure failover's own steps and calls, and the failback to do by hand until drkit failback
/// runs on Azure. No AWS signal or call appears: an Azure stack declares no CloudWatch alarm, canary or topic.
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
                $"{p.Component}: the replica in {recovery} must be Ready and its lag (Azure Monitor {AzureCalls.ReplicaLagMetric}) at most the RPO {DurationText.Format(topology.DataTiers.First(t => t.Component == p.Component).RpoTarget)}.",
                AzureCalls.ServerShow(p.RecoveryGroup, recovery, p.Replica).CommandLine)));
            steps.AddRange(AzureFailoverPlan.Redis(topology, recovery).Select(r => new RunbookStep(
                $"{r.Component}: the {recovery} member must be Running; its link to {r.PrimaryInstance} reads Linked while both replicate (the service publishes no sync lag).",
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
            new($"drkit failback does not run on Azure stacks yet. Only when {plan.PrimaryRegion} is healthy again (Azure Service Health), by hand, in this order:"),
        };
        steps.AddRange(AzureFailoverPlan.Postgres(topology, recovery).Select(p => new RunbookStep(
            $"{p.Component}: after a planned switchover {p.Server} is already a replica of the promoted server; after a forced promotion, delete it and create a new replica of {p.Replica} in {plan.PrimaryRegion}, " +
            "wait for its lag to reach 0, then switch back with a planned switchover run on that replica " +
            "(https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote).",
            $"az postgres flexible-server replica create --resource-group {p.PrimaryGroup} --replica-name {p.Server} --source-server <resource id of {p.Replica}> --location {plan.PrimaryRegion}")));
        steps.AddRange(AzureFailoverPlan.Redis(topology, recovery).Select(r => new RunbookStep(
            $"{r.Component}: if the {plan.PrimaryRegion} member was force-unlinked, flush it and link it back to the group (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication), then set writerRegion back.",
            $"az redisenterprise database force-link-to-replication-group --cluster-name {r.PrimaryInstance} --resource-group {r.PrimaryGroup} --group-nickname <group> --linked-databases id=<id of the {recovery} database>")));
        steps.AddRange(AzureFailover.Accounts(topology, recovery).Select(a => new RunbookStep(
            $"{a.Component}: writes landed in {a.Account}; copy them back to the primary's account, then let the next deployment declare object replication from the primary again.")));
        if (AzureFailover.Traffic(topology) is { } tm)
        {
            steps.Add(new($"Return traffic: enable the {plan.PrimaryRegion} endpoint (a Weighted profile can take weights 100/900, 500/500, then disable {recovery}; a Priority profile moves all at once).",
                AzureCalls.EndpointUpdate(tm.Group, tm.GroupRegion, tm.Profile, Core.Platforms.Azure.AzureNames.TrafficEndpoint(plan.PrimaryRegion), true, TrafficManagerTraffic.MaxWeight).CommandLine));
        }

        steps.Add(new("Within 48 hours: lessons learned, this runbook regenerated, a staging failover rehearsed.", Drkit("failover", plan.Stack, " --dry-run")));
        return new RunbookPhase("Fail back", "Return to the primary region safely, by hand until drkit failback runs on Azure.", steps);
    }
}
