using DrKit.Automation;
using DrKit.Operations.Gateway;
using Pulumi;
using Pulumi.Automation;

namespace DrKit.Automation.Tests;

/// <summary>
/// Drives the real adapter against a local file backend with a trivial inline program; needs the pulumi CLI,
/// and is skipped with the reason when it is not on PATH.
/// </summary>
public sealed class PulumiStackGatewayTests
{
    private string _root = string.Empty;

    [SetUp]
    public void CreateBackend()
    {
        Assume.That(CliOnPath(), Is.True, "pulumi CLI not on PATH");
        _root = Directory.CreateTempSubdirectory("drkit-gateway-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "state"));
    }

    [TearDown]
    public void RemoveBackend()
    {
        if (_root.Length > 0 && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task Gateway_DeploysReadsTagsExportsAndRemovesAStack_OnAFileBackend()
    {
        using var gateway = NewGateway();
        var ct = CancellationToken.None;
        await gateway.EnsureReadyAsync(ct);
        await gateway.CreateOrSelectStackAsync("drill-test", ct);
        await gateway.SetTagsAsync("drill-test", new Dictionary<string, string> { ["drkit:ephemeral"] = "true" }, ct);
        await gateway.SetConfigAsync("drill-test", new Dictionary<string, ConfigSetting>
        {
            ["drkit-ops:traffic.percent"] = ConfigSetting.Plain("50"),
            ["drkit-ops:source.token"] = new ConfigSetting("s3cret", Secret: true),
        }, ct);

        var preview = await gateway.PreviewAsync("drill-test", ct);
        var up = await gateway.UpAsync("drill-test", ct);
        var read = await gateway.GetOutputsAsync("drill-test", ct);
        var listed = await gateway.ListStacksAsync(ct);
        var state = await gateway.ExportStateAsync("drill-test", ct);
        await gateway.ImportStateAsync("drill-test", state, ct);
        await gateway.DestroyAsync("drill-test", ct);
        await gateway.RemoveAsync("drill-test", ct);

        Assert.Multiple(() =>
        {
            Assert.That(preview.Counts, Is.Not.Empty, "a first preview should plan to create the stack resource");
            Assert.That(up.Text("traffic.percent"), Is.EqualTo("50"), "up should return outputs computed from the config just set");
            Assert.That(read.Values["token"].Secret, Is.True, "an output built from a secret config value should be reported as secret");
            Assert.That(read.Values["token"].Value, Is.EqualTo("s3cret"), "output values are plaintext; only the flag marks them secret");
            Assert.That(listed.Single(s => Operations.Programs.TeardownProgram.IsNamed(s, "drill-test")).Tags, Does.ContainKey("drkit:ephemeral"), "stack tags should be listed with the stack");
            Assert.That(state, Does.Contain("\"version\""), "exported state should be the deployment JSON");
        });
        Assert.That(async () => await gateway.SelectStackAsync("drill-test", ct), Throws.TypeOf<DrKit.Operations.Gateway.StackNotFoundException>(),
            "a removed stack should be reported as DrKit's StackNotFoundException, not an Automation exception");
    }

    [Test]
    public void SelectStack_OfAMissingStack_ThrowsDrKitStackNotFound()
    {
        using var gateway = NewGateway();

        var error = Assert.ThrowsAsync<DrKit.Operations.Gateway.StackNotFoundException>(
            async () => await gateway.SelectStackAsync("no-such-stack", CancellationToken.None),
            "selecting a stack that does not exist should be a named DrKit error");

        Assert.That(error!.Message, Does.Contain("no-such-stack"), "the message should name the missing stack");
    }

    private PulumiStackGateway NewGateway() => new(new PulumiGatewayOptions
    {
        WorkDir = _root,
        ProjectSettings = new ProjectSettings("drkit-gateway-test", ProjectRuntimeName.Dotnet),
        Program = PulumiFn.Create((Func<IDictionary<string, object?>>)(() =>
        {
            var config = new Pulumi.Config("drkit-ops");
            return new Dictionary<string, object?>
            {
                ["traffic.percent"] = config.Get("traffic.percent") ?? "100",
                ["token"] = config.GetSecret("source.token") ?? Output.CreateSecret("none"),
            };
        })),
        EnvironmentVariables = new Dictionary<string, string?>
        {
            ["PULUMI_BACKEND_URL"] = new Uri(Path.Combine(_root, "state")).AbsoluteUri,
            ["PULUMI_CONFIG_PASSPHRASE"] = "drkit-test-passphrase",
        },
        RequireAwsCredentials = false,
    });

    private static bool CliOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "pulumi")) || File.Exists(Path.Combine(dir, "pulumi.exe")));
}
