using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// Self-managed PostgreSQL servers behind SSM Run Command: a primary host and a streaming standby host, each answering
/// the scripts DrKit sends (status, fence, unfence, promote, WAL switch) the way PostgreSQL would, a WAL shipper that
/// archives the promoted writer's segments into its region's bucket, and S3 listing that bucket.
/// </summary>
internal sealed partial class FakeAws
{
    public const string PrimaryHost = "i-0a1b2c3d4e5f60001";
    public const string StandbyHost = "i-0a1b2c3d4e5f60002";
    public const string RecoveryArchive = "context-store-bucket";

    private int _commands;

    /// <summary>Instance id -> server state.</summary>
    public Dictionary<string, PgHost> Hosts { get; } = new(StringComparer.Ordinal)
    {
        [PrimaryHost] = new(PilotLightProgram.Primary) { Lsn = 0x3000100 },
        [StandbyHost] = new(PilotLightProgram.Recovery) { InRecovery = true, Lsn = 0x3000000, ReceiveLsn = 0x3000100, Streaming = true },
    };

    /// <summary>Keys the WAL shipper wrote, per bucket.</summary>
    public Dictionary<string, List<string>> Archived { get; } = new(StringComparer.Ordinal) { [RecoveryArchive] = [] };

    /// <summary>When set, the status script on the standby exits 1 with this stderr (PostgreSQL not answering).</summary>
    public string? StandbyPostgresError { get; set; }

    private readonly Dictionary<string, (string Status, string Output, string Error)> _invocations = new(StringComparer.Ordinal);

    private CloudCommandResult Ssm(IReadOnlyList<string> arguments) => arguments switch
    {
        ["ssm", "describe-instance-information", ..] => Ok(JsonSerializer.Serialize(new
        {
            InstanceInformationList = Hosts.Where(h => Value(arguments, "--filters").EndsWith(h.Key, StringComparison.Ordinal) && h.Value.Region == Value(arguments, "--region"))
                .Select(h => new { InstanceId = h.Key, PingStatus = h.Value.Offline ? "ConnectionLost" : "Online" }),
        })),
        ["ssm", "send-command", ..] => Send(Value(arguments, "--instance-ids"), Value(arguments, "--parameters")),
        ["ssm", "cancel-command", ..] => CancelCommand(Value(arguments, "--command-id")),
        ["ssm", "get-command-invocation", ..] => _invocations.TryGetValue(Value(arguments, "--command-id"), out var run)
            ? Ok(JsonSerializer.Serialize(new { run.Status, StandardOutputContent = run.Output, StandardErrorContent = run.Error, ResponseCode = run.Status == "Success" ? 0 : 1 }))
            : new CloudCommandResult(254, string.Empty, "An error occurred (InvocationDoesNotExist) when calling the GetCommandInvocation operation"),
        _ => new CloudCommandResult(252, string.Empty, $"unexpected arguments: {string.Join(' ', arguments)}"),
    };

    /// <summary>When set, list-objects-v2 fails with this stderr.</summary>
    public string? ArchiveError { get; set; }

    /// <summary>bucket -> objects with their LastModified, listed by list-objects-v2 in full (not just keys) when the bucket is here.</summary>
    public Dictionary<string, List<(string Key, DateTimeOffset Modified)>> StoredObjects { get; } = new(StringComparer.Ordinal);

