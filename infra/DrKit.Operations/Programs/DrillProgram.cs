using System.Globalization;
using System.Security.Cryptography;
using DrKit.Core.Platforms.Aws;
using DrKit.Core.Platforms.Azure;
using DrKit.Failover;
using DrKit.Operations.Adapters;
using DrKit.Operations.Cloud;
using DrKit.Operations.Contract;
using DrKit.Operations.Drills;
using DrKit.Operations.Gateway;
using DrKit.Operations.Steps;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Programs;

/// <summary>
/// A cloud drill: recovers a stack's data into a fresh, ephemeral drill stack in the recovery region (RDS
/// point-in-time restore from the replicated automated backups, Redis from its newest snapshot there, self-managed
/// PostgreSQL from the WAL archive, objects and images read from the replicas; see <see cref="DrillRestore"/>),
/// probes the restored copies' state at RDS and ElastiCache, measures RTO (deploy start to passing probes) and RPO per
/// path (<see cref="DrillObjectives"/>: the age of each backup when it was read, and the replication lag at drill
/// start) against their targets, lists what it could not measure, and always destroys and removes the drill stack
/// afterwards, also on failure or cancellation (a cancel lets the deployment end within its restores' create timeout,
/// so what it created is in the state; a deployment cut past that bound keeps the stack if anything tagged with it is left). It never promotes, fences or switches anything of the source. Writes
/// drill history and a report. The drill stack is marked ephemeral in its config (every backend) and, where the
/// backend keeps them, in its tags.
/// </summary>
public sealed partial class DrillProgram(IStackGateway gateway, GlobalDatastoreSwitch redis, RecoveryPointReader points, ReplicaLagReader lag, TimeProvider time, IFailoverObserver? observer = null)
{
    public const string Name = "drill";
    public const string EphemeralTag = "drkit:ephemeral";
    public const string TtlTag = "drkit:ttl";
    public const string SourceTag = "drkit:source";
    public const string MarkStep = "MarkEphemeral";
    public const string RecoveryPointsStep = "ReadRecoveryPoints";
    public const string ReplicationLagStep = "ReadReplicationLag";
    public const string LeftoversStep = "CheckLeftovers";

