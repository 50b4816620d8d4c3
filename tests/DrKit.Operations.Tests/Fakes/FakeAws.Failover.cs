using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>How calls to a region in an outage behave.</summary>
public enum OutageMode
{
    /// <summary>The endpoint refuses at once (connection error).</summary>
    Fail,

    /// <summary>The call hangs until its timeout, as a dead regional endpoint does.</summary>
    Hang,
}

/// <summary>
/// The rest of AWS a failover touches: RDS instances, the recovery Auto Scaling group, the GPU capacity reservation,
/// ARC routing controls on cluster endpoints per region, and an outage switch that makes every call to one region
/// (by --region or by the endpoint URL) fail or hang.
/// </summary>
internal sealed partial class FakeAws
{
    public const string FenceGroup = "sg-fence";
    public const string RecoveryFenceGroup = "sg-fence-usw2";
    public const string ClientGroup = "sg-clients";

    /// <summary>The client group the stack declares the recovery replica with (network.securityGroups[us-west-2]).</summary>
    public const string RecoveryClientGroup = "sg-clients-usw2";

    /// <summary>The primary region's unfenced writer parameter group the stack exports for failback.</summary>
    public const string WriterParameterGroup = "context-store-writer-params-use1";

    /// <summary>The group RDS gives a cross-region PostgreSQL replica it creates: the engine's default.</summary>
    public const string DefaultParameterGroup = "default.postgres16";
    public const string Group = "pilot-light-serving-usw2";
    public const string Reservation = "cr-0123456789";

