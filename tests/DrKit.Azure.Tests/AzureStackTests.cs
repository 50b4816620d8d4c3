using DrKit.Azure.Models;
using DrKit.Core.Config;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Azure;
using DrKit.Testing;
using Pulumi;
using Pulumi.Testing;
using static DrKit.Azure.Tests.Models.AzureMocks;

namespace DrKit.Azure.Tests;

/// <summary>
/// The bundled azure-pilot-light stack, planned as <c>drkit plan</c> plans it and declared by the Azure shell under
/// mocks: in steady state, and after a failover (replica promoted, traffic on centralus, the GPUs running there).
/// </summary>
[NonParallelizable]
public sealed class AzureStackTests
{
    private const string Primary = "eastus2";
    private const string Recovery = "centralus";
    private const string ScaleSet = "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet";
    private const string Server = "azure:postgresql/flexibleServer:FlexibleServer";
    private const string Replication = "azure:storage/objectReplication:ObjectReplication";
    private const string Endpoint = "azure:network/trafficManagerExternalEndpoint:TrafficManagerExternalEndpoint";

    private static (ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)? _steady;
    private static (ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)? _failedOver;

    private static readonly AzureDeploySettings Deploy = new(
        "tenant", "deployer-object-id",
        new Dictionary<string, string> { [Primary] = "/subnets/gpu-eastus2", [Recovery] = "/subnets/gpu-centralus" },
        AzureImage.Parse("microsoft-dsvm:ubuntu-hpc:2204:latest"), "ssh-ed25519 AAAA operator");

