using System.Diagnostics;
using DrKit.Cli;
using DrKit.Operations.Gateway;
using DrKit.Operations.Leases;
using DrKit.Operations.Tests.Fakes;
using Moq;

namespace DrKit.Operations.Tests.Leases;

/// <summary>
/// Two operators at once, as the commands meet it: while another operation on this machine holds a stack's lease,
/// a second failover or failback on that stack is refused before it opens the stack or runs any cloud command.
/// </summary>
public sealed class LeasedCommandTests
{
    private const string Stack = "pilot-light";

    private static string StateDirectory => Path.Combine(BundledStacks.Root, ".drkit", "operations", "state");

    [TestCase("failover")]
    [TestCase("failback")]
    public async Task Command_OnAStackHeldByARunningOperation_IsRefusedNamingTheHolderAndChangesNothing(string command)
    {
        // The first operator: a live process on this machine holding the stack's lease for an operation of its own.
        using var first = Process.Start(new ProcessStartInfo("/bin/sleep", "120") { UseShellExecute = false })!;
        var leases = new OperationLeases([new FileOperationStateStore(StateDirectory)]);
        var lease = new OperationLease(Stack, "failover", "failover-first-operator", Environment.MachineName, first.Id,
            new DateTimeOffset(first.StartTime.ToUniversalTime()), DateTimeOffset.UtcNow);
        var held = (await leases.AcquireAsync(lease, takeOver: false, CancellationToken.None)).Held;
        Assume.That(held, Is.Not.Null, "the stack must be free before the first operator takes it");
        try
        {
            var cli = new CliHarness(new Mock<IStackGateway>(MockBehavior.Strict));

            var exit = await cli.RunAsync(command, Stack, "--take-over");

            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.EqualTo(ExitCodes.Findings), $"a held stack is a refusal (exit 1), not a failure: {cli.Error}");
                Assert.That(cli.Error, Does.Contain("failover-first-operator").And.Contain($"pid {first.Id}").And.Contain(Environment.MachineName),
                    "the refusal names the holder's operation, process and host");
                Assert.That(cli.Error, Does.Contain("Nothing was changed"), "the refusal says nothing changed");
                Assert.That(cli.FactoryCalls, Is.Zero, "the second operation never opened the stack");
                Assert.That(cli.Aws.Calls, Is.Empty, "the second operation ran no cloud command");
            });
            Assert.That(await leases.HolderAsync(Stack, CancellationToken.None), Is.EqualTo(lease),
                "the first operator keeps the lease: --take-over never takes it from a process still running here");
        }
        finally
        {
            await leases.ReleaseAsync(held!, CancellationToken.None);
            first.Kill();
            await first.WaitForExitAsync();
        }
    }
}
