using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using Aws = Pulumi.Aws;
using SecretValue = DrKit.Policies.Resources.SecretValue;
using Unknown = DrKit.Policies.Resources.Unknown;

namespace DrKit.Policies.Pulumi.Tests;

/// <summary>Typed Args to plain descriptions: camelCase input names, nested args, lists, unknowns and secrets.</summary>
public sealed class ArgsReaderTests
{
    private static async Task<IReadOnlyDictionary<string, object?>> ReadInsideADeployment(Func<InputArgs> build)
    {
        IReadOnlyDictionary<string, object?>? read = null;
        Action program = () => read = ArgsReader.Read(build(), 0);
        await Deployment.TestAsync(new Mocks(), new TestOptions { IsPreview = false }, program);
        return read!;
    }

    [Test]
    public async Task NestedArgs_UseThePulumiInputNames()
    {
        var inputs = await ReadInsideADeployment(() => new Aws.S3.BucketVersioningArgs
        {
            Bucket = "b",
            VersioningConfiguration = new Aws.S3.Inputs.BucketVersioningVersioningConfigurationArgs { Status = "Enabled" },
        });
        Assert.That(Resources.InputValues.At(inputs, "versioningConfiguration.status"), Is.EqualTo("Enabled"), "nested args become nested maps keyed by input name");
    }

    [Test]
    public async Task ListInputs_AreReadFromTheirBackingFields()
    {
        var inputs = await ReadInsideADeployment(() => new Aws.S3.BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = "b",
            Rules = { new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs { BucketKeyEnabled = true } },
        });
        var rules = Resources.InputValues.List(inputs["rules"]);
        Assert.That(Resources.InputValues.Map(rules![0])!["bucketKeyEnabled"], Is.EqualTo(true), "list elements are read too");
    }

    [Test]
    public async Task UnknownOutputs_BecomeTheUnknownSentinel()
    {
        var inputs = await ReadInsideADeployment(() => new Aws.S3.BucketPublicAccessBlockArgs { Bucket = OutputUtilities.CreateUnknown("b"), BlockPublicAcls = true });
        Assert.That(inputs["bucket"], Is.SameAs(Unknown.Value), "an unknown output is never read as a value");
    }

    [Test]
    public async Task SecretInputs_AreMarkedSecret()
    {
        var inputs = await ReadInsideADeployment(() => new Aws.ElastiCache.ReplicationGroupArgs { Description = "c", AuthToken = Output.CreateSecret("token-token-token") });
        Assert.That(inputs["authToken"], Is.InstanceOf<SecretValue>(), "secret-ness survives into the description");
    }
}