    private static DrPlan Plan() => Planner.Plan(StackSpecReader.ReadFile(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.azure-pilot-light.yaml")));

    private static async Task<(ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)> DeclareAsync(params (string Key, string Value)[] ops)
    {
        var plan = Plan();
        var state = OperationsConfig.FromRaw("test", ops.ToDictionary(o => OperationsKeys.Full(o.Key), o => o.Value), plan);
        var operations = StackOperations.Decide(plan, state);
        return await ComponentRun.RunProgramAsync(root =>
            new Dictionary<string, object?>(new AzureResources(operations, new AzureProviderSettings(Output.Create("subscription")), Deploy, root).StackOutputs()));
    }

    private static async Task<(ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)> SteadyAsync() => _steady ??= await DeclareAsync();

    private static async Task<(ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)> FailedOverAsync() =>
        _failedOver ??= await DeclareAsync(
            (OperationsKeys.Promote("context-store"), "true"),
            (OperationsKeys.TrafficActiveRegion, Recovery),
            (OperationsKeys.TrafficPercent, "100"),
            (OperationsKeys.RecoveryRunning, "2"));

    [Test]
    public async Task PilotLight_EveryResourceGoesThroughTheProviderOfItsLocation()
    {
        var (run, _) = await SteadyAsync();
        var located = run.Resources.Where(r => r.Inputs.ContainsKey("location")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(located, Has.Count.GreaterThan(10), "the stack declares groups, servers, caches, accounts, registry, reservations and scale sets");
            foreach (var r in located)
            {
                Assert.That(LocationOf(r), Is.EqualTo(r.Inputs["location"]), $"{r.Name} ({r.Type}) is in {r.Inputs["location"]}: it must go through that location's provider");
            }

            Assert.That(run.OfType("azure:core/resourceGroup:ResourceGroup").Select(g => g.Inputs["name"]).Where(n => !((string)n).Contains("-llm-", StringComparison.Ordinal)),
                Is.EquivalentTo(new[] { Primary, Recovery }.Select(r => AzureNames.ResourceGroup("rag-assistant", "azure-pilot-light", r))),
                "one group per stack region, under the name operations address (eastus2's pair is centralus, a stack region)");
            Assert.That(run.OfType(Server), Has.Count.EqualTo(2), "the primary server and its read replica");
            Assert.That(run.OfType("azure:postgresql/flexibleServerVirtualEndpoint:FlexibleServerVirtualEndpoint"), Has.Count.EqualTo(1), "one writer endpoint");
            Assert.That(run.OfType("azure:managedredis/managedRedis:ManagedRedis").Select(LocationOf), Is.EquivalentTo(new[] { Primary, Recovery }), "a Managed Redis instance per region");
            Assert.That(run.OfType(Replication), Has.Count.EqualTo(3), "model artifacts, vector snapshots and offline features replicate by object replication");
            Assert.That(run.OfType("azure:cognitive/account:Account").Select(LocationOf), Is.EquivalentTo(new[] { Primary }), "the Azure OpenAI rung is declared in its region");
            Assert.That(run.OfType("azure:containerservice/registry:Registry"), Has.Count.EqualTo(1), "one geo-replicated registry");
        });
    }

    [Test]
    public async Task PilotLight_GpuScaleSetsRunOnTheReservationWithTheDecidedCount()
    {
        var (run, outputs) = await SteadyAsync();
        var sets = run.OfType(ScaleSet).ToDictionary(s => LocationOf(s)!);
        var recovery = sets[Recovery];
        Assert.Multiple(() =>
        {
            Assert.That(recovery.Inputs["name"], Is.EqualTo(AzureNames.GpuScaleSet("rag-assistant", "gpu", Recovery)), "operations scale the set by its decided name");
            Assert.That(recovery.Inputs["instances"], Is.EqualTo(0), "pilot light: nothing runs in the recovery region until a failover");
            Assert.That(recovery.Inputs["capacityReservationGroupId"], Is.EqualTo(ComponentRun.Id("gpu-centralus-group")), "the recovery VMs are allocated from the reserved capacity");
            Assert.That(recovery.Inputs["singlePlacementGroup"], Is.EqualTo(false), "a uniform scale set on a capacity reservation group must not be a single placement group");
            Assert.That(recovery.Inputs["zones"], Is.EqualTo(new[] { "2" }), "the set runs in the zone its reservation holds");
            Assert.That(sets[Primary].Inputs["instances"], Is.EqualTo(2), "the primary region serves with the whole fleet");
            Assert.That(sets[Primary].Inputs.ContainsKey("capacityReservationGroupId"), Is.False, "pilot light reserves in the recovery region only");
            Assert.That(outputs[$"azure.gpu.scaleSetId.{Recovery}"], Is.EqualTo(ComponentRun.Id("gpu-centralus-fleet-vmss")), "operations read the scale set's id");
        });
    }

    [Test]
    public async Task PilotLight_TrafficManagerLivesInTheRecoveryGroupWithRegionNamedEndpoints()
    {
        var (run, outputs) = await SteadyAsync();
        var profile = run.OfType("azure:network/trafficManagerProfile:TrafficManagerProfile").Single();
        Assert.Multiple(() =>
        {
            Assert.That(profile.Inputs["resourceGroupName"], Is.EqualTo(AzureNames.ResourceGroup("rag-assistant", "azure-pilot-light", Recovery)),
                "ARM refuses updates to a profile whose group's region is down: it lives in the recovery group");
            Assert.That(LocationOf(profile), Is.EqualTo(Recovery), "managed through the recovery region's provider");
            Assert.That(run.OfType(Endpoint).Select(e => e.Inputs["name"]), Is.EquivalentTo(new[] { AzureNames.TrafficEndpoint(Primary), AzureNames.TrafficEndpoint(Recovery) }),
                "operations address an endpoint by the region it serves");
            Assert.That(outputs["azure.api.trafficFqdn"], Is.EqualTo("rag-assistant-azure-pilot-light.trafficmanager.net"), "clients resolve the profile's name");
        });
    }

    [Test]
    public async Task PilotLight_ExportsTheFlatOperationsOutputs()
    {
        var (_, outputs) = await SteadyAsync();
        var plan = Plan();
        var server = ((AzurePostgresSettings)plan.Components.Single(c => c.Name == "context-store").Settings).Server;
        Assert.Multiple(() =>
        {
            Assert.That(outputs.Keys, Is.SupersetOf(StackOperations.Decide(plan, OperationsState.None).FlatOutputs(new Dictionary<string, TierEndpoints>()).Keys),
                "every flat output operations read is exported");
            Assert.That(outputs["context-store.primaryEndpoint"], Is.EqualTo($"{server}.postgres.database.azure.com:5432"), "the primary server's host and port");
            Assert.That(outputs["session-cache.recoveryEndpoint"], Does.EndWith($".{Recovery}.redis.azure.net:10000"), "Managed Redis listens on 10000");
            Assert.That(outputs["context-store.recoveryRole"], Is.EqualTo("replica"), "steady state");
            Assert.That(outputs["recovery.running"], Is.EqualTo("0"), "pilot light");
            Assert.That(outputs["traffic.activeRegion"], Is.EqualTo(Primary), "steady state");
            Assert.That(outputs[$"azure.resourceGroup.{Recovery}"], Is.EqualTo(AzureNames.ResourceGroup("rag-assistant", "azure-pilot-light", Recovery)), "operations read the groups");
            Assert.That(outputs["azure.context-store.writerHost"], Does.EndWith(".writer.postgres.database.azure.com"), "clients write through the virtual endpoint");
        });
    }

    [Test]
    public async Task PilotLight_GpuFleetRunsAsAnIdentityGrantedOnTheStacksResourcesOnly()
    {
        var (run, _) = await SteadyAsync();
        var sets = run.OfType(ScaleSet).ToDictionary(s => LocationOf(s)!);
        var identities = run.OfType("azure:authorization/userAssignedIdentity:UserAssignedIdentity").Where(i => i.Name!.StartsWith("gpu-", StringComparison.Ordinal)).ToDictionary(i => LocationOf(i)!);
        var roles = run.OfType("azure:authorization/assignment:Assignment").Where(a => ((string)a.Inputs["principalId"]).StartsWith("gpu-", StringComparison.Ordinal)).ToList();
        var redis = run.OfType("azure:managedredis/accessPolicyAssignment:AccessPolicyAssignment").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(identities.Keys, Is.EquivalentTo(new[] { Primary, Recovery }), "one identity per GPU region, in that region");
            foreach (var region in new[] { Primary, Recovery })
            {
                Assert.That(ComponentRun.At(sets[region].Inputs, "identity", "identityIds", "0"), Is.EqualTo(ComponentRun.Id(identities[region].Name!)), $"the {region} set runs as its region's identity");
                var principal = $"{identities[region].Name}-principal";
                Assert.That(roles.Where(a => (string)a.Inputs["principalId"] == principal).Select(a => (a.Inputs["roleDefinitionName"], a.Inputs["scope"])), Is.EquivalentTo(new[]
                {
                    ((object)"AcrPull", (object)ComponentRun.Id("images-registry")),
                    ("Storage Blob Data Reader", ComponentRun.Id($"model-artifacts-{(region == Primary ? "primary" : "recovery")}")),
                    ("Storage Blob Data Reader", ComponentRun.Id($"vector-index-{(region == Primary ? "primary" : "recovery")}")),
                }), $"{region}: pull images, read model artifacts and vector snapshots of its own region, nothing wider");
                Assert.That(redis.Where(r => (string)r.Inputs["objectId"] == principal).Select(r => r.Inputs["managedRedisId"]),
                    Is.EqualTo(new[] { ComponentRun.Id(region == Primary ? "session-cache-primary" : "session-cache-secondary") }),
                    $"{region}: Entra access to its region's Managed Redis member (access keys are off)");
            }

            Assert.That(ComponentRun.At(sets[Recovery].Inputs, "platformFaultDomainCount"), Is.EqualTo(1), "a set on a capacity reservation asks for no more fault domains than it supports: max spreading");
            Assert.That(sets[Primary].Inputs.ContainsKey("platformFaultDomainCount"), Is.False, "an unreserved set keeps the service's default");
        });
    }

    [Test]
    public async Task PilotLight_AdminPasswordHasEveryCharacterClassPostgresNeeds()
    {
        var (run, _) = await SteadyAsync();
        var password = run.OfType("random:index/randomPassword:RandomPassword").Single();
        Assert.That(new[] { "minUpper", "minLower", "minNumeric" }.Select(k => password.Inputs.GetValueOrDefault(k)), Has.All.EqualTo(1),
            "without specials, a password missing a class fails Flexible Server's complexity rule");
    }

    [Test]
    public async Task PilotLight_ExportsTheCustomerKeyAndIdentityADrillRestoresWith()
    {
        var (run, outputs) = await SteadyAsync();
        var identity = run.OfType("azure:authorization/userAssignedIdentity:UserAssignedIdentity").Single(i => LocationOf(i) == Recovery && ((string)i.Inputs["name"]).Contains("context-store", StringComparison.Ordinal));
        var key = run.OfType("azure:keyvault/key:Key").Single(k => LocationOf(k) == Recovery && k.Name!.StartsWith("context-store", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(outputs.GetValueOrDefault(DrKit.Core.Platforms.Aws.DrillRestore.RestoreKeyOutput("context-store")), Is.EqualTo($"https://{key.Name}.vault.azure.net/keys/{key.Inputs["name"]}"),
                "the versionless key in the drill region (centralus): a customer-key server restores only with a key there");
            Assert.That(outputs.GetValueOrDefault(AzureDrillRestore.RestoreIdentityOutput("context-store")), Is.EqualTo(ComponentRun.Id(identity.Name!)),
                "the identity that reads that key, which the restored server names");
        });
    }

    [Test]
    public async Task FailedOver_ChangesNothingDeclaredInThePrimaryRegion()
    {
        var (before, _) = await SteadyAsync();
        var (after, _) = await FailedOverAsync();
        var primary = before.Resources.Where(r => LocationOf(r) == Primary).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(primary, Is.Not.Empty, "the primary region has resources to compare");
            foreach (var r in primary)
            {
                var now = after.Resources.SingleOrDefault(a => a.Name == r.Name && a.Type == r.Type);
                Assert.That(now, Is.Not.Null, $"{r.Name} is still declared: dropping it would delete it through the failed region");
                Assert.That(now?.Inputs, Is.EquivalentTo(r.Inputs), $"{r.Name} ({r.Type}) changed: the up during the outage would call the failed region");
            }
        });
    }

    [Test]
    public async Task FailedOver_RecoveryTakesOverWithoutRelockingItsContainers()
    {
        var (run, outputs) = await FailedOverAsync();
        var replica = run.OfType(Server).Single(s => LocationOf(s) == Recovery);
        var endpoints = run.OfType(Endpoint).ToDictionary(e => (string)e.Inputs["name"]);
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType(Replication), Is.Empty, "a policy declared again would make the recovery containers read-only (409) and then fail on the failed region's account");
            Assert.That(replica.Inputs.ContainsKey("createMode"), Is.False, "the promoted replica is declared as the standalone writer");
            Assert.That(run.IgnoredBy(replica.Name!), Is.SupersetOf(new[] { "createMode", "sourceServerId", "backupRetentionDays", "highAvailability" }),
                "nothing the promotion rewrote is read as drift");
            Assert.That(run.OfType(ScaleSet).Single(s => LocationOf(s) == Recovery).Inputs["instances"], Is.EqualTo(2), "the decided running count after the scale-up");
            Assert.That(endpoints[Primary].Inputs["enabled"], Is.EqualTo(false), "the returning primary takes no traffic until failback");
            Assert.That(endpoints[Recovery].Inputs["enabled"], Is.EqualTo(true), "the recovery region serves");
            Assert.That(outputs["context-store.recoveryRole"], Is.EqualTo("primary"), "the promoted replica is the writer");
            Assert.That(outputs["context-store.writerRegion"], Is.EqualTo(Recovery), "the writer moved");
            Assert.That(outputs["traffic.activeRegion"], Is.EqualTo(Recovery), "traffic moved");
        });
    }

    [Test]
    public void MissingGpuSubnet_IsRefusedNamingTheKey()
    {
        var plan = Plan();
        var operations = StackOperations.Decide(plan, OperationsState.None);
        var refused = Assert.CatchAsync(() => ComponentRun.RunProgramAsync(root => new Dictionary<string, object?>(
            new AzureResources(operations, new AzureProviderSettings(Output.Create("subscription")), Deploy with { GpuSubnetIds = new Dictionary<string, string>() }, root).StackOutputs())));
        Assert.That(refused?.ToString(), Does.Contain("drkit-azure:gpuSubnetIds"), "the error names the key to set");
    }
}
