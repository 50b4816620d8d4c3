using System.Diagnostics;

namespace DrKit.Cli.Tests.Workflows;

/// <summary>
/// The pull-request comment step's own script, run with bash against stand-ins for drkit and git: which preview
/// outcomes fail the DR check. A stack the workflow deliberately does not preview (Azure: no credentials here) must not turn every
/// pull request red; a failed preview must.
/// </summary>
public sealed class CommentScriptTests
{
    [TestCase("not previewed, this workflow has no Azure credentials (drkit plan, diff and check do run)", "failed=0")]
    [TestCase("success", "failed=0")]
    [TestCase("failure", "failed=1")]
    public void CommentStep_PreviewOutcome_DecidesWhetherTheCheckFails(string outcome, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("drkit-comment-");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(dir.FullName, "bin")).FullName;
            // drkit: diff and check pass; git: no base version, so the stack counts as new.
            Stub(bin, "drkit", "echo \"drkit $*\"; exit 0");
            Stub(bin, "git", "exit 1");
            Directory.CreateDirectory(Path.Combine(dir.FullName, "preview"));
            File.WriteAllText(Path.Combine(dir.FullName, "preview", "s.outcome"), outcome + "\n");
            var output = Path.Combine(dir.FullName, "output");
            var run = Process.Start(new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", Script()])
            {
                WorkingDirectory = dir.FullName,
                Environment =
                {
                    ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
                    ["STACKS"] = "[\"s\"]",
                    ["BASE_REF"] = "main",
                    ["GITHUB_OUTPUT"] = output,
                    ["GITHUB_STEP_SUMMARY"] = Path.Combine(dir.FullName, "summary"),
                },
                RedirectStandardError = true,
            })!;
            var stderr = run.StandardError.ReadToEnd();
            run.WaitForExit();
            Assert.That(run.ExitCode, Is.EqualTo(0), $"the script runs to the end; stderr: {stderr}");
            Assert.That(File.ReadAllLines(output), Does.Contain(expected), $"preview outcome '{outcome}'");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The comment job's step that composes the comment (the one writing drkit-comment.md).</summary>
    private static string Script() =>
        WorkflowFile.Load("drkit-pr.yml").Steps().Where(s => s.Job == "comment")
            .Select(s => WorkflowFile.Scalar(s.Step, "run") ?? string.Empty)
            .Single(r => r.Contains("drkit-comment.md", StringComparison.Ordinal) && r.Contains("failed=", StringComparison.Ordinal));

    private static void Stub(string bin, string name, string body)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
