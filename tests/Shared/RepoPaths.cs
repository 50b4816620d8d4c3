namespace DrKit.Testing;

/// <summary>Finds the repository (the folder holding Pulumi.yaml) from a test's output folder.</summary>
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

    /// <summary>A bundled stack file, <c>stacks/Pulumi.&lt;name&gt;.yaml</c>.</summary>
    public static string Stack(string name) => Path.Combine(Root, "stacks", $"Pulumi.{name}.yaml");
}
