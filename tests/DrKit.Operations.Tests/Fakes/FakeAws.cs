using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// The AWS CLI as <see cref="GlobalDatastoreSwitch"/> and <see cref="ReplicaLagReader"/> use it: one Global Datastore
/// with a member per region, a failover call that moves the PRIMARY role after a number of describe calls, CloudWatch
/// datapoints per dimension value, and every call recorded.
/// </summary>
internal sealed partial class FakeAws : ICloudCommand
{
    public const string GlobalId = "ldgnf-pilot-light-session-cache";
    public const string PrimaryGroup = "pilot-light-session-cache-use1";
    public const string RecoveryGroup = "pilot-light-session-cache-usw2";
    public const string PrimaryInstance = "pilot-light-context-store-use1";
    public const string RecoveryInstance = "pilot-light-context-store-usw2";

    private int _describesUntilSwitch = -1;
    private string? _pendingPrimary;

    /// <summary>Region -> (replication group, role).</summary>
    public Dictionary<string, (string Group, string Role)> Members { get; } = new(StringComparer.Ordinal)
    {
        [PilotLightProgram.Primary] = (PrimaryGroup, "PRIMARY"),
        [PilotLightProgram.Recovery] = (RecoveryGroup, "SECONDARY"),
    };

    public List<IReadOnlyList<string>> Calls { get; } = [];

    /// <summary>Automatic snapshot retention every replication group reports (0: it takes none).</summary>
    public int SnapshotRetentionLimit { get; set; } = 7;

    /// <summary>Replication group -> member clusters, as describe-replication-groups lists them.</summary>
    public Dictionary<string, string[]> MemberClusters { get; } = new(StringComparer.Ordinal)
    {
        [RecoveryGroup] = [$"{RecoveryGroup}-001", $"{RecoveryGroup}-002"],
        [PrimaryGroup] = [$"{PrimaryGroup}-001", $"{PrimaryGroup}-002"],
    };

    /// <summary>CloudWatch datapoints (time, Maximum in seconds) by dimension value; none by default.</summary>
    public Dictionary<string, List<(DateTimeOffset At, double Maximum)>> Datapoints { get; } = new(StringComparer.Ordinal);

    /// <summary>Synthetics canary state by (name, region), as get-canary reports it; a canary not listed is not found.</summary>
    public Dictionary<(string Name, string Region), string> CanaryStates { get; } = [];

