using DrKit.Drills.Reports;
using Spectre.Console;

namespace DrKit.Drills.Tests;

public sealed class ArchiveOutageDrillTests
{
    [Test]
    public async Task Stopped_archive_destination_shows_failures_growing_exposure_then_recovery()
    {
        var root = Path.Combine(Path.GetTempPath(), "drkit-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var outputs = Path.Combine(Path.GetTempPath(), "drkit-out-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        var spec = DrillTestSupport.ShortSpec("archive") with
        {
            FailureMode = DrillFailureMode.StopArchive,
            Redis = false,
            ArchiveOutage = TimeSpan.FromSeconds(2.5),
            PostgresTargets = new TierTargets(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
        };
        try
        {
            var result = await LocalDrillRunner.RunAsync(spec,
                new DrillOptions(TempRoot: root, HistoryPath: Path.Combine(outputs, "history.jsonl"), ReportDirectory: outputs, Console: console),
                CancellationToken.None);

            Assert.That(result.Archive, Is.Not.Null, result.Summary + "\n" + result.Error);
            var archive = result.Archive!;
            var during = archive.Samples.Where(s => !s.DestinationAvailable).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(result.DetectedAt, Is.Not.Null, "the failing archive command must be detected");
                Assert.That(archive.FailedAttempts, Is.GreaterThan(0), "the archive command really failed");
                Assert.That(during.Last().Exposure, Is.GreaterThan(during.First().Exposure ?? TimeSpan.MaxValue), "exposure grows while the destination is away");
                Assert.That(archive.PeakExposure, Is.GreaterThan(TimeSpan.FromSeconds(1.5)), "about as long as the outage");
                Assert.That(archive.CaughtUpAt, Is.Not.Null, "archiving recovers once the destination returns");
                Assert.That(result.Verdict, Is.EqualTo(DrillVerdict.Missed), "an exposure beyond the 1 s RPO target is a miss");
                Assert.That(result.Engine, Is.Null, "serving never failed, so there is no failover");
                Assert.That(writer.ToString(), Does.Contain("WAL archive: peak exposure"), "console summary written through IAnsiConsole");
                Assert.That(Directory.EnumerateFiles(outputs, "*.html"), Has.Exactly(1).Items, "HTML report written");
                Assert.That(Directory.EnumerateFiles(outputs, "*.md"), Has.Exactly(1).Items, "Markdown report written");
                Assert.That(File.ReadAllLines(Path.Combine(outputs, "history.jsonl")), Has.Length.EqualTo(1), "one history line");
                Assert.That(Directory.EnumerateFileSystemEntries(root), Is.Empty, "the drill directory is deleted");
                Assert.That(LeakCheck.ServerProcessesUnder(root), Is.Empty, "every server is stopped");
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            if (Directory.Exists(outputs))
            {
                Directory.Delete(outputs, recursive: true);
            }
        }
    }
}
