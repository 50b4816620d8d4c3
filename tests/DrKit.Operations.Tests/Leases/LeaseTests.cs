using DrKit.Failover;
using DrKit.Operations.Leases;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Leases;

public sealed class LeaseTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "drkit-lease-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static OperationLease Lease(string host, int pid, string operation = "failover", string id = "failover-pilot-light-1") =>
        new("pilot-light", operation, id, host, pid, Started.AddMinutes(-1), Started);

    private static S3OperationStateStore Bucket(FakeS3 s3) => new(s3, "dr-state", "drkit/", "us-west-2", "us-east-1");

    [Test]
    public async Task Acquire_SecondOperationIsRefusedNamingTheHolder()
    {
        var leases = new OperationLeases([new FileOperationStateStore(_dir)], (_, _) => true);
        var first = await leases.AcquireAsync(Lease("ops-a", 100), takeOver: false, CancellationToken.None);
        var second = await leases.AcquireAsync(Lease("ops-a", 200, "teardown", "teardown-1"), takeOver: false, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Acquired, Is.True, "a free stack is leased");
            Assert.That(second.Acquired, Is.False, "a second operation on the same stack is refused");
            Assert.That(second.Message, Does.Contain("failover (operation failover-pilot-light-1) on host ops-a, pid 100, started 2026-11-30 10:00:00Z"), "the refusal names operation, host, pid and start time");
            Assert.That(second.Message, Does.Contain("Nothing was changed"), "the refusal says nothing changed");
        });
    }

    [Test]
    public async Task Acquire_LiveHolderOnThisMachineIsNeverTakenOver()
    {
        var leases = new OperationLeases([new FileOperationStateStore(_dir)], (_, _) => true);
        await leases.AcquireAsync(Lease(Environment.MachineName, 100), false, CancellationToken.None);
        var again = await leases.AcquireAsync(Lease(Environment.MachineName, 200), takeOver: true, CancellationToken.None);
        Assert.That(again.Message, Does.Contain("that process is running on this machine"), "take-over of a running operation is refused even when asked");
    }

    [Test]
    public async Task Acquire_TheHolderItselfTakesItsKeptLeaseBack()
    {
        var leases = new OperationLeases([new FileOperationStateStore(_dir)], (_, _) => true);
        await leases.AcquireAsync(Lease(Environment.MachineName, 100), false, CancellationToken.None);
        var again = await leases.AcquireAsync(Lease(Environment.MachineName, 100, id: "failover-pilot-light-2"), takeOver: false, CancellationToken.None);
        Assert.That(again.Acquired, Is.True, "a process that kept its lease after a failed run may run again without a take-over");
    }

    [Test]
    public async Task Acquire_StaleHolderNeedsAnExplicitTakeOver()
    {
        var leases = new OperationLeases([new FileOperationStateStore(_dir)], (_, _) => false);
        await leases.AcquireAsync(Lease(Environment.MachineName, 100), false, CancellationToken.None);
        var refused = await leases.AcquireAsync(Lease(Environment.MachineName, 200), takeOver: false, CancellationToken.None);
        var taken = await leases.AcquireAsync(Lease(Environment.MachineName, 200), takeOver: true, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(refused.Acquired, Is.False, "a dead holder's lease is not taken silently");
            Assert.That(refused.Message, Does.Contain("Its process is no longer running").And.Contain("--take-over"), "the refusal says the holder is gone and how to take over");
            Assert.That(taken.Acquired, Is.True, "--take-over replaces a dead holder's lease");
            Assert.That(taken.Held!.TookOver, Does.Contain("pid 100"), "the take-over names whom it replaced");
        });
    }

    [Test]
    public async Task Acquire_RaceOnTheRecoveryRegionBucketHasOneWinner()
    {
        var s3 = new FakeS3();
        var machineA = new OperationLeases([Bucket(s3), new FileOperationStateStore(Path.Combine(_dir, "a"))], (_, _) => true);
        var machineB = new OperationLeases([Bucket(s3), new FileOperationStateStore(Path.Combine(_dir, "b"))], (_, _) => true);
        var a = await machineA.AcquireAsync(Lease("ops-a", 100), false, CancellationToken.None);
        var b = await machineB.AcquireAsync(Lease("ops-b", 100), false, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(a.Acquired, Is.True, "the first operator wins");
            Assert.That(b.Acquired, Is.False, "the second operator, on another machine, sees the bucket's lease and is refused");
            Assert.That(b.Message, Does.Contain("host ops-a"), "the holder on the other machine is named");
            Assert.That(Directory.Exists(Path.Combine(_dir, "b", "leases")) && Directory.EnumerateFiles(Path.Combine(_dir, "b", "leases")).Any(), Is.False, "the refused machine keeps no lease of its own");
            Assert.That(s3.Calls.Where(c => c[1] == "put-object").All(c => c.Contains("--region") && c[c.ToList().IndexOf("--region") + 1] == "us-west-2"), Is.True, "every write goes to the recovery region");
            Assert.That(s3.Calls.First(c => c[1] == "put-object"), Does.Contain("--if-none-match"), "the lease is created with a conditional put");
        });
    }

    [Test]
    public async Task Release_RemovesTheLeaseOnlyWhileItIsOurs()
    {
        var s3 = new FakeS3();
        var leases = new OperationLeases([Bucket(s3)], (_, _) => false);
        var held = (await leases.AcquireAsync(Lease("ops-a", 100), false, CancellationToken.None)).Held!;
        var takenOver = (await leases.AcquireAsync(Lease("ops-b", 7), takeOver: true, CancellationToken.None)).Held!;
        await leases.ReleaseAsync(held, CancellationToken.None);
        Assert.That((await leases.HolderAsync("pilot-light", CancellationToken.None))?.Host, Is.EqualTo("ops-b"), "the old holder's release leaves the new holder's lease alone");
        await leases.ReleaseAsync(takenOver, CancellationToken.None);
        Assert.That(await leases.HolderAsync("pilot-light", CancellationToken.None), Is.Null, "the holder's own release frees the stack");
    }

    [Test]
    public void Store_InThePrimaryRegionIsRefused() =>
        Assert.That(() => new S3OperationStateStore(new FakeS3(), "b", "p/", "us-east-1", "us-east-1"), Throws.ArgumentException.With.Message.Contains("recovery region"),
            "the store is read while the primary is down, so it may not live there");

    [Test]
    public async Task Journal_ResumesOnAnotherMachineFromTheRecoveryRegionCopy()
    {
        var s3 = new FakeS3();
        var journalA = new MirroredFailoverJournal(new FileFailoverJournal(Path.Combine(_dir, "a", "j.jsonl")), [Bucket(s3)], "pilot-light");
        await journalA.AppendAsync(new JournalEntry("op-1", "Readiness", JournalEvent.Completed, Started, "ok"), CancellationToken.None);
        await journalA.AppendAsync(new JournalEntry("op-1", "Promote", JournalEvent.Completed, Started.AddSeconds(5), "promoted"), CancellationToken.None);

        // Machine A is lost; machine B has no local journal at all.
        var journalB = new MirroredFailoverJournal(new FileFailoverJournal(Path.Combine(_dir, "b", "j.jsonl")), [Bucket(s3)], "pilot-light");
        var entries = await journalB.ReadAsync("op-1", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Step), Is.EqualTo(new[] { "Readiness", "Promote" }), "machine B reads every step machine A completed, so it never promotes twice");
            Assert.That(File.Exists(Path.Combine(_dir, "b", "j.jsonl")), Is.True, "the entries are kept locally for the rest of the run");
        });
    }
}