    /// <summary>SNS subscription ARNs by topic ARN ("PendingConfirmation" for one not confirmed); none by default.</summary>
    public Dictionary<string, string[]> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Minimum per datapoint by dimension value where it differs from the recorded value (a 0/1 status that flapped within the minute).</summary>
    public Dictionary<string, double> Minimums { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, get-metric-statistics exits 254 with this stderr.</summary>
    public string? CloudWatchError { get; set; }

    /// <summary>Every CloudWatch dimension value of the pilot-light recovery members reports <paramref name="seconds"/> a minute ago.</summary>
    public FakeAws WithRecoveryLag(DateTimeOffset now, double seconds)
    {
        foreach (var dimension in MemberClusters[RecoveryGroup].Append(RecoveryInstance))
        {
            Datapoints[dimension] = [(now.AddMinutes(-1), seconds)];
        }

        return this;
    }

    public List<TimeSpan> Timeouts { get; } = [];

    /// <summary>Cancelled at call <see cref="CrashAtCall"/> (0-based), as if the process died before that call.</summary>
    public CancellationTokenSource? Crash { get; set; }

    public int CrashAtCall { get; set; } = -1;

    /// <summary>The most RDS instances that took writes at once after any call (a writer, available, not behind a fence group).</summary>
    public int MostWriters { get; private set; }

    private void CountWriters() => MostWriters = Math.Max(MostWriters, Instances.Values.Count(i =>
        i.Source is null && i.Status is "available" or "modifying" && !(i.Groups.Length == 1 && i.Groups[0].StartsWith(FenceGroup, StringComparison.Ordinal))));

    /// <summary>Latest restorable time of the RDS automated backups describe-db-instance-automated-backups reports; none when null.</summary>
    public DateTimeOffset? RestorableTime { get; set; }

    /// <summary>What describe-source-regions says of the primary region as a source of automated backup replication; true as for most pairs.</summary>
    public bool BackupReplicationSupported { get; set; } = true;

    /// <summary>Creation time of the one available snapshot describe-snapshots reports (<see cref="SnapshotName"/>); none when null.</summary>
    public DateTimeOffset? SnapshotTime { get; set; }

    public const string SnapshotName = "automatic.pilot-light-session-cache-usw2-2030-01-01-11-00";

    /// <summary>Drill recovery points <paramref name="age"/> before <paramref name="now"/>, for the RDS backups and the Redis snapshot.</summary>
    public FakeAws WithRecoveryPoints(DateTimeOffset now, TimeSpan age)
    {
        RestorableTime = now - age;
        SnapshotTime = now - age;
        return this;
    }

    /// <summary>Capacity reservations by id: state and available instances, as describe-capacity-reservations reports them.</summary>
    public Dictionary<string, (string State, int Available)> Reservations { get; } = new(StringComparer.Ordinal);

    /// <summary>Describe calls after a failover before the new primary reports PRIMARY (<see cref="int.MaxValue"/>: never).</summary>
    public int DescribesBeforePrimary { get; set; }

    /// <summary>Also log each call here as "aws &lt;verb&gt;" (e.g. a StackWorld's calls, to check the order against stack changes).</summary>
    public List<string>? SharedLog { get; set; }

    public GlobalDatastoreSwitch Switch(TimeProvider time) => new(this, time);

    public ReplicaLagReader Lag(TimeProvider time) => new(this, time);

    /// <summary>When set, 'aws' is not on PATH.</summary>
    public bool Missing { get; set; }

    /// <summary>When set, the failover call exits 254 with this stderr.</summary>
    public string? FailoverError { get; set; }

    public IEnumerable<string> Verbs => Calls.Select(c => c.Count > 1 ? c[1] : c[0]);

    public async Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        Assert.That(program, Is.EqualTo("aws"), "the switch runs the AWS CLI");
        if (Crash?.IsCancellationRequested == true || (Crash is not null && CrashAtCall == Calls.Count))
        {
            // The process dies here: this call and every later one never reach AWS.
            Crash.Cancel();
            throw new OperationCanceledException("simulated crash", Crash.Token);
        }

        Calls.Add([.. arguments]);
        SharedLog?.Add($"aws {(arguments.Count > 1 ? arguments[1] : arguments[0])}");
        Timeouts.Add(timeout);
        if (Missing)
        {
            throw new CloudCliMissingException(program, "'aws' is not on PATH or could not be started (No such file or directory).");
        }

        if (InOutage(arguments))
        {
            return await OutageAsync(arguments, timeout, ct).ConfigureAwait(false);
        }

        var result = arguments switch
        {
            ["rds", "describe-db-instances", ..] when IsRestored(arguments, "--db-instance-identifier") => DescribeRestored(arguments, rds: true),
            ["elasticache", "describe-replication-groups", ..] when IsRestored(arguments, "--replication-group-id") => DescribeRestored(arguments, rds: false),
            ["rds", "describe-db-instance-automated-backups", ..] when BackupsError is { } backupsError => new CloudCommandResult(254, string.Empty, backupsError),
            ["rds", "describe-db-instance-automated-backups", ..] => Ok(JsonSerializer.Serialize(new
            {
                DBInstanceAutomatedBackups = RestorableTime is { } latest
                    ? new object[]
                    {
                        // A replicated backup keeps its source's identifier.
                        new { DBInstanceIdentifier = arguments.Contains("--db-instance-identifier") ? Value(arguments, "--db-instance-identifier") : PrimaryInstance, DBInstanceAutomatedBackupsArn = $"arn:aws:rds:us-west-2:123456789012:auto-backup:ab-{PrimaryInstance}", Status = "replicating", RestoreWindow = new { EarliestTime = latest.AddDays(-7).ToString("O"), LatestTime = latest.ToString("O") } },
                    }.Concat(arguments.Any(a => a.StartsWith("--db-instance", StringComparison.Ordinal)) ? [] : new object[]
                    {
                        // Unfiltered, the region lists other instances' backups too; only the primary's count.
                        new { DBInstanceIdentifier = "someone-else", DBInstanceAutomatedBackupsArn = "arn:aws:rds:us-west-2:123456789012:auto-backup:ab-other", Status = "active", RestoreWindow = new { EarliestTime = latest.AddDays(-7).ToString("O"), LatestTime = latest.AddHours(1).ToString("O") } },
                    }).ToArray()
                    : [],
            })),
            ["rds", "describe-source-regions", ..] => Ok(JsonSerializer.Serialize(new
            {
                SourceRegions = new[] { new { RegionName = Value(arguments, "--region-name"), Status = "available", SupportsDBInstanceAutomatedBackupsReplication = BackupReplicationSupported } },
            })),
            // Reservations set by readiness tests; the failover world (Cloud) answers for the others.
            ["ec2", "describe-capacity-reservations", ..] when Reservations.ContainsKey(Value(arguments, "--capacity-reservation-ids")) => Ok(JsonSerializer.Serialize(new
            {
                CapacityReservations = Reservations.TryGetValue(Value(arguments, "--capacity-reservation-ids"), out var r)
                    ? new[] { new { CapacityReservationId = Value(arguments, "--capacity-reservation-ids"), State = r.State, AvailableInstanceCount = r.Available, TotalInstanceCount = 2 } }
                    : [],
            })),
            ["rds", ..] or ["autoscaling", ..] or ["ec2", ..] or ["route53-recovery-cluster", ..] => Cloud(arguments),
            ["--version"] => Ok("aws-cli/2.17.0 Python/3.11.9 Linux/6.8 exe/x86_64"),
            ["elasticache", "failover-global-replication-group", ..] => Failover(Value(arguments, "--primary-region")),
            ["elasticache", "describe-global-replication-groups", ..] => Describe(),
            ["elasticache", "describe-replication-groups", ..] => Ok(JsonSerializer.Serialize(new
            {
                ReplicationGroups = new[]
                {
                    new
                    {
                        ReplicationGroupId = Value(arguments, "--replication-group-id"),
                        MemberClusters = MemberClusters.GetValueOrDefault(Value(arguments, "--replication-group-id")) ?? [],
                        SnapshotRetentionLimit,
                        SnapshotWindow = "05:00-06:00",
                        GlobalReplicationGroupInfo = new { GlobalReplicationGroupId = "ldgnf-pilot-light-session-cache", GlobalReplicationGroupMemberRole = "SECONDARY" },
                    },
                },
            })),
            ["cloudwatch", "get-metric-statistics", ..] => MetricStatistics(arguments),
            ["ecr", "describe-images", ..] => NewestImage(arguments),
            ["resourcegroupstaggingapi", "get-resources", ..] => Ok(JsonSerializer.Serialize(Tagged.Where(t => t.Tag == Value(arguments, "--tag-filters")).Select(t => t.Arn))),
            ["ecr", "describe-image-replication-status", ..] => ImageStatus(arguments),
            ["logs", "describe-log-groups" or "delete-log-group", ..] => Logs(arguments),
            ["cloudwatch", "describe-alarm-history", ..] => AlarmHistory(arguments),
            ["ssm", "describe-instance-information" or "send-command" or "get-command-invocation" or "cancel-command", ..] => Ssm(arguments),
            ["s3api", "list-objects-v2", ..] => ListArchive(arguments),
            ["s3api", "get-bucket-versioning" or "get-bucket-replication" or "get-bucket-lifecycle-configuration" or "get-bucket-encryption", ..] => BucketConfigAnswer(arguments),
            ["synthetics", "get-canary", ..] => CanaryStates.TryGetValue((Value(arguments, "--name"), Value(arguments, "--region")), out var canaryState)
                ? Ok(JsonSerializer.Serialize(new { Canary = new { Name = Value(arguments, "--name"), Status = new { State = canaryState } } }))
                : new CloudCommandResult(254, string.Empty, "An error occurred (ResourceNotFoundException) when calling the GetCanary operation"),
            ["sns", "list-subscriptions-by-topic", ..] => Ok(JsonSerializer.Serialize(new
            {
                Subscriptions = (Subscriptions.GetValueOrDefault(Value(arguments, "--topic-arn")) ?? []).Select(arn => new { SubscriptionArn = arn, TopicArn = Value(arguments, "--topic-arn"), Protocol = "email" }),
            })),
            ["ssm", "put-parameter", ..] => PutParameter(arguments),
            ["ssm", "get-parameter", ..] => Parameters.TryGetValue((Value(arguments, "--region"), Value(arguments, "--name")), out var value)
                // With --query Parameter.Value --output text the CLI prints the value alone; otherwise the JSON document.
                ? Ok(arguments.Contains("--query") ? value + "\n" : JsonSerializer.Serialize(new { Parameter = new { Name = Value(arguments, "--name"), Type = "String", Value = value } }))
                : new CloudCommandResult(254, string.Empty, "An error occurred (ParameterNotFound) when calling the GetParameter operation"),
            ["elasticache", "describe-snapshots", ..] => Ok(JsonSerializer.Serialize(new
            {
                Snapshots = SnapshotTime is { } taken
                    ? new object[] { new { SnapshotName, SnapshotStatus = "available", NodeSnapshots = new[] { new { CacheClusterId = $"{RecoveryGroup}-001", SnapshotCreateTime = taken.ToString("O") } } } }
                    : [],
            })),
            _ => new CloudCommandResult(252, string.Empty, $"unexpected arguments: {string.Join(' ', arguments)}"),
        };
        CountWriters();
        return result;
    }

