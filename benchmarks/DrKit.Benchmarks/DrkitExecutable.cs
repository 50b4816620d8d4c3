namespace DrKit.Benchmarks;

/// <summary>
/// The <c>drkit</c> a user runs: the installed .NET tool (<c>./build.sh install</c>) when there is one, otherwise the
/// build output run through <c>dotnet</c>. <c>--drkit PATH</c> names another (an apphost or a <c>drkit.dll</c>).
/// </summary>
internal sealed record DrkitExecutable(string FileName, IReadOnlyList<string> Prefix, string Description)
{
    public IReadOnlyList<string> Args(params string[] args) => [.. Prefix, .. args];

    public static DrkitExecutable? Find(string? requested, string root, string configuration)
    {
        if (requested is not null)
        {
            return From(Path.GetFullPath(requested), "as given");
        }

        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "drkit");
        if (File.Exists(tool))
        {
            return From(tool, "the installed .NET tool");
        }

        var built = Path.Combine(root, "infra", "DrKit.Cli", "bin", configuration, "net10.0", "drkit.dll");
        return File.Exists(built) ? From(built, $"the {configuration} build output (no installed tool: ./build.sh install)") : null;
    }

    private static DrkitExecutable From(string path, string how) =>
        path.EndsWith(".dll", StringComparison.Ordinal)
            ? new DrkitExecutable("dotnet", [path], $"dotnet {path} ({how})")
            : new DrkitExecutable(path, [], $"{path} ({how})");
}
