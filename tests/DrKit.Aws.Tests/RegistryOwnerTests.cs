using System.Collections.Immutable;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Aws.Tests;

/// <summary>The account stack owns the one ECR replication configuration per region and merges every member's rule.</summary>
public sealed class RegistryOwnerTests
{
    private static string Need(string stack, string destination) =>
        RegistryReplication.Serialize(new RegistryReplicationNeed(stack, RecordingMocks.Account, "us-east-1", RegistryReplication.Prefix("rag-assistant", stack), [destination]));

    private static Task<List<MockResourceArgs>> DeployAsync(params string[] members) => DeployInAsync(["us-east-1"], members);

    private static async Task<List<MockResourceArgs>> DeployInAsync(string[] regions, params string[] members)
    {
        var config = new System.Text.Json.Nodes.JsonObject
        {
            ["drkit-account:members"] = System.Text.Json.JsonSerializer.Serialize(members),
            ["drkit-account:regions"] = System.Text.Json.JsonSerializer.Serialize(regions),
        };
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", config.ToJsonString());
        try
        {
            var mocks = new RecordingMocks();
            mocks.ReferencedStacks["acme/drkit/pilot-light"] = new() { ["registryReplication"] = Need("pilot-light", "us-west-2") };
            mocks.ReferencedStacks["acme/drkit/pilot-light-eu"] = new() { ["registryReplication"] = Need("pilot-light-eu", "us-west-2") };
            mocks.ReferencedStacks["acme/drkit/primary"] = new() { ["registryReplication"] = string.Empty };
            await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = "account", IsPreview = false }, DrProgram.Outputs);
            return [.. mocks.Resources];
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }
    }

    private static IReadOnlyList<object?> Filters(MockResourceArgs configuration) =>
        StackRun.Items(StackRun.At(configuration.Inputs, "replicationConfiguration", "rules", "0", "repositoryFilters")).Select(f => StackRun.At(f, "filter")).ToList();

    [Test]
    public async Task Owner_DeclaresOneConfigurationPerRegion_MergingEveryMembersRule()
    {
        var resources = await DeployAsync("acme/drkit/pilot-light", "acme/drkit/pilot-light-eu", "acme/drkit/primary");
        var configuration = MechanismResourcesTests.Only(resources.Where(r => r.Type == Types.EcrReplication), "one configuration for the one registry");
        Assert.Multiple(() =>
        {
            Assert.That(RecordingMocks.RegionOf(configuration), Is.EqualTo("us-east-1"), "in the registry's region, with its provider");
            Assert.That(Filters(configuration), Is.EqualTo(new[] { "rag-assistant/pilot-light-eu/", "rag-assistant/pilot-light/" }), "both stacks' prefixes, in one rule for the shared destination");
            Assert.That(StackRun.At(configuration.Inputs, "replicationConfiguration", "rules", "0", "destinations", "0", "region"), Is.EqualTo("us-west-2"), "to their recovery region");
            Assert.That(resources.Where(r => r.Type == "pulumi:pulumi:StackReference").Select(r => r.Name).ToList(), Has.Count.EqualTo(3), "one reference per member");
        });
    }

    [Test]
    public async Task Owner_ClaimsEachRegionWithAParameterASecondOwnerCannotCreate()
    {
        var resources = await DeployAsync("acme/drkit/pilot-light");
        var claim = MechanismResourcesTests.Only(resources.Where(r => r.Type == "aws:ssm/parameter:Parameter"), "one owner parameter for the one region");

        Assert.Multiple(() =>
        {
            Assert.That(claim.Inputs["name"], Is.EqualTo(RegistryReplication.OwnerParameter), "a fixed name: unique per account and region, so a second account stack's create fails");
            Assert.That(claim.Inputs.ContainsKey("overwrite"), Is.False,
                "overwrite unset: the provider sends false on create (a second owner gets ParameterAlreadyExists) and true on the owner's own updates; an explicit false would fail them");
            Assert.That(claim.Inputs["insecureValue"], Is.EqualTo("drkit/account"), "names the owning stack, so the operator who meets the error knows which one owns it");
            Assert.That(RecordingMocks.RegionOf(claim), Is.EqualTo("us-east-1"), "in the region whose configuration it guards");
        });
    }

    [Test]
    public async Task Owner_ReplacesItsClaimDeleteFirst_SinceTheNameIsFixed()
    {
        var options = new Dictionary<string, ResourceOptions>(StringComparer.Ordinal);
        var mocks = new RecordingMocks();
        mocks.ReferencedStacks["acme/drkit/pilot-light"] = new() { ["registryReplication"] = Need("pilot-light", "us-west-2") };
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = "account", IsPreview = false }, () =>
        {
            var providers = RegionalProviders.Create("us-east-1", [], new StackTags("account", AccountStackConfig.Namespace));
            _ = new DrKit.Aws.Images.RegistryReplicationOwner("registry-replication", new DrKit.Aws.Images.RegistryReplicationOwnerArgs { Members = ["acme/drkit/pilot-light"], Providers = providers },
                new ComponentResourceOptions
                {
                    ResourceTransformations =
                    {
                        args =>
                        {
                            options[args.Resource.GetResourceName()] = args.Options;
                            return null;
                        },
                    },
                });
            return new Dictionary<string, object?>();
        });

        var claim = MechanismResourcesTests.Only(mocks.Resources.Where(r => r.Type == "aws:ssm/parameter:Parameter"), "one owner parameter");
        Assert.That((options[claim.Name!] as CustomResourceOptions)?.DeleteBeforeReplace, Is.True,
            "the parameter name is fixed and ForceNew: create-before-delete would meet the old parameter (ParameterAlreadyExists)");
    }

    [Test]
    public async Task Owner_WithAMemberGone_KeepsTheOthersReplication()
    {
        var resources = await DeployAsync("acme/drkit/pilot-light-eu");
        var configuration = MechanismResourcesTests.Only(resources.Where(r => r.Type == Types.EcrReplication), "still one configuration");

        Assert.That(Filters(configuration), Is.EqualTo(new[] { "rag-assistant/pilot-light-eu/" }), "destroying pilot-light (and dropping it from the members) leaves pilot-light-eu replicating");
    }

    [Test]
    public void Owner_WithARegionNoMemberReplicatesFrom_FailsBeforeSendingAnEmptyRuleList()
    {
        var e = Assert.CatchAsync(() => DeployInAsync(["us-east-1", "us-west-2"], "acme/drkit/pilot-light"))!;

        Assert.That(e.ToString(), Does.Contain("us-west-2").And.Contain("at least one rule"),
            "us-west-2 is only a recovery region: its configuration would have no rule, which ECR and the provider reject");
    }

    [Test]
    public void Owner_WithoutMembers_FailsWithTheKeyNamed()
    {
        var e = Assert.ThrowsAsync<RunException>(() => DeployAsync())!;
        Assert.That(e.Message, Does.Contain("drkit-account:members").And.Contain("non-empty list"), "the error names the key and what was expected");
    }
}