    /// <summary>RDS instance id -> its state.</summary>
    public Dictionary<string, RdsInstance> Instances { get; } = new(StringComparer.Ordinal)
    {
        // As the stack declares its primary: copy-tags-to-snapshot on, its tags (and one AWS adds, which a create call may not name).
        [PrimaryInstance] = new(PilotLightProgram.Primary, null, "db.r6g.large", [ClientGroup])
        {
            ParameterGroup = "context-store-params-use1",
            CopyTagsToSnapshot = true,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["drkit:stack"] = "pilot-light", ["drkit:role"] = "primary", ["aws:createdBy"] = "rds" },
        },
        [RecoveryInstance] = new(PilotLightProgram.Recovery, PrimaryInstance, "db.t4g.medium", [RecoveryClientGroup]) { ParameterGroup = "context-store-params-usw2" },
    };

    /// <summary>Region whose endpoints are down; null when every region answers.</summary>
    public string? FailedRegion { get; set; }

    public OutageMode Outage { get; set; } = OutageMode.Fail;

    /// <summary>Clock a hanging call waits on until its timeout.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Describe calls a promotion takes before the instance is a writer.</summary>
    public int DescribesToPromote { get; set; } = 1;

    /// <summary>When set, promote-read-replica exits 254 with this stderr and starts nothing.</summary>
    public string? PromoteError { get; set; }

    /// <summary>When true, promote-read-replica reaches RDS but the CLI is stopped before it answers; nothing shows yet.</summary>
    public bool PromoteTimesOut { get; set; }

    /// <summary>Describe calls a security group change keeps the instance 'modifying'; 0 applies it at once.</summary>
    public int ModifyingDescribes { get; set; }

    public int DesiredCapacity { get; private set; }

    public int InService { get; private set; }

    public int ReservationAvailable { get; set; } = 2;

    /// <summary>Region -> routing control state.</summary>
    public Dictionary<string, string> Controls { get; } = new(StringComparer.Ordinal)
    {
        [PilotLightProgram.Primary] = "On",
        [PilotLightProgram.Recovery] = "On",
    };

    /// <summary>ARC cluster endpoint region -> URL; one of them sits in the stack's primary region.</summary>
    public static Dictionary<string, string> ClusterEndpoints { get; } = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = "https://host-aaa.us-east-1.example.com/v1",
        ["us-west-2"] = "https://host-bbb.us-west-2.example.com/v1",
        ["eu-west-1"] = "https://host-ccc.eu-west-1.example.com/v1",
    };

    public static string ControlArn(string region) => $"arn:aws:route53-recovery-control::123456789012:controlpanel/x/routingcontrol/{region}";

    /// <summary>The region a call goes to: its --region, or the region of the cluster endpoint it names.</summary>
    public static string RegionOf(IReadOnlyList<string> arguments)
    {
        var endpoint = Value(arguments, "--endpoint-url");
        var endpointRegion = ClusterEndpoints.FirstOrDefault(e => e.Value == endpoint).Key;
        return endpointRegion ?? Value(arguments, "--region");
    }

    /// <summary>The recorded calls that went to <paramref name="region"/>.</summary>
    public IEnumerable<string> CallsTo(string region) => Calls.Where(c => RegionOf(c) == region || c.Contains(region)).Select(c => string.Join(' ', c));

    private bool InOutage(IReadOnlyList<string> arguments) =>
        FailedRegion is { } failed && arguments.Count > 1 && (RegionOf(arguments) == failed || Value(arguments, "--endpoint-url").Contains(failed, StringComparison.Ordinal));

    private async Task<CloudCommandResult> OutageAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        if (Outage == OutageMode.Hang)
        {
            await Task.Delay(timeout, Clock, ct).ConfigureAwait(false);
            throw new TimeoutException($"'aws {string.Join(' ', arguments)}' did not exit within {timeout}; it was stopped.");
        }

        return new CloudCommandResult(255, string.Empty, $"Could not connect to the endpoint URL for {RegionOf(arguments)}");
    }

    private CloudCommandResult Cloud(IReadOnlyList<string> arguments) => arguments switch
    {
        ["rds", "describe-db-instances", ..] => DescribeInstance(Value(arguments, "--db-instance-identifier")),
        ["rds", "promote-read-replica", ..] when PromoteError is { } error => new CloudCommandResult(254, string.Empty, error),
        ["rds", "promote-read-replica", ..] when PromoteTimesOut => throw new TimeoutException("'aws rds promote-read-replica' did not exit within its bound; it was stopped."),
        ["rds", "promote-read-replica", ..] => Change(Value(arguments, "--db-instance-identifier"), i => i with { Status = "modifying", PromoteCountdown = DescribesToPromote }),
        ["rds", "modify-db-instance", ..] when arguments.Contains("--vpc-security-group-ids") =>
            Change(Value(arguments, "--db-instance-identifier"), i => i with
            {
                Groups = Groups(arguments), Status = ModifyingDescribes > 0 ? "modifying" : i.Status, ModifyingLeft = ModifyingDescribes,
                FencedAt = Groups(arguments) is [var only] && only.StartsWith(FenceGroup, StringComparison.Ordinal) ? Clock.GetUtcNow() : null,
            }),
        // The group is associated at once and applies after a reboot (pending-reboot after a moment of 'applying').
        ["rds", "modify-db-instance", ..] when arguments.Contains("--db-parameter-group-name") =>
            Change(Value(arguments, "--db-instance-identifier"), i => i with { ParameterGroup = Value(arguments, "--db-parameter-group-name"), ParameterApplyStatus = "applying" }),
        ["rds", "reboot-db-instance", ..] when Instances[Value(arguments, "--db-instance-identifier")].Status != "available" =>
            new CloudCommandResult(254, string.Empty, "An error occurred (InvalidDBInstanceState) when calling the RebootDBInstance operation: Instance is not in available state."),
        ["rds", "modify-db-instance", ..] => Change(Value(arguments, "--db-instance-identifier"),
            i => i with { Class = Value(arguments, "--db-instance-class"), Status = ModifyingDescribes > 0 ? "modifying" : i.Status, ModifyingLeft = ModifyingDescribes }),
        ["rds", "create-db-instance-read-replica", ..] => CreateReplica(arguments),
        ["rds", "reboot-db-instance", ..] => Change(Value(arguments, "--db-instance-identifier"),
            i => i with { Rebooted = true, Reboots = i.Reboots + 1, Status = RebootDescribes > 0 ? "rebooting" : i.Status, RebootingLeft = RebootDescribes, ParameterApplyStatus = RebootDescribes > 0 ? i.ParameterApplyStatus : Applied(i) }),
        ["autoscaling", "set-desired-capacity", ..] => SetDesired(int.Parse(Value(arguments, "--desired-capacity"), System.Globalization.CultureInfo.InvariantCulture)),
        ["autoscaling", "describe-auto-scaling-groups", ..] => DescribeGroup(),
        ["ec2", "describe-capacity-reservations", ..] => Ok(JsonSerializer.Serialize(new
        {
            CapacityReservations = new[] { new { CapacityReservationId = Reservation, AvailableInstanceCount = ReservationAvailable - InService, TotalInstanceCount = ReservationAvailable } },
        })),
        ["route53-recovery-cluster", "update-routing-control-states", ..] => UpdateControls(arguments),
        ["route53-recovery-cluster", "get-routing-control-state", ..] => Ok(JsonSerializer.Serialize(new
        {
            RoutingControlArn = Value(arguments, "--routing-control-arn"),
            RoutingControlState = Controls[Controls.Keys.Single(r => ControlArn(r) == Value(arguments, "--routing-control-arn"))],
        })),
        _ => new CloudCommandResult(252, string.Empty, $"unexpected arguments: {string.Join(' ', arguments)}"),
    };

    /// <summary>Endpoint.Address describe-db-instances reports, where it differs from <see cref="AddressOf"/>.</summary>
    public Dictionary<string, string> Addresses { get; } = new(StringComparer.Ordinal);

    /// <summary>The address RDS gives an instance: its identifier under the region's domain.</summary>
    public static string AddressOf(string instance, string region) => $"{instance}.c0ffee.{region}.rds.amazonaws.com";

    public static string Arn(string instance) => $"arn:aws:rds:{(instance.Contains("usw2", StringComparison.Ordinal) ? PilotLightProgram.Recovery : PilotLightProgram.Primary)}:123456789012:db:{instance}";

    /// <summary>Describe calls a reboot keeps the instance 'rebooting'; 0 reboots at once.</summary>
    public int RebootDescribes { get; set; }

    /// <summary>A reboot applies a pending parameter group.</summary>
    private static string Applied(RdsInstance i) => i.ParameterApplyStatus == "pending-reboot" ? "in-sync" : i.ParameterApplyStatus;

    /// <summary>Describe calls RDS takes to create a replica.</summary>
    public int DescribesToCreate { get; set; } = 2;

    /// <summary>The status a created replica ends in: available, or one RDS does not leave by itself.</summary>
    public string CreatedStatus { get; set; } = "available";

    private CloudCommandResult CreateReplica(IReadOnlyList<string> arguments)
    {
        var id = Value(arguments, "--db-instance-identifier");
        if (Instances.ContainsKey(id))
        {
            return new CloudCommandResult(254, string.Empty, $"An error occurred (DBInstanceAlreadyExists) when calling the CreateDBInstanceReadReplica operation: {id}");
        }

        var source = Instances.Single(i => Arn(i.Key) == Value(arguments, "--source-db-instance-identifier"));
        if (source.Value.Source is not null)
        {
            return new CloudCommandResult(254, string.Empty, "InvalidDBInstanceState: the source is itself a replica");
        }

        // RDS puts a replica created without groups into the VPC's default security group, and a cross-region PostgreSQL
        // replica into the engine's default parameter group; tags and flags are only what the call names.
        Instances[id] = new RdsInstance(Value(arguments, "--region"), source.Key, Value(arguments, "--db-instance-class"),
            arguments.Contains("--vpc-security-group-ids") ? Groups(arguments) : ["sg-vpc-default"])
        {
            Status = "creating",
            CreateCountdown = DescribesToCreate,
            ParameterGroup = DefaultParameterGroup,
            Tags = arguments.Contains("--tags")
                ? JsonSerializer.Deserialize<JsonElement>(Value(arguments, "--tags")).EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
            CopyTagsToSnapshot = arguments.Contains("--copy-tags-to-snapshot"),
            MultiAz = arguments.Contains("--multi-az"),
            DeletionProtection = arguments.Contains("--deletion-protection"),
            // The fake VPC has an internet gateway: without the flag RDS makes the instance public.
            PubliclyAccessible = !arguments.Contains("--no-publicly-accessible"),
        };
        return Ok("{}");
    }

    private static string[] Groups(IReadOnlyList<string> arguments)
    {
        var start = arguments.ToList().IndexOf("--vpc-security-group-ids") + 1;
        return [.. arguments.Skip(start).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal))];
    }

    private CloudCommandResult DescribeInstance(string id)
    {
        if (!Instances.TryGetValue(id, out var i))
        {
            return new CloudCommandResult(254, string.Empty, $"DBInstanceNotFound: {id}");
        }

        if (i.CreateCountdown is { } creating)
        {
            i = creating <= 0 ? i with { Status = CreatedStatus, CreateCountdown = null } : i with { CreateCountdown = creating - 1 };
            Instances[id] = i;
        }

        if (i.ModifyingLeft > 0)
        {
            i = i with { ModifyingLeft = i.ModifyingLeft - 1 };
            i = i.ModifyingLeft == 0 ? i with { Status = "available" } : i;
            Instances[id] = i;
        }

        if (i.RebootingLeft > 0)
        {
            i = i with { RebootingLeft = i.RebootingLeft - 1 };
            i = i.RebootingLeft == 0 ? i with { Status = "available", ParameterApplyStatus = Applied(i) } : i;
            Instances[id] = i;
        }

        if (i.ParameterApplyStatus == "applying")
        {
            // Seen once as 'applying': the next describe shows the change waiting for a reboot.
            Instances[id] = i with { ParameterApplyStatus = "pending-reboot" };
        }

        if (i.PromoteCountdown is { } countdown)
        {
            i = countdown <= 0 ? i with { Source = null, Status = "available", PromoteCountdown = null, Promotions = i.Promotions + 1 } : i with { PromoteCountdown = countdown - 1 };
            Instances[id] = i;
        }

        return Ok(JsonSerializer.Serialize(new
        {
            DBInstances = new[]
            {
                new
                {
                    DBInstanceIdentifier = id,
                    DBInstanceArn = Arn(id),
                    KmsKeyId = $"arn:aws:kms:{i.Region}:123456789012:key/{i.Region}-key",
                    DBSubnetGroup = new { DBSubnetGroupName = $"db-subnets-{i.Region}" },
                    DBInstanceStatus = i.Status,
                    Endpoint = new { Address = Addresses.GetValueOrDefault(id) ?? AddressOf(id, i.Region), Port = 5432 },
                    DBInstanceClass = i.Class,
                    ReadReplicaSourceDBInstanceIdentifier = i.Source,
                    VpcSecurityGroups = i.Groups.Select(g => new { VpcSecurityGroupId = g, Status = "active" }),
                    DBParameterGroups = new[] { new { DBParameterGroupName = i.ParameterGroup, ParameterApplyStatus = i.ParameterApplyStatus } },
                    TagList = i.Tags.Select(t => new { t.Key, t.Value }),
                    MultiAZ = i.MultiAz,
                    i.DeletionProtection,
                    i.CopyTagsToSnapshot,
                },
            },
        }));
    }

    private CloudCommandResult Change(string id, Func<RdsInstance, RdsInstance> change)
    {
        if (!Instances.TryGetValue(id, out var i))
        {
            return new CloudCommandResult(254, string.Empty, $"DBInstanceNotFound: {id}");
        }

        Instances[id] = change(i);
        return Ok("{}");
    }

    private CloudCommandResult SetDesired(int desired)
    {
        DesiredCapacity = desired;
        return Ok(string.Empty);
    }

    /// <summary>Instances come into service one describe at a time, up to the desired capacity.</summary>
    private CloudCommandResult DescribeGroup()
    {
        InService = InService < DesiredCapacity ? InService + 1 : DesiredCapacity;
        return Ok(JsonSerializer.Serialize(new
        {
            AutoScalingGroups = new[]
            {
                new
                {
                    AutoScalingGroupName = Group,
                    MaxSize = 4,
                    DesiredCapacity,
                    Instances = Enumerable.Range(0, InService).Select(n => new { InstanceId = $"i-{n}", LifecycleState = "InService" }),
                },
            },
        }));
    }

    /// <summary>The recovery instance's status when traffic was moved to it; null before.</summary>
    public string? RecoveryStatusAtTrafficShift { get; private set; }

    /// <summary>Updates ARC applies whose reply is then lost (the CLI stopped at its bound).</summary>
    public int UpdateRepliesLost { get; set; }

    /// <summary>Updates a cluster endpoint refuses before applying anything.</summary>
    public int UpdatesRefused { get; set; }

    /// <summary>When the last update was applied: ARC refuses another within the safety rule's 5 s wait period.</summary>
    private DateTimeOffset? _lastUpdate;

    /// <summary>Updates ARC refused for falling in the wait period of an earlier one.</summary>
    public int UpdatesInWaitPeriod { get; private set; }

    /// <summary>Times at which update calls arrived.</summary>
    public List<DateTimeOffset> UpdateTimes { get; } = [];

    private CloudCommandResult UpdateControls(IReadOnlyList<string> arguments)
    {
        UpdateTimes.Add(Clock.GetUtcNow());
        if (UpdatesRefused > 0)
        {
            UpdatesRefused--;
            return new CloudCommandResult(254, string.Empty, "An error occurred (InternalServerException) when calling the UpdateRoutingControlStates operation");
        }

        if (_lastUpdate is { } last && Clock.GetUtcNow() - last < TimeSpan.FromSeconds(5))
        {
            UpdatesInWaitPeriod++;
            return new CloudCommandResult(254, string.Empty, "An error occurred (ConflictException) when calling the UpdateRoutingControlStates operation: wait period");
        }

        _lastUpdate = Clock.GetUtcNow();
        RecoveryStatusAtTrafficShift ??= Instances[RecoveryInstance].Status;
        foreach (var entry in arguments.Where(a => a.StartsWith("RoutingControlArn=", StringComparison.Ordinal)))
        {
            var parts = entry.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            Controls[Controls.Keys.Single(r => ControlArn(r) == parts["RoutingControlArn"])] = parts["RoutingControlState"];
        }

        if (UpdateRepliesLost > 0)
        {
            UpdateRepliesLost--;
            throw new TimeoutException("'aws route53-recovery-cluster update-routing-control-states' did not exit within its bound; it was stopped.");
        }

        return Ok("{}");
    }
}