    /// <summary><c>&lt;stack&gt;-drill-&lt;utc yyyyMMddHHmmss&gt;-&lt;4 hex&gt;</c>.</summary>
    public static string NewStackName(string stack, DateTimeOffset now, string? hex = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{stack}-drill-{now.UtcDateTime:yyyyMMddHHmmss}-{hex ?? RandomNumberGenerator.GetHexString(4, lowercase: true)}");

    public static IReadOnlyList<OperationStep> Plan(OperationTopology topology, DrillSettings settings, string drillStack, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        Platforms.Kubernetes.KubernetesFailover.RefuseCloudDrill(topology);
        var mode = ModeOf(settings);
        var region = Region(topology);
        var tiers = Tiers(topology, region);
        var copied = settings.SourceConfig.Values.Count == 0 ? "no source config" : string.Join(", ", settings.SourceConfig.Values.Keys);
        var expiry = Expiry(now, settings);
        var azure = OnAzure(topology);
        return
        [
            CommonSteps.PrerequisitesStep(ReadsRecoveryPoints(tiers) && !azure),
            .. azure ? [AzureCliStep] : Array.Empty<OperationStep>(),
            new("SelectSource", $"gateway.SelectStack({topology.Stack})", "the stack being drilled must exist; it is only read, never changed"),
            new("ReadSourceOutputs", $"gateway.GetOutputs({topology.Stack})", "the source's outputs (restore sources: backup ARNs, replication group ids, buckets) feed the drill stack"),
            new("CreateDrillStack", $"gateway.CreateOrSelectStack({drillStack})", "a fresh stack, so the drill never touches the source"),
            new(MarkStep, $"gateway.SetConfig({drillStack}): {OpsConfig.Ephemeral}=true, {OpsConfig.Ttl}={expiry}; " +
                $"gateway.SetTags({drillStack}): {EphemeralTag}=true, {TtlTag}={expiry}, {SourceTag}={topology.Stack} (skipped where the backend keeps no tags: file://, s3://, azblob://, gs://)",
                "marks it ephemeral before its first up: only such stacks may be torn down, and cleanup jobs find expired ones"),
            new("ConfigureDrillStack",
                $"gateway.SetConfig({drillStack}): {copied}; {OpsConfig.DrillMode}={Text(mode)}, {OpsConfig.DrillSourceStack}={topology.Stack}, " +
                $"{OpsConfig.DrillRegion}={region}, {OpsConfig.Source("<output>")}=<value> for every output of {topology.Stack} (secrets stay secret)" +
                (settings.SourceConfig.SkippedSecrets.Count > 0 ? $"; not copied (secure): {string.Join(", ", settings.SourceConfig.SkippedSecrets)}" : string.Empty),
                "the drill stack plans the same topology and restores its data from the source's outputs"),
            new(RecoveryPointsStep, RecoveryPointText(topology, tiers, region, drillStack),
                "the newest point each tier can be restored to, read from the source's copies in the drill region; the drill stack restores to exactly it, and the time of the read is the simulated failure its restore-path RPO counts from. " +
                "A cache with no snapshot is not restored in this run (nothing declared or probed: an empty cache would time nothing) and is listed as not measured"),
            new(ReplicationLagStep, ReplicationLagText(topology, region),
                "the replication-path RPO at drill start, read only: the lag of the source's replica or Global Datastore member in the drill region, " +
                "and for the tiers read in place the S3 replication metrics of the last hour and the ECR replication status of each repository's newest image"),
            new("Preview", $"gateway.Preview({drillStack})", "catches program and config errors before anything is created"),
            new("Deploy", $"gateway.Up({drillStack}): {RestoreText(tiers)}",
                $"recovery starts here (RTO counts from this moment) in {region}; the drill stack declares only the restored tiers: no traffic records or health checks, no registry-wide settings, no buckets, repositories or capacity"),
            new("Probes", $"every {FailoverProgram.Text(settings.ProbeInterval)} for up to {FailoverProgram.Text(settings.ProbeTimeout)}: {ProbeText(tiers, drillStack)}",
                "recovery is done when the service reports every restored copy available; that moment ends the measured RTO. The probes read state from " +
                (azure ? "Azure Resource Manager; they do not connect to the data (public network access is off)" : "RDS and ElastiCache; they do not connect to the data (the endpoints are private to the VPC)")),
            new("Measure", MeasureText(topology, tiers),
                "each figure against its own target: a restore's RTO against that restore path's figure (a drill never times the promotion a replicated tier's RTO target promises; drkit failover of a staging stack does); what is not measured keeps the verdict from met"),
            new("Destroy", $"gateway.Destroy({drillStack}) (always, also on failure or cancellation; fresh token, {FailoverProgram.Text(TeardownBound(topology, tiers, settings))} bound: " +
                $"{FailoverProgram.Text(settings.TeardownTimeout)} of deletions after up to {FailoverProgram.Text(RestoreBound(topology, tiers))} for a restore still running)",
                $"no restored copy outlives the drill (a cancel during Deploy lets the deployment finish, up to {FailoverProgram.Text(CancelWait(topology, settings))}, so what it created is in the state and destroyed; " +
                $"a second interrupt stops waiting, cuts the deployment and skips destroy: the stack is kept for 'drkit teardown {drillStack}')"),
            new(LeftoversStep, $"after any deployment that did not end (failed, timed out or cut; a cut one is first unlocked with gateway.CancelUpdate({drillStack}), 'pulumi cancel'), whatever destroy did: " +
                (azure ? $"{RecoveryPointReader.AzureProgram} {string.Join(' ', RecoveryPointReader.LeftoverArguments(drillStack, region, azure: true))}" : RecoveryPointReader.CommandLine(RecoveryPointReader.LeftoverArguments(drillStack, region))),
                "a restore the deployment started but the provider had not recorded (RDS records an instance only once it is available, so a create timeout leaves it out) is not in the state, so destroy cannot see it; " +
                "anything still tagged with the drill stack keeps the stack (no Remove) and is named in the report"),
            new("Remove", $"gateway.Remove({drillStack})", "no drill leaves a stack behind"),
            new("Record", $"append to {settings.HistoryPath ?? "(no history file)"}; report in {settings.ReportDirectory ?? "(no report directory)"}",
                "drill evidence for the drill-age policy and audits"),
        ];
    }

    /// <summary>Runs the drill. <paramref name="ct"/> cancels it: a deployment in flight may still end, for at most
    /// <see cref="CancelWait"/>, so its restores are in the state and destroyed. <paramref name="stopWaiting"/> (a second
    /// interrupt) ends that wait and any destroy at once: the deployment is cut, the stack unlocked, what is left named,
    /// and the stack kept for <c>drkit teardown</c>.</summary>
    public async Task<OperationResult> RunAsync(OperationTopology topology, DrillSettings settings, CancellationToken ct, CancellationToken stopWaiting = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        Platforms.Kubernetes.KubernetesFailover.RefuseCloudDrill(topology);
        var startedAt = time.GetUtcNow();
        var start = time.GetTimestamp();
        var drillStack = settings.DrillStack ?? NewStackName(topology.Stack, startedAt);
        var mode = ModeOf(settings);
        var region = Region(topology);
        var tiers = Tiers(topology, region);
        var runner = new ProgramRunner(time, observer, drillStack);

        // Nothing exists yet: failures here propagate as they are and leave nothing to clean up.
        var azure = OnAzure(topology);
        await CommonSteps.RunPrerequisitesAsync(runner, gateway, redis, ReadsRecoveryPoints(tiers) && !azure, ct).ConfigureAwait(false);
        if (azure)
        {
            await runner.RunAsync(AzureCliStep.Name, async () => $"{await points.EnsureAzureCliAsync(ct).ConfigureAwait(false)} present").ConfigureAwait(false);
        }

        await runner.RunAsync("SelectSource", async () =>
        {
            await gateway.SelectStackAsync(topology.Stack, ct).ConfigureAwait(false);
            return $"source stack {topology.Stack} selected";
        }).ConfigureAwait(false);
        var sourceOutputs = await runner.RunAsync("ReadSourceOutputs", async () =>
        {
            var outputs = await gateway.GetOutputsAsync(topology.Stack, ct).ConfigureAwait(false);
            return (outputs, string.Create(CultureInfo.InvariantCulture, $"{outputs.Values.Count} outputs"));
        }).ConfigureAwait(false);

        var run = new DrillRun(runner) { Azure = azure };
        var cancelled = false;
        try
        {
            await RecoverAsync(topology, settings, drillStack, mode, region, tiers, sourceOutputs, startedAt, run, ct, stopWaiting).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled = true;
            run.Error = "cancelled";
        }
        catch (Exception ex) when (run.Created)
        {
            run.Error = $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            if (run.Created)
            {
                run.TornDown = await TearDownAsync(drillStack, region, TeardownBound(topology, tiers, settings), run, stopWaiting).ConfigureAwait(false);
            }
        }

        var record = BuildRecord(topology, settings, drillStack, mode, tiers, startedAt, run);
        await WriteAsync(record, settings).ConfigureAwait(false);
        if (cancelled)
        {
            throw new OperationCanceledException($"Drill {drillStack} was cancelled; the drill stack was {(run.TornDown ? "torn down" : "NOT torn down")}" +
                (run.Leftovers.Count > 0 ? $"; still tagged with it in {region}: {string.Join(", ", run.Leftovers)}" : string.Empty) + ".", ct);
        }

        var outcome = record.Verdict switch
        {
            CloudDrillVerdict.Met => OperationOutcome.Succeeded,
            CloudDrillVerdict.Missed => OperationOutcome.Missed,
            _ => OperationOutcome.Failed,
        };
        return new OperationResult(Name, topology.Stack, drillStack, outcome, runner.Records, time.GetElapsedTime(start), record.Summary)
        {
            Drill = record,
            MeasuredRto = record.Rto,
        };
    }

    private async Task RecoverAsync(OperationTopology topology, DrillSettings settings, string drillStack, DrillMode mode, string region,
        IReadOnlyList<TierRestore> tiers, StackOutputs sourceOutputs, DateTimeOffset startedAt, DrillRun run, CancellationToken ct, CancellationToken stopWaiting)
    {
        var runner = run.Runner;
        await runner.RunAsync("CreateDrillStack", async () =>
        {
            // Counted as created before the call: a failure half way must still be torn down.
            run.Created = true;
            await gateway.CreateOrSelectStackAsync(drillStack, ct).ConfigureAwait(false);
            return $"stack {drillStack} created";
        }).ConfigureAwait(false);
        await runner.RunAsync(MarkStep, async () =>
        {
            var expiry = Expiry(startedAt, settings);
            // Config first: it works on every backend, so teardown and cleanup can always recognise the stack.
            await gateway.SetConfigAsync(drillStack, new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
            {
                [OpsConfig.Ephemeral] = ConfigSetting.Plain(OpsConfig.Text(true)),
                [OpsConfig.Ttl] = ConfigSetting.Plain(expiry),
            }, ct).ConfigureAwait(false);
            var marked = $"{OpsConfig.Ephemeral}=true, {OpsConfig.Ttl}={expiry}";
            var tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [EphemeralTag] = "true",
                [TtlTag] = expiry,
                [SourceTag] = topology.Stack,
            };
            try
            {
                await gateway.SetTagsAsync(drillStack, tags, ct).ConfigureAwait(false);
                return $"{marked}; tags {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}";
            }
            catch (Exception e) when (e is StackTagsUnsupportedException or StackCommandFailedException)
            {
                // Tags are a convenience for backends that show them; the config marker already makes the stack ephemeral.
                return $"{marked}; tags not set ({e.Message})";
            }
        }).ConfigureAwait(false);
        await runner.RunAsync("ConfigureDrillStack", async () =>
        {
            var values = new Dictionary<string, ConfigSetting>(settings.SourceConfig.Values, StringComparer.Ordinal)
            {
                [OpsConfig.DrillMode] = ConfigSetting.Plain(Text(mode)),
                [OpsConfig.DrillSourceStack] = ConfigSetting.Plain(topology.Stack),
                [OpsConfig.DrillRegion] = ConfigSetting.Plain(region),
            };
            foreach (var (name, output) in sourceOutputs.Values)
            {
                values[OpsConfig.Source(name)] = new ConfigSetting(output.Value, output.Secret);
            }

            await gateway.SetConfigAsync(drillStack, values, ct).ConfigureAwait(false);
            return string.Create(CultureInfo.InvariantCulture, $"{values.Count} config values, {sourceOutputs.Values.Count} from source outputs");
        }).ConfigureAwait(false);
        await runner.RunAsync(RecoveryPointsStep, () => ReadRecoveryPointsAsync(topology, drillStack, region, tiers, sourceOutputs, run, ct)).ConfigureAwait(false);
        await runner.RunAsync(ReplicationLagStep, () => ReadReplicationLagAsync(topology, region, tiers, sourceOutputs, run, ct)).ConfigureAwait(false);
        await runner.RunAsync("Preview", async () => (await gateway.PreviewAsync(drillStack, ct).ConfigureAwait(false)).ToString()).ConfigureAwait(false);

        run.RecoveryStart = time.GetUtcNow();
        // Not the caller's token: cutting 'pulumi up' while RDS and ElastiCache build the copies would leave them out of
        // the state (pending creates) and destroy would never delete them. A cancel lets the deployment end, within the
        // bound its restores carry anyway (or the --cancel-wait cap); only past it, or at a second interrupt, is the
        // deployment cut, and teardown then unlocks the stack and checks for leftovers.
        using var deploy = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        var bound = CancelWait(topology, settings);
        using (ct.Register(() => deploy.CancelAfter(bound)))
        using (stopWaiting.Register(deploy.Cancel))
        {
            await runner.RunAsync("Deploy", async () =>
            {
                // Counted before the call: a deployment that fails, times out or is cut may have started restores outside the state.
                run.DeployStarted = true;
                try
                {
                    var outputs = await gateway.UpAsync(drillStack, deploy.Token).ConfigureAwait(false);
                    run.DeployEnded = true;
                    return (outputs, string.Create(CultureInfo.InvariantCulture, $"deployed, {outputs.Values.Count} outputs"));
                }
                catch (OperationCanceledException) when (deploy.IsCancellationRequested)
                {
                    run.DeployCut = true;
                    throw new OperationCanceledException(stopWaiting.IsCancellationRequested
                        ? "the deployment was cut at the second interrupt; what it was creating may be outside the state"
                        : $"the deployment was cut {FailoverProgram.Text(bound)} after the drill was cancelled; what it was creating may be outside the state", ct);
                }
            }).ConfigureAwait(false);
        }

        // Cancelled while the deployment ran: it ended, so everything it created is in the state for teardown.
        ct.ThrowIfCancellationRequested();
        run.Outputs = await runner.RunAsync("Probes", () => ProbeUntilHealthyAsync(drillStack, tiers.Where(t => t.Probed && !run.NotRestored.ContainsKey(t.Component)).ToList(), settings, ct)).ConfigureAwait(false);
        run.RecoveredAt = time.GetUtcNow();
    }

