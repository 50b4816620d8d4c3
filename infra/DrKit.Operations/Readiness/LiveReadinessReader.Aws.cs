using System.Globalization;
using System.Text.Json;
using DrKit.Core.Model;
using DrKit.Core.Planning;
using DrKit.Core.Readiness;
using DrKit.Operations.Contract;
using DrKit.Operations.Cloud;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Readiness;

public sealed partial class LiveReadinessReader
{
    /// <summary><c>aws ec2 describe-capacity-reservations</c>: state and AvailableInstanceCount of one reservation (EC2 API, DescribeCapacityReservations).</summary>
    public static IReadOnlyList<string> CapacityArguments(string reservationId, string region) =>
        ["ec2", "describe-capacity-reservations", "--capacity-reservation-ids", reservationId, "--region", region, "--output", "json"];

    /// <summary>
    /// <c>aws rds describe-db-instance-automated-backups</c> in the recovery region: the automated backups there, among
    /// them the primary's replicated ones, whose RestoreWindow.LatestTime is the newest point it can be restored to
    /// there. The API says a <c>--db-instance-identifier</c> filter "must match the identifier of an existing DB
    /// instance", and none in the recovery region has the primary's, so DrKit lists them all and keeps those whose
    /// DBInstanceIdentifier (the source's) is the primary's
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstanceAutomatedBackups.html).
    /// </summary>
    public static IReadOnlyList<string> BackupArguments(string region) =>
        ["rds", "describe-db-instance-automated-backups", "--region", region, "--output", "json"];

    /// <summary>
    /// <c>aws rds describe-source-regions</c> in the recovery region for the primary region: RDS does not replicate
    /// automated backups between every pair of regions, and says per pair whether it does
    /// (SupportsDBInstanceAutomatedBackupsReplication, https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SourceRegion.html;
    /// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/AutomatedBackups.Replicating.Describe.html). Asked only when
    /// no replicated backup is found, to tell "not yet" from "never, for this pair".
    /// </summary>
    public static IReadOnlyList<string> SourceRegionArguments(string recovery, string primary) =>
        ["rds", "describe-source-regions", "--region", recovery, "--region-name", primary, "--output", "json"];

    /// <summary>
    /// Reserved GPU components with a reservation in the recovery region and its size: the reservations are targeted
    /// (only DrKit's serving group launches into them), so instances running in one are the service's own, and a
    /// failover can run as many as the reservation holds.
    /// </summary>
    private static IEnumerable<(string Component, int Needed)> Reservations(DrPlan plan, string recovery) =>
        plan.Components
            .Where(c => c.Settings is GpuSettings { Reserved: true })
            .Select(c => (c.Name, ((GpuSettings)c.Settings).Allocations.Where(a => a.Region == recovery).Sum(a => a.Reserved)))
            .Where(x => x.Item2 > 0);

    /// <summary>RDS PostgreSQL components whose automated backups are replicated into the recovery region.</summary>
    private static IEnumerable<ComponentPlan> BackedUp(DrPlan plan) =>
        plan.Components.Where(c => c.Settings is PostgresSettings { Engine: PostgresEngine.Rds, ReplicateAutomatedBackups: true } && c.Target.Rpo is not null);

    private async Task<IReadOnlyList<CapacityObservation>> CapacityAsync(DrPlan plan, StackOutputs outputs, string recovery, CancellationToken ct)
    {
        var observations = new List<CapacityObservation>();
        foreach (var (component, needed) in Reservations(plan, recovery))
        {
            if (OutputMap.Entry(outputs, plan.Stack, OperationsOutputNames.CapacityReservationIds, component, recovery) is not { } id)
            {
                observations.Add(new CapacityObservation(component, recovery, null, needed, $"stack {plan.Stack} exports no {OperationsOutputNames.CapacityReservationIds}[{component}][{recovery}]"));
                continue;
            }

            try
            {
                using var json = await cloud.RunJsonAsync(CapacityArguments(id, recovery), "Recovery capacity", "ec2:DescribeCapacityReservations", ct).ConfigureAwait(false);
                var reservation = json.RootElement.TryGetProperty("CapacityReservations", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 ? list[0] : (JsonElement?)null;
                var state = reservation is { } r && r.TryGetProperty("State", out var s) ? s.GetString() : null;
                int? available = Count(reservation, "AvailableInstanceCount");
                var running = Count(reservation, "TotalInstanceCount") is { } total && available is { } free ? Math.Max(0, total - free) : 0;
                // Only an active reservation holds capacity; an expired or cancelled one still reports its old count.
                observations.Add(new CapacityObservation(component, recovery, state == "active" ? available + running : 0, needed,
                    $"EC2 capacity reservation {id} in {recovery}: state {state ?? "unknown"}, {available?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} available, {running.ToString(CultureInfo.InvariantCulture)} running in it")
                {
                    Running = state == "active" ? running : 0,
                });
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new CapacityObservation(component, recovery, null, needed, e.Message));
            }
        }

        return observations;
    }

    private static int? Count(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : null;

    private async Task<IReadOnlyList<BackupObservation>> BackupsAsync(DrPlan plan, StackOutputs outputs, string recovery, CancellationToken ct)
    {
        var observations = new List<BackupObservation>();
        foreach (var c in BackedUp(plan))
        {
            // The alarm's yardstick, decided once in the core: the backup's interval + copy allowance + probe period.
            var allowed = Core.Monitoring.AlarmPlanner.BackupAgeThreshold((PostgresSettings)c.Settings);
            if (OutputMap.Entry(outputs, plan.Stack, OperationsOutputNames.PostgresInstanceIdentifiers, c.Name, plan.PrimaryRegion) is not { } id)
            {
                observations.Add(new BackupObservation(c.Name, recovery, null, allowed, $"stack {plan.Stack} exports no {OperationsOutputNames.PostgresInstanceIdentifiers}[{c.Name}][{plan.PrimaryRegion}]"));
                continue;
            }

            JsonDocument json;
            try
            {
                json = await cloud.RunJsonAsync(BackupArguments(recovery), "The replicated backup", "rds:DescribeDBInstanceAutomatedBackups", ct).ConfigureAwait(false);
            }
            catch (CloudCommandFailedException e)
            {
                observations.Add(new BackupObservation(c.Name, recovery, null, allowed, e.Message));
                continue;
            }

            DateTimeOffset? latest = null;
            using (json)
            {
                foreach (var b in AwsCli.Items(json.RootElement, "DBInstanceAutomatedBackups").Where(b => AwsCli.Text(b, "DBInstanceIdentifier") == id))
                {
                    if (b.TryGetProperty("RestoreWindow", out var window) && window.TryGetProperty("LatestTime", out var t) && t.ValueKind == JsonValueKind.String
                        && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && (latest is null || at > latest))
                    {
                        latest = at;
                    }
                }
            }

            observations.Add(latest is { } newest
                ? new BackupObservation(c.Name, recovery, time.GetUtcNow() - newest, allowed, $"RDS replicated automated backup of {id} in {recovery}: restorable to {Cloud.LagMetric.Timestamp(newest)}")
                : new BackupObservation(c.Name, recovery, null, allowed, $"RDS lists no replicated automated backup of {id} in {recovery}{await PairTextAsync(plan.PrimaryRegion, recovery, ct).ConfigureAwait(false)}"));
        }

        return observations;
    }

    /// <summary>Why backups are missing when the region pair is the cause: RDS's own answer for the pair, or nothing to add.</summary>
    private async Task<string> PairTextAsync(string primary, string recovery, CancellationToken ct)
    {
        try
        {
            using var json = await cloud.RunJsonAsync(SourceRegionArguments(recovery, primary), "The region pair", "rds:DescribeSourceRegions", ct).ConfigureAwait(false);
            var source = AwsCli.Items(json.RootElement, "SourceRegions").FirstOrDefault(r => AwsCli.Text(r, "RegionName") == primary);
            if (source.ValueKind != JsonValueKind.Object)
            {
                return $": RDS in {recovery} does not list {primary} as a source region, so nothing replicates from it there; choose a recovery region that does";
            }

            return source.TryGetProperty("SupportsDBInstanceAutomatedBackupsReplication", out var supported) && supported.ValueKind == JsonValueKind.False
                ? $": RDS does not replicate automated backups from {primary} to {recovery} (describe-source-regions), so none will arrive; choose a recovery region that supports it, or rely on the cross-region replica"
                : string.Empty;
        }
        catch (CloudCommandFailedException e)
        {
            return $" (whether RDS replicates backups from {primary} to {recovery} could not be read: {e.Message})";
        }
    }
}
