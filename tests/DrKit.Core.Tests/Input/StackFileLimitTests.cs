using DrKit.Core.Config;
using DrKit.Core.Input;

namespace DrKit.Core.Tests.Input;

public sealed class StackFileLimitTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), $"drkit-limits-{Guid.NewGuid():N}");

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    public void BillionLaughs_IsRefusedAtTheAliasThatCrossesTheCap()
    {
        var path = HostileFiles.Write(_dir, "Pulumi.laughs.yaml", HostileFiles.BillionLaughs());
        var p = Refusal(() => StackSpecReader.ReadFile(path));
        Assert.Multiple(() =>
        {
            Assert.That(p.Location.File, Does.EndWith("Pulumi.laughs.yaml"), "the refusal names the file");
            Assert.That(p.Message, Does.Contain("500,000 values per stack file, counting each alias"), "the refusal names the alias-expansion limit");
            Assert.That(p.Location.Line, Is.InRange(3, 13), "the line is the alias that crossed the cap, inside the file");
        });
    }

    [Test]
    public void AliasesWithinTheCap_AreSharedAndRead()
    {
        var yaml = "config:\n  drkit:recoveryRegions: &r [us-west-2]\n  drkit:primaryRegion: us-east-1\n  other:regions: *r\n";
        var config = YamlStackFile.Parse(yaml, TestStacks.File);
        Assert.That(((ConfigSequence)config["other:regions"]!).Items.Select(i => ((ConfigScalar)i).Value), Is.EqualTo(new[] { "us-west-2" }), "an alias reads as the anchored value");
    }

    [Test]
    public void ExpansionJustOverASmallCap_IsRefused()
    {
        // Four levels expand to 10^4 + the anchors' own values; a cap of 10,000 is crossed by the last alias only.
        var limits = InputLimits.StackFile with { MaxNodes = 10_000 };
        Assert.Multiple(() =>
        {
            Assert.That(() => YamlStackFile.Parse(HostileFiles.BillionLaughs(3), TestStacks.File, limits), Throws.Nothing, "10^3 expanded values are under the cap");
            Assert.That(() => YamlStackFile.Parse(HostileFiles.BillionLaughs(4), TestStacks.File, limits), Throws.TypeOf<StackConfigException>(), "10^4 expanded values plus the rest are over it");
        });
    }

    [Test]
    public void DeepNesting_IsRefusedNamingTheDepthLimit()
    {
        var path = HostileFiles.Write(_dir, "Pulumi.deep.yaml", HostileFiles.DeepNesting(100_000));
        var p = Refusal(() => StackSpecReader.ReadFile(path));
        Assert.Multiple(() =>
        {
            Assert.That(p.Location.File, Does.EndWith("Pulumi.deep.yaml"), "the refusal names the file");
            Assert.That(p.Message, Does.Contain("64 levels of nesting in a stack file"), "the refusal names the depth limit");
        });
    }

    [Test]
    public void NestingAtTheCap_IsAccepted() =>
        Assert.That(() => YamlStackFile.Parse(HostileFiles.DeepNesting(62), TestStacks.File), Throws.Nothing, "the document map, config and 62 lists are 64 levels");

    [Test]
    public void LongScalar_IsRefusedNamingTheValueLimit()
    {
        var path = HostileFiles.Write(_dir, "Pulumi.long.yaml", HostileFiles.LongScalar(1024 * 1024));
        var p = Refusal(() => StackSpecReader.ReadFile(path));
        Assert.Multiple(() =>
        {
            Assert.That(p.Message, Does.Contain("64 KiB per value in a stack file"), "the refusal names the scalar limit");
            Assert.That(p.Message, Does.Contain("a value of 1 MiB"), "the refusal says what was found");
            Assert.That(p.Location.Line, Is.EqualTo(2), "the line of the long value");
        });
    }

    [Test]
    public void OversizedFile_IsRefusedBeforeItIsRead()
    {
        var path = HostileFiles.Write(_dir, "Pulumi.big.yaml", HostileFiles.Oversized(5L * 1024 * 1024));
        var p = Refusal(() => StackSpecReader.ReadFile(path));
        Assert.Multiple(() =>
        {
            Assert.That(p.Message, Does.Contain("4 MiB per stack file"), "the refusal names the size limit");
            Assert.That(p.Location.Line, Is.Zero, "the whole file is at fault, no line");
            Assert.That(p.Location.File, Does.EndWith("Pulumi.big.yaml"), "the refusal names the file");
        });
    }

    [Test]
    public void BundledStacks_AreWellUnderEveryCap()
    {
        foreach (var stack in Directory.GetFiles(Path.Combine(RepoPaths.Root, "stacks"), "Pulumi.*.yaml"))
        {
            var tight = InputLimits.StackFile with { MaxBytes = InputLimits.StackFile.MaxBytes / 100, MaxNodes = InputLimits.StackFile.MaxNodes / 100 };
            Assert.That(() => YamlStackFile.Parse(File.ReadAllText(stack), stack, tight), Throws.Nothing, $"{stack} fits in a hundredth of the caps");
        }
    }

    private static ConfigProblem Refusal(TestDelegate read)
    {
        var e = Assert.Throws<StackConfigException>(read)!;
        var p = e.Problems.Single();
        Assert.That(p.KeyPath, Is.EqualTo("(file)"), "the whole file is refused, not a key");
        Assert.That(p.Message, Does.StartWith("refused: "), "the message says the file was refused");
        return p;
    }
}