    private static async Task WriteAsync(DrillRecord record, DrillSettings settings)
    {
        // Evidence is written even for a cancelled drill, so it uses no caller token.
        if (settings.HistoryPath is { } history)
        {
            await DrillHistoryFile.AppendAsync(history, record, CancellationToken.None).ConfigureAwait(false);
        }

        if (settings.ReportDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, $"{record.DrillId}.md"), DrillReport.Render(record), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static TimeSpan RestoreBound(OperationTopology topology, IReadOnlyList<TierRestore> tiers) => DrillRestore.RestoreBound(tiers, topology.Components);

    /// <summary>How long a cancelled drill lets a deployment in flight run on: its restores' bound, capped by
    /// <see cref="DrillSettings.CancelWait"/>.</summary>
    public static TimeSpan CancelWait(OperationTopology topology, DrillSettings settings)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var bound = RestoreBound(topology, Tiers(topology, Region(topology)));
        return settings.CancelWait is { } cap && cap < bound ? cap : bound;
    }

    private static TimeSpan TeardownBound(OperationTopology topology, IReadOnlyList<TierRestore> tiers, DrillSettings settings) =>
        DrillRestore.TeardownBound(RestoreBound(topology, tiers), settings.TeardownTimeout);

    private static IEnumerable<TierRestore> Measured(IReadOnlyList<TierRestore> tiers) => tiers.Where(t => t.RecoveryPointOutput is not null);

