using Pulumi;

namespace DrKit.Aws;

/// <summary>The tags every DrKit resource carries: provider default tags plus the component on each resource.</summary>
public sealed record StackTags(string Stack, string Service)
{
    public const string ManagedBy = "drkit";

    public InputMap<string> Defaults() => new()
    {
        [DrKit.Core.Platforms.Aws.AwsNames.StackTagKey] = Stack,
        ["service"] = Service,
        ["managed-by"] = ManagedBy,
    };

    /// <summary>Per-resource tags; the provider adds <see cref="Defaults"/> on top.</summary>
    public InputMap<string> For(string component, string? role = null)
    {
        var tags = new InputMap<string> { ["component"] = component };
        if (role is not null)
        {
            tags.Add("role", role);
        }

        return tags;
    }
}
