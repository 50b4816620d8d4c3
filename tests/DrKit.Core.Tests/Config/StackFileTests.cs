using DrKit.Core.Config;

namespace DrKit.Core.Tests.Config;

public sealed class StackFileTests
{
    private const string Components = "  drkit:components:\n    c:\n      kind: redis\n      strategy: backup-restore\n";

    [Test]
    public void MissingPrimaryRegion_IsRejected()
    {
        var problems = TestStacks.Problems("config:\n" + Components);
        problems.At("drkit:primaryRegion", "missing; expected a text value");
    }

    [Test]
    public void RecoveryRegionEqualToPrimary_IsRejected()
    {
        var problems = TestStacks.Problems("config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions: [us-east-1]\n" + Components);
        problems.At("drkit:recoveryRegions", "must differ from primaryRegion 'us-east-1'");
    }

    [Test]
    public void DuplicateRecoveryRegions_AreRejected()
    {
        var problems = TestStacks.Problems("config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions: [us-west-2, us-west-2]\n" + Components);
        problems.At("drkit:recoveryRegions", "lists a region twice");
    }

    [TestCase("US-East-1")]
    [TestCase("useast1")]
    [TestCase("us-east")]
    public void BadPrimaryRegionName_IsRejected(string region)
    {
        var problems = TestStacks.Problems($"config:\n  drkit:primaryRegion: {region}\n" + Components);
        problems.At("drkit:primaryRegion", $"expected an AWS region such as us-east-1, got '{region}'");
    }

    [Test]
    public void BadRecoveryRegionName_IsRejected()
    {
        var problems = TestStacks.Problems("config:\n  drkit:primaryRegion: us-east-1\n  drkit:recoveryRegions: [uswest2]\n" + Components);
        problems.At("drkit:recoveryRegions", "expected AWS regions such as us-west-2, got 'uswest2'");
    }

    [Test]
    public void GovCloudRegion_IsAccepted() =>
        Assert.That(TestStacks.Read("config:\n  drkit:primaryRegion: us-gov-west-1\n" + Components).PrimaryRegion, Is.EqualTo("us-gov-west-1"), "GovCloud regions are AWS regions");

    [Test]
    public void MissingComponents_IsRejected()
    {
        var problems = TestStacks.Problems("config:\n  drkit:primaryRegion: us-east-1\n");
        problems.At("drkit:components", "missing; expected a map");
    }

    [Test]
    public void NotYaml_ReportsTheLine()
    {
        var e = Assert.Throws<StackConfigException>(() => YamlStackFile.Parse("config:\n  drkit:primaryRegion: us-east-1\n  drkit:service: [a, b\n  drkit:components: {}\n", TestStacks.File))!;
        var p = e.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(p.Location.File, Is.EqualTo(TestStacks.File), "the problem names the file");
            Assert.That(p.Location.Line, Is.EqualTo(4), "the parser stops on line 4, where the unclosed list runs into the next key");
            Assert.That(p.KeyPath, Is.EqualTo("(file)"), "the whole file is at fault");
            Assert.That(p.Message, Does.StartWith("not valid YAML: "), "the message says the file is not YAML");
            Assert.That(p.ToString(), Does.StartWith($"{TestStacks.File}:4: "), "file:line is printed first");
        });
    }

    [Test]
    public void DuplicateKey_IsReportedAsInvalidYaml()
    {
        var e = Assert.Throws<StackConfigException>(() => YamlStackFile.Parse("config:\n  drkit:primaryRegion: us-east-1\n  drkit:primaryRegion: us-west-2\n", TestStacks.File))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Problems.Single().Message, Does.Contain("Duplicate key"), "a repeated key is not silently overwritten");
            Assert.That(e.Problems.Single().Location.Line, Is.EqualTo(3), "the second occurrence is pointed at");
        });
    }

    [Test]
    public void MissingConfigKey_IsRejected()
    {
        var e = Assert.Throws<StackConfigException>(() => YamlStackFile.Parse("encryptionsalt: abc\n", TestStacks.File))!;
        var p = e.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(p.KeyPath, Is.EqualTo("config"), "the missing key is config");
            Assert.That(p.Message, Does.Contain("keeps its settings under 'config:'"), "the message says where settings go");
        });
    }

    [TestCase("")]
    [TestCase("- a\n- b\n")]
    [TestCase("just text\n")]
    public void DocumentThatIsNotAMap_IsRejected(string text)
    {
        var e = Assert.Throws<StackConfigException>(() => YamlStackFile.Parse(text, TestStacks.File))!;
        Assert.That(e.Problems.Single().Message, Does.Contain("expected a YAML map with a 'config:' key"), "a stack file is a map");
    }

    [Test]
    public void ConfigThatIsNotAMap_IsRejected()
    {
        var e = Assert.Throws<StackConfigException>(() => YamlStackFile.Parse("config:\n  - a\n", TestStacks.File))!;
        Assert.That(e.Problems.Single().Message, Does.Contain("expected a map of 'namespace:key' entries"), "config is a map");
    }

    [Test]
    public void MissingFile_IsRejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"drkit-missing-{Guid.NewGuid():N}", "Pulumi.gone.yaml");
        var e = Assert.Throws<StackConfigException>(() => StackSpecReader.ReadFile(path))!;
        var p = e.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(p.Location.File, Does.EndWith("Pulumi.gone.yaml"), "the problem names the file");
            Assert.That(p.Message, Does.StartWith("file not found"), "the message says the file is missing");
        });
    }

    [Test]
    public void SeveralProblems_AreReportedAtOnceInLineOrder()
    {
        var yaml = """
            config:
              drkit:primaryRegion: Mars
              drkit:recoveryRegions: [us-west-2]
              drkit:components:
                db:
                  kind: postgres
                  strategy: active-active
                  rpo: whenever
                cache:
                  kind: redis
                  strategy: pilot-light
                  nodeTyp: cache.r7g.large
            """;
        var problems = TestStacks.Problems(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(p => p.KeyPath), Is.EqualTo(new[]
            {
                "drkit:primaryRegion", "drkit:components.db.strategy", "drkit:components.db.rpo", "drkit:components.cache.nodeTyp",
            }), "every problem is reported, ordered by line");
            Assert.That(problems.Select(p => p.Location.Line), Is.EqualTo(new[] { 2, 7, 8, 12 }), "each points at its own line");
        });
    }

    [Test]
    public void StackName_ComesFromTheFileName()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StackSpecReader.StackNameFromPath("stacks/Pulumi.pilot-light.yaml"), Is.EqualTo("pilot-light"), ".yaml");
            Assert.That(StackSpecReader.StackNameFromPath("/x/Pulumi.dev.yml"), Is.EqualTo("dev"), ".yml");
            Assert.That(StackSpecReader.StackNameFromPath("other.yaml"), Is.EqualTo("other"), "a file not named Pulumi.<stack>.yaml");
        });
    }
}
