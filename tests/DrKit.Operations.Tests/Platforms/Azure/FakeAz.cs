using System.Text.Json.Nodes;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Platforms.Azure;

/// <summary>
/// An Azure CLI over a small model of azure-pilot-light: two PostgreSQL servers, two Managed Redis members, object
/// replication policies, a GPU scale set on a reservation and a Traffic Manager profile. Calls are recorded; in an
/// outage every call whose <c>--resource-group</c> is the primary region's group hangs until its bound.
/// </summary>
internal sealed class FakeAz : ICloudCommand, IHostResolver
{
    public required ManualTimeProvider Clock { get; init; }

    /// <summary>The primary region's resource group: the one an outage takes down.</summary>
    public required string PrimaryGroup { get; init; }

    public required string Server { get; init; }

    public required string Replica { get; init; }

    public required string PrimaryRedis { get; init; }

    public required string RecoveryRedis { get; init; }

    public bool PrimaryDown { get; set; }

    public double LagSeconds { get; set; } = 2;

    /// <summary>Geo Replication Healthy of the survivor; null: 1 while the primary region is up, 0 once it is down.</summary>
    public double? GeoHealthy { get; set; }

    /// <summary>When set, Azure Monitor has no Geo Replication Healthy datapoint.</summary>
    public bool NoGeoHealthData { get; set; }

    /// <summary>When set, a promotion leaves the replica Reconfiguring: begun, not yet serving.</summary>
    public bool PromotionStaysReconfiguring { get; set; }

    /// <summary>When set, the writer virtual endpoint's name keeps resolving to the old primary after a promotion.</summary>
    public bool WriterEndpointStuck { get; set; }

    /// <summary>When set, the promote call takes effect and then reports this failure (an answer lost after the change).</summary>
    public string? PromoteFailsAfterEffect { get; set; }

    /// <summary>When set, the promote call is refused and changes nothing.</summary>
    public string? PromoteRefused { get; set; }

    /// <summary>When set, the next promote call never returns: the process dies before Azure took the request.</summary>
    public bool PromoteCrashes { get; set; }

    /// <summary>When set, every Traffic Manager endpoint update fails.</summary>
    public bool TrafficFails { get; set; }

    public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

    public List<string> Policies { get; } = ["policy-1"];

    private HashSet<string> Reconfiguring { get; } = new(StringComparer.Ordinal);

    /// <summary>Endpoints whose probe fails (monitor status Degraded).</summary>
    public HashSet<string> DegradedEndpoints { get; } = new(StringComparer.Ordinal);

    public bool Linked { get; set; } = true;

    public int ScaleSetCapacity { get; private set; }

    /// <summary>What the reservation group's instance view says Azure holds (<c>utilizationInfo.currentCapacity</c>).</summary>
    public int HeldGpus { get; set; } = 2;

    public Dictionary<string, (bool Enabled, int Weight)> Endpoints { get; } = new(StringComparer.Ordinal);

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public IEnumerable<string> Lines => Calls.Select(c => string.Join(' ', c));

    public int Count(string words) => Lines.Count(l => l.StartsWith(words, StringComparison.Ordinal));

    public async Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        Assert.That(program, Is.EqualTo("az"), "Azure operations run the Azure CLI only");
        Calls.Add(arguments);
        if (PrimaryDown && Option(arguments, "--resource-group") == PrimaryGroup)
        {
            await Task.Delay(timeout, Clock, ct).ConfigureAwait(false);
            throw new TimeoutException($"az did not exit within {timeout}; it was stopped.");
        }