    private CloudCommandResult ListArchive(IReadOnlyList<string> arguments)
    {
        if (ArchiveError is { } error)
        {
            return new CloudCommandResult(254, string.Empty, error);
        }

        // S3 filters by prefix; without one the CLI would page through the whole archive.
        if (!arguments.Contains("--prefix"))
        {
            return new CloudCommandResult(255, string.Empty, "Read timeout: the listing paged through the whole archive");
        }

        var prefix = Value(arguments, "--prefix");
        var bucket = Value(arguments, "--bucket");
        if (BucketRegions.TryGetValue(bucket, out var home) && home != Value(arguments, "--region"))
        {
            return new CloudCommandResult(254, string.Empty, $"An error occurred (PermanentRedirect) when calling the ListObjectsV2 operation: the bucket is in {home}");
        }

        if (StoredObjects.TryGetValue(bucket, out var stored))
        {
            // As S3 lists them: Key, LastModified (ISO 8601), Size; only the keys under the prefix.
            return Ok(JsonSerializer.Serialize(new
            {
                Contents = stored.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(o => new { o.Key, LastModified = o.Modified.ToString("yyyy-MM-ddTHH:mm:ss+00:00", System.Globalization.CultureInfo.InvariantCulture), Size = 1024 }).ToArray(),
                KeyCount = stored.Count(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)),
            }));
        }

