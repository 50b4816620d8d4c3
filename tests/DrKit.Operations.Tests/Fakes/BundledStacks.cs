using DrKit.Core.Planning;
using DrKit.Operations.Programs;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>The repository's bundled stack files, as operations see them.</summary>
internal static class BundledStacks
{
    public static readonly string[] Names = ["primary", "pilot-light", "active-active"];

    public static string Root => RepoPaths.Root;

    public static string Path(string stack) => System.IO.Path.Combine(Root, "stacks", $"Pulumi.{stack}.yaml");

    public static OperationTopology Topology(string stack) => OperationTopology.From(Planner.PlanFile(Path(stack)));
}
