using DrKit.Core.Config;

namespace DrKit.Cli.Tests;

internal static class StackComponents
{
    /// <summary>Component names as declared in a bundled stack file (the keys under drkit:components).</summary>
    public static IReadOnlyList<string> Of(string stack) =>
        ((ConfigMap)YamlStackFile.Load(RepoPaths.Stack(stack))["drkit:components"]!).Entries.Select(e => e.Key).ToList();
}