    /// <summary>SSM parameters by (region, name), as put-parameter left them.</summary>
    public Dictionary<(string Region, string Name), string> Parameters { get; } = [];

    /// <summary>When set, put-parameter exits 254 with this stderr (only in <see cref="PutParameterErrorIn"/> when that is set).</summary>
    public string? PutParameterError { get; set; }

    /// <summary>The one region whose put-parameter fails with <see cref="PutParameterError"/>; null: every region.</summary>
    public string? PutParameterErrorIn { get; set; }

    private CloudCommandResult PutParameter(IReadOnlyList<string> arguments)
    {
        if (PutParameterError is { } error && (PutParameterErrorIn is null || PutParameterErrorIn == Value(arguments, "--region")))
        {
            return new CloudCommandResult(254, string.Empty, error);
        }

        Parameters[(Value(arguments, "--region"), Value(arguments, "--name"))] = Value(arguments, "--value");
        return Ok("{\"Version\": 2, \"Tier\": \"Standard\"}");
    }

    private CloudCommandResult Failover(string region)
    {
        if (FailoverError is { } error)
        {
            return new CloudCommandResult(254, string.Empty, error);
        }

        _pendingPrimary = region;
        _describesUntilSwitch = DescribesBeforePrimary;
        return Ok("{}");
    }

