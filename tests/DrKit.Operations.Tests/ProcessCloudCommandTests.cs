using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests;

public sealed class ProcessCloudCommandTests
{
    [Test]
    public void Run_OfAProgramNotOnPath_ThrowsCloudCliMissing()
    {
        var error = Assert.ThrowsAsync<CloudCliMissingException>(
            () => new ProcessCloudCommand().RunAsync("drkit-no-such-cli", ["--version"], TimeSpan.FromSeconds(10), CancellationToken.None),
            "a program that is not installed is a named error, not a Win32Exception");

        Assert.That(error!.Program, Is.EqualTo("drkit-no-such-cli"), "the exception names the program");
    }

    [Test]
    public async Task Run_CapturesExitCodeStdoutAndStderr()
    {
        Assume.That(File.Exists("/bin/sh"), Is.True, "needs /bin/sh");

        var result = await new ProcessCloudCommand().RunAsync("/bin/sh", ["-c", "printf out; printf err >&2; exit 3"], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new CloudCommandResult(3, "out", "err")), "exit code and both streams are returned as they are");
    }

    [Test]
    public void Run_PastItsTimeout_StopsTheProcessAndThrowsTimeout()
    {
        Assume.That(File.Exists("/bin/sh"), Is.True, "needs /bin/sh");

        Assert.ThrowsAsync<TimeoutException>(
            () => new ProcessCloudCommand().RunAsync("/bin/sh", ["-c", "sleep 30"], TimeSpan.FromMilliseconds(200), CancellationToken.None),
            "a command that does not exit in time is stopped and reported");
    }
}