        var line = string.Join(' ', arguments);
        var name = Option(arguments, "--name");
        return line switch
        {
            _ when line.StartsWith("version", StringComparison.Ordinal) => Ok(new JsonObject { ["azure-cli"] = "2.67.0" }),
            _ when line.StartsWith("postgres flexible-server show", StringComparison.Ordinal) => Roles.ContainsKey(name!) ? Ok(ServerJson(name!)) : NotFound(name!),
            _ when line.StartsWith("postgres flexible-server replica create", StringComparison.Ordinal) => CreateReplica(Option(arguments, "--replica-name")!, Option(arguments, "--source-server")!),
            _ when line.StartsWith("postgres flexible-server delete", StringComparison.Ordinal) => DeleteServer(name!),
            _ when line.StartsWith("postgres flexible-server replica promote", StringComparison.Ordinal) => Promote(arguments),
            _ when line.StartsWith("monitor metrics list", StringComparison.Ordinal) && Option(arguments, "--metric") == "geoReplicationHealthy" => Ok(Metric(GeoHealthPoints())),
            _ when line.StartsWith("monitor metrics list", StringComparison.Ordinal) => Ok(Metric(LagSeconds)),
            _ when line.StartsWith("redisenterprise database show", StringComparison.Ordinal) => Ok(RedisJson(Option(arguments, "--cluster-name")!)),
            _ when line.StartsWith("redisenterprise database force-unlink", StringComparison.Ordinal) => Unlink(),
            _ when line.StartsWith("storage account or-policy list", StringComparison.Ordinal) =>
                Ok(new JsonArray([.. Policies.Select(p => (JsonNode)new JsonObject { ["policyId"] = p })])),
            _ when line.StartsWith("storage account or-policy delete", StringComparison.Ordinal) => Delete(Option(arguments, "--policy-id")!),
            _ when line.StartsWith("capacity reservation group show", StringComparison.Ordinal) =>
                Ok(new JsonObject
                {
                    ["name"] = "crg",
                    ["instanceView"] = new JsonObject
                    {
                        ["capacityReservations"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "gpu",
                            ["utilizationInfo"] = new JsonObject { ["currentCapacity"] = HeldGpus, ["virtualMachinesAllocated"] = new JsonArray() },
                        }),
                    },
                }),
            _ when line.StartsWith("vmss scale", StringComparison.Ordinal) => Scale(int.Parse(Option(arguments, "--new-capacity")!, System.Globalization.CultureInfo.InvariantCulture)),
            _ when line.StartsWith("vmss list-instances", StringComparison.Ordinal) => Ok(new JsonArray([.. Enumerable.Range(0, ScaleSetCapacity).Select(_ => (JsonNode)new JsonObject
            {
                ["instanceView"] = new JsonObject { ["statuses"] = new JsonArray(new JsonObject { ["code"] = "ProvisioningState/succeeded" }, new JsonObject { ["code"] = "PowerState/running" }) },
            })])),
            _ when line.StartsWith("network traffic-manager endpoint show", StringComparison.Ordinal) => Ok(EndpointJson(name!)),
            _ when line.StartsWith("network traffic-manager endpoint update", StringComparison.Ordinal) => Update(name!, Option(arguments, "--endpoint-status") == "Enabled", Option(arguments, "--weight")),
            _ => Fail($"unexpected az call: {line}"),
        };
    }

    private JsonObject ServerJson(string name) => new()
    {
        ["id"] = $"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/{name}",
        ["name"] = name,
        ["state"] = "Ready",
        ["replica"] = new JsonObject { ["role"] = Roles[name], ["replicationState"] = Reconfiguring.Contains(name) ? "Reconfiguring" : "Active" },
    };

    private CloudCommandResult Promote(IReadOnlyList<string> arguments)
    {
        if (PromoteCrashes)
        {
            PromoteCrashes = false;
            throw new OperationCanceledException("the operator's machine died during the promote call");
        }

        if (PromoteRefused is { } refused)
        {
            return Fail(refused);
        }

        var replica = Option(arguments, "--name")!;
        if (PromotionStaysReconfiguring)
        {
            Reconfiguring.Add(replica);
            return Ok(ServerJson(replica));
        }

        var other = replica == Server ? Replica : Server;
        Roles[replica] = "Primary";
        if (Option(arguments, "--promote-mode") == "switchover" && !PrimaryDown && Roles.ContainsKey(other))
        {
            Roles[other] = "AsyncReplica";
        }

        return PromoteFailsAfterEffect is { } lost ? Fail(lost) : Ok(ServerJson(replica));
    }

    private double? GeoHealthPoints() => NoGeoHealthData ? null : GeoHealthy ?? (PrimaryDown ? 0 : 1);

    /// <summary>Servers created by 'replica create', with the source id they were given.</summary>
    public List<(string Name, string Source)> Created { get; } = [];

    /// <summary>Servers deleted.</summary>
    public List<string> Deleted { get; } = [];

    /// <summary>When set, 'replica create' fails (a name taken, a quota).</summary>
    public string? CreateFails { get; set; }

    private CloudCommandResult CreateReplica(string name, string source)
    {
        if (CreateFails is { } failure)
        {
            return Fail(failure);
        }

        if (Roles.ContainsKey(name))
        {
            return Fail($"(ServerNameAlreadyExists) Specified server name '{name}' is already used.");
        }

        Created.Add((name, source));
        Roles[name] = "AsyncReplica";
        return Ok(ServerJson(name));
    }

    private CloudCommandResult DeleteServer(string name)
    {
        Deleted.Add(name);
        Roles.Remove(name);
        return Ok(new JsonObject());
    }

    private static CloudCommandResult NotFound(string name) =>
        Fail($"(ResourceNotFound) The Resource 'Microsoft.DBforPostgreSQL/flexibleServers/{name}' under resource group 'rg' was not found.");

    private JsonObject Metric(double? maximum) => new()
    {
        ["value"] = new JsonArray(new JsonObject
        {
            ["timeseries"] = new JsonArray(new JsonObject
            {
                ["data"] = maximum is { } m
                    ? new JsonArray(new JsonObject { ["timeStamp"] = Clock.GetUtcNow().AddMinutes(-1).ToString("o"), ["maximum"] = m })
                    : new JsonArray(),
            }),
        }),
    };

    /// <summary>DNS over this model: each server's name has its own address; the writer endpoint's name follows the
    /// promoted replica (or stays on the original primary while <see cref="WriterEndpointStuck"/>).</summary>
    public Task<IReadOnlyList<System.Net.IPAddress>> ResolveAsync(string host, CancellationToken ct)
    {
        static System.Net.IPAddress Of(string server, string primary) => System.Net.IPAddress.Parse(server == primary ? "10.0.0.1" : "10.0.0.2");
        IReadOnlyList<System.Net.IPAddress> addresses = host.Contains(".writer.", StringComparison.Ordinal)
            ? [Of(!WriterEndpointStuck && Roles[Replica] == "Primary" ? Replica : Server, Server)]
            : [Of(host.Split('.')[0], Server)];
        return Task.FromResult(addresses);
    }

    public string PrimaryDatabaseId => $"/subscriptions/0000/resourceGroups/{PrimaryGroup}/providers/Microsoft.Cache/redisEnterprise/{PrimaryRedis}/databases/default";

    private JsonObject RedisJson(string cluster) => new()
    {
        ["name"] = "default",
        ["resourceState"] = "Running",
        ["provisioningState"] = "Succeeded",
        ["geoReplication"] = new JsonObject
        {
            ["linkedDatabases"] = cluster == RecoveryRedis && Linked
                ? new JsonArray(new JsonObject { ["id"] = PrimaryDatabaseId, ["state"] = PrimaryDown ? "LinkFailed" : "Linked" })
                : new JsonArray(),
        },
    };

    private CloudCommandResult Unlink()
    {
        Linked = false;
        return Ok(new JsonObject());
    }

    private CloudCommandResult Delete(string policy)
    {
        Policies.Remove(policy);
        return Ok(new JsonObject());
    }

    private CloudCommandResult Scale(int capacity)
    {
        ScaleSetCapacity = capacity;
        return Ok(new JsonObject());
    }

    private JsonObject EndpointJson(string name)
    {
        var (enabled, weight) = Endpoints[name];
        return new JsonObject { ["name"] = name, ["target"] = $"api.{name}.example.com", ["endpointStatus"] = enabled ? "Enabled" : "Disabled", ["weight"] = weight,
            ["endpointMonitorStatus"] = !enabled ? "Disabled" : DegradedEndpoints.Contains(name) ? "Degraded" : "Online" };
    }

    private CloudCommandResult Update(string name, bool enabled, string? weight)
    {
        if (TrafficFails)
        {
            return Fail("Traffic Manager is unavailable");
        }

        Endpoints[name] = (enabled, weight is null ? Endpoints[name].Weight : int.Parse(weight, System.Globalization.CultureInfo.InvariantCulture));
        return Ok(EndpointJson(name));
    }

    private static string? Option(IReadOnlyList<string> arguments, string option)
    {
        var i = arguments.ToList().IndexOf(option);
        return i >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : null;
    }

    private static CloudCommandResult Ok(JsonNode body) => new(0, body.ToJsonString(), string.Empty);

    private static CloudCommandResult Fail(string error) => new(1, string.Empty, error);
}