    private static IReadOnlyList<TierRestore> Tiers(OperationTopology topology, string region) => OnAzure(topology)
        ? AzureDrillRestore.For(topology.Components, topology.PrimaryRegion, region)
        : DrillRestore.For(topology.Components, topology.PrimaryRegion, region);

    /// <summary>Whether the stack runs on Azure: its tiers are decided by <see cref="AzureDrillRestore"/> and read with the Azure CLI.</summary>
    private static bool OnAzure(OperationTopology topology) => topology.Components.Any(c => c.Settings is AzureSettings);

    /// <summary>The Azure CLI check of a drill of an Azure stack, after the stack engine's.</summary>
    private static readonly OperationStep AzureCliStep = new("AzureCli", $"{RecoveryPointReader.AzureProgram} {string.Join(' ', RecoveryPointReader.AzureVersionArguments)}",
        "the drill reads the source server and probes the restored one with the Azure CLI; it fails here, before any stack exists, when the CLI is missing");

    private static bool ReadsRecoveryPoints(IReadOnlyList<TierRestore> tiers) => tiers.Any(t => t.ReadsPoint || t.Probed);

    /// <summary>A cloud drill restores; promoting a replica of the source would need the source's replication (and, for a
    /// Global Datastore, a switch of its writer), which a drill must never touch.</summary>
    private static DrillMode ModeOf(DrillSettings settings) => settings.Mode switch
    {
        DrillMode.Promote => throw new OperationRefusedException(
            "Cloud drills restore from the source's backups and snapshots in the recovery region and never promote: promoting a replica " +
            "of the source (or switching its Global Datastore) would act on production. Rehearse promotion with 'drkit failover --dry-run' " +
            "and a failover of a staging stack. Nothing was changed."),
        _ => DrillMode.Restore,
    };

