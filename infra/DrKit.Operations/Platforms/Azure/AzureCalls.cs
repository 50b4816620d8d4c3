namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// The <c>az</c> calls of Azure operations, each naming the resource group (hence the region) it targets, built once
/// for the adapters and for what a dry run prints. Every resource is addressed by the name DrKit decided for it
/// (<see cref="Core.Platforms.Azure.AzureNames"/>), so no stack output is read.
/// </summary>
public static class AzureCalls
{
    /// <summary>The metric Azure Monitor publishes on a read replica: "Read Replica Lag", in seconds.
    /// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-monitoring</summary>
    public const string ReplicaLagMetric = "physical_replication_delay_in_seconds";

    /// <summary>Resource type of a PostgreSQL flexible server for <c>az monitor metrics list</c>.</summary>
    public const string FlexibleServerType = "Microsoft.DBforPostgreSQL/flexibleServers";

    /// <summary>A server's state (<c>state</c>), role (<c>replica.role</c>, older <c>replicationRole</c>) and replication state.</summary>
    public static AzCommand ServerShow(string group, string region, string server) =>
        new("postgres flexible-server show", region, ["--resource-group", group, "--name", server]);

    /// <summary>
    /// Promotes a read replica. <paramref name="switchover"/>: "promote to primary server", roles swap and the writer virtual
    /// endpoint follows; otherwise "promote to independent server". <paramref name="planned"/>: pending WAL is applied first
    /// (no loss); forced: the replica opens at its nearest consistent point, for regional outages.
    /// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote
    /// </summary>
    public static AzCommand Promote(string group, string region, string replica, bool switchover, bool planned) =>
        new("postgres flexible-server replica promote", region,
        [
            "--resource-group", group, "--name", replica,
            "--promote-mode", switchover ? "switchover" : "standalone",
            "--promote-option", planned ? "planned" : "forced", "--yes",
        ]);

    /// <summary>
    /// Creates a read replica of <paramref name="sourceServerId"/> (the writer, by resource id since it lives in another
    /// region's group) named <paramref name="replica"/> in <paramref name="group"/> of <paramref name="region"/>; the CLI
    /// waits until it exists. Server names are unique and cannot be changed, so a server of that name must not exist.
    /// https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-read-replicas-cli
    /// </summary>
    public static AzCommand ReplicaCreate(string group, string region, string replica, string sourceServerId) =>
        new("postgres flexible-server replica create", region,
            ["--replica-name", replica, "--source-server", sourceServerId, "--resource-group", group, "--location", region]);

    /// <summary>Deletes a server (its backups stay restorable as a dropped server within the retention:
    /// https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-restore-dropped-server).</summary>
    public static AzCommand ServerDelete(string group, string region, string server) =>
        new("postgres flexible-server delete", region, ["--resource-group", group, "--name", server, "--yes"]);

    /// <summary>The replica's lag over the last minutes, one-minute maxima, from Azure Monitor in the replica's region.</summary>
    public static AzCommand ReplicaLag(string group, string region, string replica, string start, string end) =>
        new("monitor metrics list", region,
        [
            "--resource", replica, "--resource-group", group, "--resource-type", FlexibleServerType,
            "--metric", ReplicaLagMetric, "--aggregation", "Maximum", "--interval", "PT1M", "--start-time", start, "--end-time", end,
        ]);

    /// <summary>Azure Monitor's "Geo Replication Healthy" metric of a Managed Redis instance: 1 healthy, 0 unhealthy or
    /// disconnected, one-minute points. The link's <c>state</c> (Linked) is its configuration, not whether it syncs.
    /// https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cache-redisenterprise-metrics,
    /// https://learn.microsoft.com/azure/redis/how-to-active-geo-replication ("Geo-replication metric")</summary>
    public const string RedisGeoHealthMetric = "geoReplicationHealthy";

    /// <summary>Resource type of a Managed Redis instance for <c>az monitor metrics list</c>.</summary>
    public const string RedisEnterpriseType = "Microsoft.Cache/redisEnterprise";

    /// <summary>The instance's geo-replication health over the last minutes, one-minute maxima, in its own region.</summary>
    public static AzCommand RedisGeoHealth(string group, string region, string cluster, string start, string end) =>
        new("monitor metrics list", region,
        [
            "--resource", cluster, "--resource-group", group, "--resource-type", RedisEnterpriseType,
            "--metric", RedisGeoHealthMetric, "--aggregation", "Maximum", "--interval", "PT1M", "--start-time", start, "--end-time", end,
        ]);