        return Ok(JsonSerializer.Serialize(new { Contents = Archived.GetValueOrDefault(Value(arguments, "--bucket"))?.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray() }));
    }

    private CloudCommandResult Send(string instance, string parameters)
    {
        var script = string.Join("\n", JsonDocument.Parse(parameters).RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        var id = $"cmd-{++_commands}";
        var host = Hosts[instance];
        Scripts.Add(script);
        if (host.Offline)
        {
            // SSM keeps the command queued for delivery until its timeout: nothing has run.
            _invocations[id] = ("Pending", string.Empty, string.Empty);
            Queued[id] = script;
            return Ok(JsonSerializer.Serialize(new { Command = new { CommandId = id, Status = "Pending" } }));
        }

        _invocations[id] = script switch
        {
            _ when script.Contains("main stop", StringComparison.Ordinal) => Fence(host),
            _ when script.Contains("main start", StringComparison.Ordinal) => Unfence(host),
            _ when script.Contains("pg_promote", StringComparison.Ordinal) => Promote(host),
            _ when script.Contains("pg_switch_wal", StringComparison.Ordinal) => SwitchWal(host),
            _ when script.Contains("pg_is_in_recovery", StringComparison.Ordinal) => Status(instance, host, script),
            _ => ("Failed", string.Empty, $"unexpected script: {script}"),
        };
        return Ok(JsonSerializer.Serialize(new { Command = new { CommandId = id, Status = "Pending" } }));
    }

    /// <summary>Scripts sent to hosts, in order, as the agent would run them.</summary>
    public List<string> Scripts { get; } = [];

    /// <summary>Commands queued for an offline host and not cancelled, by command id.</summary>
    public Dictionary<string, string> Queued { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets what get-command-invocation reports for <paramref name="id"/>.</summary>
    public void SetInvocation(string id, string status, string output = "") => _invocations[id] = (status, output, string.Empty);

    private CloudCommandResult CancelCommand(string id)
    {
        Queued.Remove(id);
        if (_invocations.TryGetValue(id, out var run) && run.Status == "Pending")
        {
            _invocations[id] = ("Cancelled", string.Empty, string.Empty);
        }

        return Ok("{}");
    }

    /// <summary>How often a standby's lag script asked the primary over the replication connection.</summary>
    public int PrimaryAsked { get; private set; }

    private (string, string, string) Status(string instance, PgHost host, string script)
    {
        if (!host.Running)
        {
            return ("Failed", string.Empty, "psql: error: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: No such file or directory");
        }

        if (instance == StandbyHost && StandbyPostgresError is { } error)
        {
            return ("Failed", string.Empty, error);
        }

        if (host.PromotionPending && --host.ReadsUntilPromoted <= 0)
        {
            // The promote signal sent earlier completes: nothing withdrew it.
            host.PromotionPending = false;
            host.InRecovery = false;
        }

        if (!host.InRecovery)
        {
            return ("Success", "f||||||\n", string.Empty);
        }

        // Each read finds replay one step further, up to what was received. Keepalives keep the message age fresh
        // whatever the byte lag; the sender last reported the primary's flush position.
        var primary = Hosts[PrimaryHost];
        var read = $"t|{Lsn(host.Lsn)}|{Lsn(host.ReceiveLsn)}|{host.ReplayAge}|{(host.Streaming ? "0.2" : string.Empty)}|{(host.Streaming ? Lsn(primary.Lsn) : string.Empty)}|drkit_standby\n";
        host.Lsn = host.ReceiveLsn;
        if (script.Contains("IDENTIFY_SYSTEM", StringComparison.Ordinal))
        {
            // The standby host asks the primary over the network the stream uses: no SSM call to the primary's region.
            PrimaryAsked++;
            read += primary.Running && FailedRegion != primary.Region
                ? $"primary\n7301234567890123456|1|{Lsn(primary.Lsn)}|\n#in_hot_standby\noff\n#synchronous_standby_names\n{primary.SynchronousStandbyNames}\n"
                : "primary-unreachable|psql: error: connection to server at \"10.0.1.5\", port 5432 failed: timeout expired\n";
        }

        return ("Success", read, string.Empty);
    }

    private (string, string, string) Fence(PgHost host)
    {
        host.StandbySignal = true;
        if (host.Running)
        {
            host.Running = false;
            host.Lsn += 0x28;
            // A clean shutdown sends the remaining WAL, shutdown checkpoint included, to the streaming standby.
            var standby = Hosts[StandbyHost];
            if (standby.Streaming)
            {
                standby.ReceiveLsn = host.Lsn;
            }
        }

        host.Fences++;
        return ("Success", $"Database cluster state:               shut down\nLatest checkpoint location:           {Lsn(host.Lsn)}\n", string.Empty);
    }

    private (string, string, string) Unfence(PgHost host)
    {
        host.Unfences++;
        host.StandbySignal = false;
        host.Running = true;
        return ("Success", "waiting for server to start.... done\nserver started\n", string.Empty);
    }

    private (string, string, string) Promote(PgHost host)
    {
        host.Promotions++;
        host.ReplayAtPromotion = host.Lsn;
        if (host.ReadsUntilPromoted > 0)
        {
            // pg_promote(true, 60) gave up waiting; the promotion goes on in the background.
            host.PromotionPending = true;
            return ("Success", "f\n", string.Empty);
        }

        host.InRecovery = false;
        return ("Success", "t\n", string.Empty);
    }

    private (string, string, string) SwitchWal(PgHost host)
    {
        const string segment = "000000020000000000000004";
        // The host's shipper writes to its own region's archive, as the WAL shipper role allows.
        if (host.Region == PilotLightProgram.Recovery)
        {
            Archived[RecoveryArchive].Add($"wal_005/{segment}.br");
        }

        return ("Success", segment + "\n", string.Empty);
    }

    private static string Lsn(ulong lsn) => $"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}";
}

/// <summary>One PostgreSQL server as the fake knows it.</summary>
internal sealed class PgHost(string region)
{
    public string Region { get; } = region;

    public bool Running { get; set; } = true;

    public bool InRecovery { get; set; }

    public bool StandbySignal { get; set; }

    /// <summary>The writer's current LSN, or the standby's replayed LSN.</summary>
    public ulong Lsn { get; set; }

    public ulong ReceiveLsn { get; set; }

    public bool Streaming { get; set; }

    public double ReplayAge { get; set; } = 0.5;

    /// <summary>The primary's synchronous_standby_names, as its server has it.</summary>
    public string SynchronousStandbyNames { get; set; } = "ANY 1 (drkit_standby)";

    public int Promotions { get; set; }

    public int Fences { get; set; }

    public int Unfences { get; set; }

    /// <summary>Status reads after pg_promote before the promotion completes; 0: pg_promote completes it at once.</summary>
    public int ReadsUntilPromoted { get; set; }

    public bool PromotionPending { get; set; }

    /// <summary>The SSM agent is not connected: commands stay queued.</summary>
    public bool Offline { get; set; }

    /// <summary>What the standby had replayed when it was promoted.</summary>
    public ulong? ReplayAtPromotion { get; set; }

    /// <summary>Takes writes: running, not in recovery, no standby.signal in effect.</summary>
    public bool IsWriter => Running && !InRecovery;
}
