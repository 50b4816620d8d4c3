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
    public const string Group = "pilot-light-serving-usw2";
    public const string Reservation = "cr-0123456789";

    /// <summary>RDS instance id -> its state.</summary>
    public Dictionary<string, RdsInstance> Instances { get; } = new(StringComparer.Ordinal)
    {
        [PrimaryInstance] = new(PilotLightProgram.Primary, null, "db.r6g.large", [ClientGroup]),
        [RecoveryInstance] = new(PilotLightProgram.Recovery, PrimaryInstance, "db.t4g.medium", [ClientGroup]),
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
            Change(Value(arguments, "--db-instance-identifier"), i => i with { Groups = Groups(arguments), Status = ModifyingDescribes > 0 ? "modifying" : i.Status, ModifyingLeft = ModifyingDescribes }),
        ["rds", "reboot-db-instance", ..] when Instances[Value(arguments, "--db-instance-identifier")].Status != "available" =>
            new CloudCommandResult(254, string.Empty, "An error occurred (InvalidDBInstanceState) when calling the RebootDBInstance operation: Instance is not in available state."),
        ["rds", "modify-db-instance", ..] => Change(Value(arguments, "--db-instance-identifier"),
            i => i with { Class = Value(arguments, "--db-instance-class"), Status = ModifyingDescribes > 0 ? "modifying" : i.Status, ModifyingLeft = ModifyingDescribes }),
        ["rds", "create-db-instance-read-replica", ..] => CreateReplica(arguments),
        ["rds", "reboot-db-instance", ..] => Change(Value(arguments, "--db-instance-identifier"), i => i with { Rebooted = true }),
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

    public static string Arn(string instance) => $"arn:aws:rds:{(instance.Contains("usw2", StringComparison.Ordinal) ? PilotLightProgram.Recovery : PilotLightProgram.Primary)}:123456789012:db:{instance}";

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

        // RDS puts a replica created without groups into the VPC's default security group.
        Instances[id] = new RdsInstance(Value(arguments, "--region"), source.Key, Value(arguments, "--db-instance-class"),
            arguments.Contains("--vpc-security-group-ids") ? Groups(arguments) : ["sg-vpc-default"])
        {
            Status = "creating",
            CreateCountdown = DescribesToCreate,
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
                    DBInstanceClass = i.Class,
                    ReadReplicaSourceDBInstanceIdentifier = i.Source,
                    VpcSecurityGroups = i.Groups.Select(g => new { VpcSecurityGroupId = g, Status = "active" }),
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

    private CloudCommandResult UpdateControls(IReadOnlyList<string> arguments)
    {
        RecoveryStatusAtTrafficShift ??= Instances[RecoveryInstance].Status;
        foreach (var entry in arguments.Where(a => a.StartsWith("RoutingControlArn=", StringComparison.Ordinal)))
        {
            var parts = entry.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            Controls[Controls.Keys.Single(r => ControlArn(r) == parts["RoutingControlArn"])] = parts["RoutingControlState"];
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
}
