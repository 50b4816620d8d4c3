using System.Text;

namespace DrKit.Failover.Tests;

[TestFixture]
public sealed class FileFailoverJournalTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));

    private DirectoryInfo _directory = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("drkit-journal-");
        _path = Path.Combine(_directory.FullName, "nested", "journal.jsonl");
    }

    [TearDown]
    public void TearDown() => _directory.Delete(recursive: true);

    private static JournalEntry Entry(string op, string step, JournalEvent journalEvent, int minute, string detail = "") =>
        new(op, step, journalEvent, T0.AddMinutes(minute), detail);

    [Test]
    public async Task AppendThenRead_NewInstance_ReturnsOperationEntriesInOrder()
    {
        var writer = new FileFailoverJournal(_path);
        JournalEntry[] mine =
        [
            Entry("op-1", "Readiness", JournalEvent.Started, 0),
            Entry("op-1", "Readiness", JournalEvent.Forced, 1, "lag unknown; \"quoted\" reason\nwith newline, ünïcode"),
            Entry("op-1", "Readiness", JournalEvent.Completed, 2),
        ];
        await writer.AppendAsync(mine[0], CancellationToken.None);
        await writer.AppendAsync(Entry("op-2", "Fence", JournalEvent.Started, 1), CancellationToken.None);
        await writer.AppendAsync(mine[1], CancellationToken.None);
        await writer.AppendAsync(mine[2], CancellationToken.None);

        var read = await new FileFailoverJournal(_path).ReadAsync("op-1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(mine), "a fresh instance (a new process) must read back exactly this operation's entries, in order");
            Assert.That(read[0].Timestamp.Offset, Is.EqualTo(TimeSpan.FromHours(2)), "timestamps must keep their offset");
            Assert.That(File.ReadAllLines(_path), Has.Length.EqualTo(4), "one line per entry, even when the detail has a newline");
        });
    }

    [Test]
    public async Task Read_MissingFile_ReturnsEmpty()
    {
        var read = await new FileFailoverJournal(_path).ReadAsync("op-1", CancellationToken.None);

        Assert.That(read, Is.Empty, "a journal that was never written has no entries");
    }

    [Test]
    public async Task Read_TruncatedLastLine_IgnoresOnlyThatLine()
    {
        var journal = new FileFailoverJournal(_path);
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Started, 0), CancellationToken.None);
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Completed, 1), CancellationToken.None);
        await TearLastLineAsync();

        var read = await journal.ReadAsync("op-1", CancellationToken.None);

        Assert.That(read.Select(e => e.Event), Is.EqualTo(new[] { JournalEvent.Started }),
            "an entry torn by a crash mid-write was never acknowledged and must be dropped, not fail the read");
    }

    [Test]
    public async Task Append_AfterTruncatedLastLine_DropsTheTornTailAndStaysReadable()
    {
        var journal = new FileFailoverJournal(_path);
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Started, 0), CancellationToken.None);
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Completed, 1), CancellationToken.None);
        await TearLastLineAsync();

        var resumed = new FileFailoverJournal(_path);
        await resumed.AppendAsync(Entry("op-1", "Fence", JournalEvent.Completed, 2, "resumed"), CancellationToken.None);
        var read = await resumed.ReadAsync("op-1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(read.Select(e => e.Detail), Is.EqualTo(new[] { "", "resumed" }), "the torn entry must be gone and the new one intact");
            Assert.That(File.ReadAllLines(_path), Has.Length.EqualTo(2), "the torn bytes must not remain as a line of their own");
        });
    }

    [Test]
    public async Task Read_CorruptLineBeforeTheLast_Throws()
    {
        var journal = new FileFailoverJournal(_path);
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Started, 0), CancellationToken.None);
        await File.AppendAllTextAsync(_path, "{not json\n", Encoding.UTF8);
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Completed, 1), CancellationToken.None);

        Assert.ThrowsAsync<InvalidDataException>(() => journal.ReadAsync("op-1", CancellationToken.None),
            "damage in the middle is not a crash artefact; resuming from it could repeat a promotion");
    }

    [Test]
    public async Task ReadAsync_InMemoryJournal_FiltersByOperation()
    {
        var journal = new InMemoryFailoverJournal();
        await journal.AppendAsync(Entry("op-1", "Fence", JournalEvent.Started, 0), CancellationToken.None);
        await journal.AppendAsync(Entry("op-2", "Fence", JournalEvent.Started, 0), CancellationToken.None);

        var read = await journal.ReadAsync("op-2", CancellationToken.None);

        Assert.That(read.Select(e => e.OperationId), Is.EqualTo(new[] { "op-2" }), "only the requested operation's entries come back");
    }

    private async Task TearLastLineAsync()
    {
        var bytes = await File.ReadAllBytesAsync(_path);
        // Cut the final line in half, newline included, as a crash during write would.
        var lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        var cut = lastLineStart + ((bytes.Length - lastLineStart) / 2);
        await File.WriteAllBytesAsync(_path, bytes[..cut]);
    }
}
