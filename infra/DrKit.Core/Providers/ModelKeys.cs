namespace DrKit.Core.Providers;

/// <summary>Where a chain's provider keys reach the application: a secret of this name in every stack region.</summary>
public static class ModelKeys
{
    /// <summary><c>drkit/&lt;stack&gt;/&lt;component&gt;/provider-keys</c>; Secrets Manager names take letters, digits and /_+=.@-.</summary>
    public static string SecretName(string stack, string component) => $"drkit/{stack}/{component}/provider-keys";
}
