namespace DrKit.Policies;

/// <summary>What plan rules read besides the plan: the clock, and the repository root drill history is relative to.</summary>
/// <param name="RepoRoot">Folder holding Pulumi.yaml; found from the plan's stack file when null.</param>
public sealed record PolicyContext(TimeProvider Time, string? RepoRoot = null)
{
    public static PolicyContext System => new(TimeProvider.System);

    /// <summary>The repository root: the nearest folder above the stack file holding Pulumi.yaml, else the stack file's folder.</summary>
    public string RootFor(string stackSource)
    {
        if (RepoRoot is not null)
        {
            return RepoRoot;
        }

        var start = Path.GetDirectoryName(Path.GetFullPath(stackSource)) ?? Directory.GetCurrentDirectory();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
