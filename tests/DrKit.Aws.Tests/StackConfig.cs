using DrKit.Core.Config;
using DrKit.Core.Operations;

namespace DrKit.Aws.Tests;

/// <summary>Turns a bundled stack file into the PULUMI_CONFIG a Pulumi CLI would hand the program.</summary>
internal static class StackConfig
{
    public static readonly string[] BundledStacks = ["primary", "pilot-light", "active-active"];

    public static string RepoRoot() => RepoPaths.Root;

    /// <summary>A bundled stack file, or one of this test project's own stacks (tests/DrKit.Aws.Tests/Stacks).</summary>
    public static string StackFile(string stack)
    {
        var bundled = Path.Combine(RepoRoot(), "stacks", $"Pulumi.{stack}.yaml");
        return File.Exists(bundled) ? bundled : Path.Combine(RepoRoot(), "tests", "DrKit.Aws.Tests", "Stacks", $"Pulumi.{stack}.yaml");
    }

    /// <summary>Keys stay "namespace:key"; structured values travel as JSON text, scalars as their text.</summary>
    /// <param name="ops">drkit-ops keys without the namespace, set as `pulumi config set drkit-ops:&lt;key&gt;` would.</param>
    public static string PulumiConfigJson(string stack, params (string Key, string Value)[] ops) =>
        PulumiConfigValues.ToPulumiConfigJson(YamlStackFile.Load(StackFile(stack)), ops.Select(o => KeyValuePair.Create(OperationsKeys.Full(o.Key), o.Value)));
}
