using DrKit.Core.Config;

namespace DrKit.Cli;

/// <summary>
/// Resolves a stack argument: a path to a stack file, or a stack name looked up in the project's
/// <c>stackConfigDir</c> (<c>stacks/Pulumi.&lt;name&gt;.yaml</c>) from the nearest folder holding Pulumi.yaml.
/// </summary>
public static class StackLocator
{
    public static string Resolve(string stack, string? startDirectory = null)
    {
        if (stack.EndsWith(".yaml", StringComparison.Ordinal) || stack.EndsWith(".yml", StringComparison.Ordinal) || stack.Contains('/', StringComparison.Ordinal))
        {
            return Path.GetFullPath(stack);
        }

        var root = ProjectRoot(startDirectory ?? Directory.GetCurrentDirectory());
        var candidate = Path.Combine(root ?? Directory.GetCurrentDirectory(), "stacks", $"Pulumi.{stack}.yaml");
        if (File.Exists(candidate))
        {
            return candidate;
        }

        var known = root is null ? [] : Directory.GetFiles(Path.Combine(root, "stacks"), "Pulumi.*.yaml").Select(StackSpecReader.StackNameFromPath).Order().ToArray();
        throw new StackConfigException(new ConfigProblem(new ConfigLocation(Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate), 0), "(stack)",
            $"no stack named '{stack}'; expected one of: {(known.Length == 0 ? "(no stack files found)" : string.Join(", ", known))}, or a path to a stack file"));
    }

    public static string? ProjectRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && Directory.Exists(Path.Combine(dir.FullName, "stacks")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