    /// <summary>A Managed Redis instance's database (<c>default</c>): its state and geo-replication links
    /// (<c>geoReplication.linkedDatabases[].id/state</c>). https://learn.microsoft.com/azure/redis/how-to-active-geo-replication</summary>
    public static AzCommand RedisDatabaseShow(string group, string region, string cluster) =>
        new("redisenterprise database show", region, ["--cluster-name", cluster, "--resource-group", group]);

    /// <summary>Removes a lost member from the surviving database's geo-replication group, run against the survivor.
    /// https://learn.microsoft.com/azure/redis/how-to-active-geo-replication#force-unlink-if-theres-a-region-outage</summary>
    public static AzCommand RedisForceUnlink(string group, string region, string cluster, string unlinkId) =>
        new("redisenterprise database force-unlink", region, ["--cluster-name", cluster, "--resource-group", group, "--unlink-ids", unlinkId]);

    /// <summary>The object-replication policies of a storage account (on the destination: the ones that keep its containers read-only).</summary>
    public static AzCommand ReplicationPolicies(string group, string region, string account) =>
        new("storage account or-policy list", region, ["--account-name", account, "--resource-group", group]);

    /// <summary>Deletes an object-replication policy from the destination account: its containers accept writes again.
    /// https://learn.microsoft.com/azure/storage/blobs/object-replication-overview</summary>
    public static AzCommand DeleteReplicationPolicy(string group, string region, string account, string policyId) =>
        new("storage account or-policy delete", region, ["--account-name", account, "--resource-group", group, "--policy-id", policyId]);

    /// <summary>A capacity reservation group with its instance view: per reservation the capacity Azure really holds and bills
    /// (<c>utilizationInfo.currentCapacity</c>), not the requested <c>sku.capacity</c>, which a reservation that could not be
    /// fully allocated exceeds. https://learn.microsoft.com/rest/api/compute/capacity-reservation-groups/get ($expand=instanceView),
    /// https://learn.microsoft.com/rest/api/compute/capacity-reservations/get (CapacityReservationUtilization.currentCapacity)</summary>
    public static AzCommand Reservations(string group, string region, string reservationGroup) =>
        new("capacity reservation group show", region, ["--resource-group", group, "--name", reservationGroup, "--instance-view"]);

    /// <summary>Sets a scale set's instance count without waiting for the long-running operation (a GPU set scaled from 0
    /// can take longer than one CLI call's bound); the engine then polls the instances until they run.
    /// https://learn.microsoft.com/cli/azure/vmss#az-vmss-scale</summary>
    public static AzCommand Scale(string group, string region, string scaleSet, int capacity) =>
        new("vmss scale", region, ["--resource-group", group, "--name", scaleSet, "--new-capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-wait"]);

    /// <summary>The scale set's instances with their power state (<c>instanceView.statuses[].code</c> <c>PowerState/running</c>).</summary>
    public static AzCommand Instances(string group, string region, string scaleSet) =>
        new("vmss list-instances", region, ["--resource-group", group, "--name", scaleSet, "--expand", "instanceView"]);

    /// <summary>One Traffic Manager external endpoint: status, weight, monitor status.</summary>
    public static AzCommand EndpointShow(string group, string region, string profile, string endpoint) =>
        new("network traffic-manager endpoint show", region, ["--resource-group", group, "--profile-name", profile, "--name", endpoint, "--type", "externalEndpoints"]);

    /// <summary>
    /// Enables or disables an endpoint and sets its weight (1-1000), never the profile's routing method: a disabled
    /// endpoint takes no traffic under any routing method, and weights share traffic among enabled ones.
    /// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-manage-endpoints,
    /// https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#weighted
    /// </summary>
    public static AzCommand EndpointUpdate(string group, string region, string profile, string endpoint, bool enabled, int? weight = null) =>
        new("network traffic-manager endpoint update", region,
        [
            "--resource-group", group, "--profile-name", profile, "--name", endpoint, "--type", "externalEndpoints",
            "--endpoint-status", enabled ? "Enabled" : "Disabled",
            .. weight is { } w ? new[] { "--weight", w.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [],
        ]);
}
