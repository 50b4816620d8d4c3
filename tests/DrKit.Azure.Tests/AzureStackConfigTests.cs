using System.Text.Json;
using DrKit.Core.Config;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Testing;

namespace DrKit.Azure.Tests;

/// <summary>The program's Azure entry reading the stack's azure:* and drkit-azure:* keys as the Pulumi CLI hands them
/// over, and what it refuses. Serial: PULUMI_CONFIG is process-wide.</summary>
[NonParallelizable]
public sealed class AzureStackConfigTests
{
    private static DrPlan Plan() => Planner.Plan(StackSpecReader.ReadFile(Path.Combine(RepoPaths.Root, "stacks", "Pulumi.azure-pilot-light.yaml")));

    private static async Task<(ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)> DeclareAsync(Dictionary<string, string> config, StackOperations operations)
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
        try
        {
            return await ComponentRun.RunProgramAsync(_ => AzureStack.Declare(operations));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }
    }

    private static Dictionary<string, string> Keys() => new()
    {
        ["azure:subscriptionId"] = "00000000-0000-0000-0000-000000000000",
        ["azure:tenantId"] = "11111111-1111-1111-1111-111111111111",
        ["drkit-azure:keyAdministratorObjectId"] = "22222222-2222-2222-2222-222222222222",
        ["drkit-azure:gpuSubnetIds"] = """{"eastus2": "/subnets/gpu-eastus2", "centralus": "/subnets/gpu-centralus"}""",
        ["drkit-azure:gpuImage"] = "microsoft-dsvm:ubuntu-hpc:2204:latest",
        ["drkit-azure:sshPublicKey"] = "ssh-ed25519 AAAA operator",
    };

    [Test]
    public async Task Declare_ReadsTheDeploymentKeysFromStackConfig()
    {
        var (run, outputs) = await DeclareAsync(Keys(), StackOperations.Decide(Plan(), OperationsState.None));
        var recovery = run.OfType("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet").Single(s => Models.AzureMocks.LocationOf(s) == "centralus");
        Assert.Multiple(() =>
        {
            Assert.That(ComponentRun.At(recovery.Inputs, "networkInterfaces", "0", "ipConfigurations", "0", "subnetId"), Is.EqualTo("/subnets/gpu-centralus"),
                "the region's subnet from drkit-azure:gpuSubnetIds");
            Assert.That(ComponentRun.At(recovery.Inputs, "sourceImageReference", "offer"), Is.EqualTo("ubuntu-hpc"), "the image from drkit-azure:gpuImage");
            Assert.That(run.OfType("azure:keyvault/keyVault:KeyVault").Select(v => v.Inputs["tenantId"]).Distinct(), Is.EqualTo(new[] { "11111111-1111-1111-1111-111111111111" }),
                "the vaults live in the tenant azure:tenantId names");
            Assert.That(outputs["traffic.activeRegion"], Is.EqualTo("eastus2"), "the program returns the stack's outputs");
        });
    }

    [Test]
    public async Task Declare_ImagePlan_IsTheScaleSetsPurchasePlan()
    {
        var keys = Keys();
        keys["drkit-azure:gpuImage"] = "nvidia:ngc_base_image_version_b:gen2_v1:latest";
        keys["drkit-azure:gpuImagePlan"] = "nvidia:ngc_base_image_version_b:gen2_v1";
        var (run, _) = await DeclareAsync(keys, StackOperations.Decide(Plan(), OperationsState.None));
        var sets = run.OfType("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet");
        Assert.That(sets.Select(s => new[] { "publisher", "product", "name" }.Select(k => ComponentRun.At(s.Inputs, "plan", k))),
            Has.All.EqualTo(new object?[] { "nvidia", "ngc_base_image_version_b", "gen2_v1" }),
            "a Marketplace image with a purchase plan boots only when the set names the plan");
    }

    [Test]
    public void Declare_BadImagePlan_IsRefusedNamingTheKey()
    {
        var keys = Keys();
        keys["drkit-azure:gpuImagePlan"] = "nvidia";
        var refused = Assert.CatchAsync(() => DeclareAsync(keys, StackOperations.Decide(Plan(), OperationsState.None)));
        Assert.That(refused?.ToString(), Does.Contain("drkit-azure:gpuImagePlan is 'nvidia': expected publisher:product:name"), "the key, the value and what was expected");
    }

    [Test]
    public void Declare_BadImage_IsRefusedNamingTheKey()
    {
        var keys = Keys();
        keys["drkit-azure:gpuImage"] = "ubuntu-hpc";
        var refused = Assert.CatchAsync(() => DeclareAsync(keys, StackOperations.Decide(Plan(), OperationsState.None)));
        Assert.That(refused?.ToString(), Does.Contain("drkit-azure:gpuImage is 'ubuntu-hpc': expected publisher:offer:sku:version"), "the key, the value and what was expected");
    }

    [Test]
    public void Declare_CustomerKeysWithoutTenant_IsRefusedNamingTheKey()
    {
        var keys = Keys();
        keys.Remove("azure:tenantId");
        var refused = Assert.CatchAsync(() => DeclareAsync(keys, StackOperations.Decide(Plan(), OperationsState.None)));
        Assert.That(refused?.ToString(), Does.Contain("set azure:tenantId"), "the Key Vaults need the tenant: the error names the key");
    }

    [Test]
    public void Refusal_DrillStack_IsNotRefused()
    {
        var plan = Plan();
        var state = OperationsConfig.FromRaw("test", new Dictionary<string, string>
        {
            [OperationsKeys.Full(OperationsKeys.DrillMode)] = "restore",
            [OperationsKeys.Full(OperationsKeys.DrillSourceStack)] = "azure-pilot-light",
            [OperationsKeys.Full(OperationsKeys.DrillRegion)] = "centralus",
        }, plan);
        Assert.Multiple(() =>
        {
            Assert.That(AzureStack.Refusal(StackOperations.Decide(plan, state)), Is.Null, "an Azure drill stack is declared, by AzureDrillResources: its restored copies alone");
            Assert.That(AzureStack.Refusal(StackOperations.Decide(plan, OperationsState.None)), Is.Null, "the bundled stack is declared");
        });
    }
}
