using DrKit.Core.Config;
using DrKit.Operations.Drills;
using DrKit.Operations.Gateway;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

public sealed class SupportTests
{
    [Test]
    public void StackFileConfig_CopiesDrKitConfigAsJson_AndSkipsSecureValuesAndOperationState()
    {
        var config = YamlStackFile.Parse("""
            config:
              aws:region: us-east-1
              drkit:recoveryRegions:
                - us-west-2
              drkit:dbPassword:
                secure: AAABAKx
              drkit-ops:promote.db: "true"
            """, "test.yaml");

        var copied = StackFileConfig.From(config);

        Assert.Multiple(() =>
        {
            Assert.That(copied.Values["aws:region"].Value, Is.EqualTo("us-east-1"), "scalars are copied as they are");
            Assert.That(copied.Values["drkit:recoveryRegions"].Value, Is.EqualTo("[\"us-west-2\"]"), "structured values become JSON, as Config.Get returns them");
            Assert.That(copied.SkippedSecrets, Is.EqualTo(new[] { "drkit:dbPassword" }), "ciphertext of another stack cannot be copied");
            Assert.That(copied.Values.Keys, Has.None.StartsWith("drkit-ops:"), "operation state of the source stack is not carried into a drill stack");
        });
    }

    [Test]
    public void StackFileConfig_OfABundledStack_ReadsBackToTheSamePlan()
    {
        var copied = StackFileConfig.Read(BundledStacks.Path("pilot-light"));

        var spec = StackSpecReader.Read("pilot-light", PulumiConfigValues.FromRaw("drill stack", copied.Values.ToDictionary(p => p.Key, p => p.Value.Value)));

        Assert.That(spec.Components.Select(c => c.Name), Is.EqualTo(StackSpecReader.ReadFile(BundledStacks.Path("pilot-light")).Components.Select(c => c.Name)),
            "a drill stack given the copied config plans the same components as the source");
    }

    [Test]
    public void AwsCredentialCheck_WithoutAnyCredentials_ThrowsANamedError()
    {
        var error = Assert.Throws<CredentialsMissingException>(() => AwsCredentialCheck.Require(_ => null, _ => false, "/home/nobody"),
            "no variables and no files means no credentials");

        Assert.That(error!.Message, Does.Contain("AWS_ACCESS_KEY_ID").And.Contain("AWS_PROFILE"), "the message says what to set");
    }

    [TestCase("AWS_PROFILE")]
    [TestCase("AWS_WEB_IDENTITY_TOKEN_FILE")]
    [TestCase("DRKIT_AWS_CREDENTIALS")]
    public void AwsCredentialCheck_FindsCredentialsNamedByOneVariable(string variable)
    {
        var found = AwsCredentialCheck.Find(name => name == variable ? "x" : null, _ => false, "/home/nobody");

        Assert.That(found, Does.StartWith(variable), $"{variable} alone is enough");
    }

    [Test]
    public void AwsCredentialCheck_FindsTheSharedCredentialsFile()
    {
        var found = AwsCredentialCheck.Find(_ => null, path => path == "/home/op/.aws/credentials", "/home/op");

        Assert.That(found, Is.EqualTo("/home/op/.aws/credentials"), "a profile file in the home directory counts");
    }
}