/// <summary>One RDS instance as the fake knows it.</summary>
internal sealed record RdsInstance(string Region, string? Source, string Class, string[] Groups)
{
    public string Status { get; init; } = "available";

    public int? PromoteCountdown { get; init; }

    public bool Rebooted { get; init; }

    public int? CreateCountdown { get; init; }

    /// <summary>Describe calls until a security group change stops reading 'modifying'.</summary>
    public int ModifyingLeft { get; init; }

    /// <summary>How many promotions took effect: more than one would be a second promotion.</summary>
    public int Promotions { get; init; }

    public string ParameterGroup { get; init; } = "default.postgres16";

    /// <summary>DBParameterGroups[0].ParameterApplyStatus: in-sync, applying, pending-reboot.</summary>
    public string ParameterApplyStatus { get; init; } = "in-sync";

    /// <summary>Describe calls until a reboot ends.</summary>
    public int RebootingLeft { get; init; }

    public int Reboots { get; init; }

    /// <summary>When the fence group alone was put on it (no client session since); null when not fenced.</summary>
    public DateTimeOffset? FencedAt { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool MultiAz { get; init; }

    public bool DeletionProtection { get; init; }

    public bool PubliclyAccessible { get; init; }

    public bool CopyTagsToSnapshot { get; init; }
}
