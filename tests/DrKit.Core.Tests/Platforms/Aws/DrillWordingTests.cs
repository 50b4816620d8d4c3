namespace DrKit.Core.Tests.Platforms.Aws;

/// <summary>Cloud drills restore and never promote (promote mode is refused): what people read must say so.</summary>
public sealed class DrillWordingTests
{
    [TestCase("README.md")]
    [TestCase(".github/workflows/drkit-drill.yml")]
    [TestCase("docs/operations.md")]
    [TestCase("infra/DrKit.Cli/Commands/DrillCommand.cs")]
    public void CloudDrill_IsNeverDescribedAsPromoting(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file));

        Assert.That(text, Does.Not.Contain("restored or promoted"),
            $"{file}: a cloud drill restores from backups and snapshots; promoting a replica of the source would act on production and is refused");
    }
}