    private CloudCommandResult Describe()
    {
        if (_pendingPrimary is { } region && _describesUntilSwitch-- <= 0)
        {
            foreach (var key in Members.Keys.ToList())
            {
                Members[key] = (Members[key].Group, key == region ? "PRIMARY" : "SECONDARY");
            }

            _pendingPrimary = null;
        }

        var json = JsonSerializer.Serialize(new
        {
            GlobalReplicationGroups = new[]
            {
                new
                {
                    GlobalReplicationGroupId = GlobalId,
                    Status = "available",
                    Members = Members.Select(m => new { ReplicationGroupId = m.Value.Group, ReplicationGroupRegion = m.Key, Role = m.Value.Role, Status = "associated" }),
                },
            },
        });
        return Ok(json);
    }

    private CloudCommandResult MetricStatistics(IReadOnlyList<string> arguments)
    {
        if (CloudWatchError is { } error)
        {
            return new CloudCommandResult(254, string.Empty, error);
        }

        // One value per dimension sent (Name=a,Value=x Name=b,Value=y): a series is keyed by its values joined with '|'.
        var dimension = string.Join("|", arguments.SkipWhile(a => a != "--dimensions").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split(",Value=")[^1]));
        // As CloudWatch does for recent data: the start time is rounded down to the whole minute.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html
        var asked = DateTimeOffset.Parse(Value(arguments, "--start-time"), System.Globalization.CultureInfo.InvariantCulture);
        var start = new DateTimeOffset(asked.UtcTicks - (asked.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var end = DateTimeOffset.Parse(Value(arguments, "--end-time"), System.Globalization.CultureInfo.InvariantCulture);
        // CloudWatch returns datapoints in no particular order; the list order is kept, so tests can put the newest anywhere.
        // A series recorded under "<metric>:<values>" answers for that metric only (S3 publishes two metrics per rule).
        var recorded = Value(arguments, "--metric-name") == "OldestReplicationSlotLag" ? SlotLag(dimension, start)
            : Datapoints.GetValueOrDefault($"{Value(arguments, "--metric-name")}:{dimension}") ?? Datapoints.GetValueOrDefault(dimension) ?? [];
        if (Value(arguments, "--metric-name") == "ReplicaLag" && Instances.TryGetValue(dimension, out var replica) && replica.Source is { } source && Instances[source] is { Rebooted: true } fenced
            && fenced.Groups.Length == 1 && fenced.Groups[0].StartsWith(FenceGroup, StringComparison.Ordinal))
        {
            // The fenced primary takes no writes. Simplified: the replica reports it has applied everything. As RDS
            // PostgreSQL reports it (FencedSourceLagGrows): the time since the last replayed commit, which grows.
            recorded = [.. recorded, (Clock.GetUtcNow(), FencedSourceLagGrows && fenced.FencedAt is { } since ? (Clock.GetUtcNow() - since).TotalSeconds + 1 : 0)];
        }

        // Each datapoint carries the statistic asked for, as CloudWatch's reply does.
        var statistic = Value(arguments, "--statistics");
        var points = recorded.Where(p => p.At >= start && p.At <= end)
            .Select(p => new Dictionary<string, object>
            {
                ["Timestamp"] = p.At.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
                [statistic] = statistic == "Minimum" && Minimums.TryGetValue(dimension, out var minimum) ? minimum : p.Maximum,
                ["Unit"] = Value(arguments, "--metric-name") == "OldestReplicationSlotLag" ? "Bytes" : "Seconds",
            });
        return Ok(JsonSerializer.Serialize(new { Label = Value(arguments, "--metric-name"), Datapoints = points }));
    }

    /// <summary>ReplicaLag of a replica whose source is fenced grows with the clock (RDS PostgreSQL: now - last replayed commit) instead of reading 0.</summary>
    public bool FencedSourceLagGrows { get; set; }

    /// <summary>OldestReplicationSlotLag (bytes) of a source with a replica, per minute before its fence.</summary>
    public double SlotLagBeforeFence { get; set; } = 4096;

    /// <summary>OldestReplicationSlotLag (bytes) per minute from the first whole minute after the fence: 0 once the replica has received everything.</summary>
    public double SlotLagAfterFence { get; set; }

    /// <summary>One datapoint per minute from <paramref name="start"/> to now for a source with a replica; none for any other instance.</summary>
    private List<(DateTimeOffset At, double Maximum)> SlotLag(string source, DateTimeOffset start)
    {
        if (!Instances.TryGetValue(source, out var instance) || !Instances.Values.Any(i => i.Source == source))
        {
            return [];
        }

        var points = new List<(DateTimeOffset, double)>();
        for (var minute = start; minute <= Clock.GetUtcNow(); minute = minute.AddMinutes(1))
        {
            points.Add((minute, instance.FencedAt is { } fenced && minute >= fenced ? SlotLagAfterFence : SlotLagBeforeFence));
        }

        return points;
    }

    internal static string Value(IReadOnlyList<string> arguments, string option)
    {
        var index = arguments.ToList().IndexOf(option);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : string.Empty;
    }

    internal static CloudCommandResult Ok(string stdout) => new(0, stdout, string.Empty);
}
