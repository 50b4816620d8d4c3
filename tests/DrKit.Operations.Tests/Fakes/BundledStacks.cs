using DrKit.Core.Planning;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>The repository's bundled stack files, as operations see them.</summary>
internal static class BundledStacks
{
    public static readonly string[] Names = ["primary", "pilot-light", "active-active"];

    public static string Root { get; } = FindRoot();

    public static string Path(string stack) => System.IO.Path.Combine(Root, "stacks", $"Pulumi.{stack}.yaml");

    public static OperationTopology Topology(string stack) => OperationTopology.From(Planner.PlanFile(Path(stack)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Pulumi.yaml) not found above the test directory");
    }
}
