using System.Diagnostics;
using System.Globalization;
using DrKit.Aws;
using DrKit.Aws.Tests;
using DrKit.Core.Config;
using Pulumi.Testing;

namespace DrKit.Pulumi.Benchmarks;

/// <summary>
/// One declaration of a stack file's program under mocks, in this process: the config a Pulumi CLI would pass,
/// <see cref="DrProgram.Outputs"/> run through <c>Deployment.TestAsync</c>, every registration recorded.
/// </summary>
internal static class Declaration
{
    /// <summary>Runs in the child process; writes "resources declareMs" to <paramref name="resultFile"/>.</summary>
    public static async Task<int> RunAsync(string stackFile, string stackName, string resultFile)
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", PulumiConfigValues.ToPulumiConfigJson(YamlStackFile.Load(stackFile)));
        // Stacks with Azure OpenAI rungs need a subscription, as under `pulumi up`; the mocks never reach Azure.
        if (Environment.GetEnvironmentVariable("ARM_SUBSCRIPTION_ID") is null)
        {
            Environment.SetEnvironmentVariable("ARM_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000");
        }

        var mocks = new RecordingMocks();
        var clock = Stopwatch.StartNew();
        var (resources, _) = await global::Pulumi.Deployment.TestAsync(mocks,
            new TestOptions { ProjectName = "drkit", StackName = stackName, IsPreview = false }, DrProgram.Outputs);
        clock.Stop();
        await File.WriteAllTextAsync(resultFile,
            string.Create(CultureInfo.InvariantCulture, $"{resources.Length} {clock.Elapsed.TotalMilliseconds:F0}")).ConfigureAwait(false);
        return 0;
    }

    public static (int Resources, TimeSpan Declare) ReadResult(string resultFile)
    {
        var parts = File.ReadAllText(resultFile).Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(double.Parse(parts[1], CultureInfo.InvariantCulture)));
    }
}
