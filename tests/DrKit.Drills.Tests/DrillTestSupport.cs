using DrKit.Drills.Reports;

namespace DrKit.Drills.Tests;

/// <summary>Runs a drill in a private temp root and checks afterwards that the drill left nothing behind.</summary>
internal static class DrillTestSupport
{
    public static LocalDrillSpec ShortSpec(string name) => new()
    {
        StackName = name,
        WarmUp = TimeSpan.FromSeconds(1.5),
        PostgresTargets = new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
        RedisTargets = new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
    };

    public static async Task<DrillResult> RunAsync(LocalDrillSpec spec)
    {
        var root = Path.Combine(Path.GetTempPath(), "drkit-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var listeningBefore = LeakCheck.ListeningPorts();
        try
        {
            var result = await LocalDrillRunner.RunAsync(spec, new DrillOptions(TempRoot: root, Timeout: TimeSpan.FromSeconds(90)), CancellationToken.None);
            TestContext.Out.WriteLine(MarkdownReport.Render(result));
            var leftovers = Directory.EnumerateFileSystemEntries(root).ToList();
            var newListeners = LeakCheck.NewListenersOfDrill(listeningBefore, root);
            Assert.Multiple(() =>
            {
                Assert.That(leftovers, Is.Empty, "the drill must delete its temporary directory");
                Assert.That(newListeners, Is.Empty, "no server started by the drill may still listen");
                Assert.That(LeakCheck.ServerProcessesUnder(root), Is.Empty, "no server process of the drill may survive it");
            });
            return result;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
