using Pulumi;

namespace DrKit.Azure;

/// <summary>Tags as the Azure resources take them: the stack's tags, plus the resource's role where it has one.</summary>
internal static class AzureTags
{
    public const string RoleKey = "role";

    public static InputMap<string> Of(IReadOnlyDictionary<string, string> tags, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var map = new InputMap<string>();
        foreach (var (key, value) in tags)
        {
            map.Add(key, value);
        }

        if (role is not null)
        {
            map.Add(RoleKey, role);
        }

        return map;
    }
}
