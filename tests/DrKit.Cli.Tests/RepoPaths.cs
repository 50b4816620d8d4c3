namespace DrKit.Cli.Tests;

/// <summary>Finds the repository (the folder holding Pulumi.yaml) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static readonly string[] BundledStacks = ["primary", "pilot-light", "active-active"];

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no Pulumi.yaml above {AppContext.BaseDirectory}");
        }
    }

    public static string Stack(string name) => Path.Combine(Root, "stacks", $"Pulumi.{name}.yaml");

    /// <summary>Component names as declared in a stack file (the keys under drkit:components).</summary>
    public static IReadOnlyList<string> Components(string name) =>
        ((DrKit.Core.Config.ConfigMap)DrKit.Core.Config.YamlStackFile.Load(Stack(name))["drkit:components"]!).Entries.Select(e => e.Key).ToList();
}