    private static string Region(OperationTopology topology) => topology.RecoveryRegion ?? topology.PrimaryRegion;

    private static string Expiry(DateTimeOffset now, DrillSettings settings) =>
        (now + settings.Ttl).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Text(DrillMode mode) => mode == DrillMode.Promote ? "promote" : "restore";

    /// <summary>Mutable state of one drill run, shared between recovery, teardown and the record.</summary>
    private sealed class DrillRun(ProgramRunner runner)
    {
        public ProgramRunner Runner { get; } = runner;

        public bool Created { get; set; }

        public bool TornDown { get; set; }

        /// <summary>Whether <c>pulumi up</c> was started.</summary>
        public bool DeployStarted { get; set; }

        /// <summary>Whether <c>pulumi up</c> ended successfully.</summary>
        public bool DeployEnded { get; set; }

        /// <summary>Whether the deployment was cut before it ended (past the cancel wait, or at a second interrupt): the
        /// update never finished, so the backend still holds its lock until it is cancelled.</summary>
        public bool DeployCut { get; set; }

        /// <summary>A deployment that started and did not end (failed, timed out or cut): a restore it started may be outside
        /// the state (the provider records an RDS instance only once it is available), so teardown checks the region.</summary>
        public bool DeployIncomplete => DeployStarted && !DeployEnded;

        /// <summary>ARNs still tagged with the drill stack after teardown of an incomplete deployment.</summary>
        public List<string> Leftovers { get; } = [];

        public DateTimeOffset? RecoveryStart { get; set; }

        public DateTimeOffset? RecoveredAt { get; set; }

        public StackOutputs? Outputs { get; set; }

        /// <summary>When each tier's recovery point was read: the simulated failure its restore-path RPO counts from.</summary>
        public Dictionary<string, DateTimeOffset> ReadAt { get; } = new(StringComparer.Ordinal);

        /// <summary>Replication lag read at drill start, per component: the lag, or why it is unknown.</summary>
        public Dictionary<string, LagReading> Lags { get; } = new(StringComparer.Ordinal);

        /// <summary>Tiers the drill stack does not restore in this run (a cache without a snapshot), with why.</summary>
        public Dictionary<string, string> NotRestored { get; } = new(StringComparer.Ordinal);

        /// <summary>Replication of the tiers read in place (buckets, vector index, images), per component.</summary>
        public Dictionary<string, ReplicationFigure> Copies { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether the drilled stack runs on Azure (leftovers are listed with the Azure CLI).</summary>
        public bool Azure { get; init; }

        public string? Error { get; set; }
    }
}
