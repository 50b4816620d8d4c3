namespace DrKit.Core.Providers;

/// <summary>
/// The setting an application reads to know which rung of a model-provider chain is active: one SSM parameter per
/// stack region, each read by the application in its own region, so a failover only writes the recovery region's.
/// </summary>
public static class SwitchParameter
{
    /// <summary><c>/drkit/&lt;stack&gt;/&lt;component&gt;/active-provider</c>; stack names and component names only hold
    /// characters SSM parameter names allow (letters, digits, '.', '-', '_', '/').</summary>
    public static string Name(string stack, string component) => Path(stack, component, "active-provider");

    /// <summary><c>/drkit/&lt;stack&gt;/&lt;component&gt;/&lt;leaf&gt;</c>: the one path family of every parameter DrKit declares
    /// for a component and operations write out of band (the model switch, the PostgreSQL writer address).</summary>
    public static string Path(string stack, string component, string leaf) => $"/drkit/{stack}/{component}/{leaf}";
}
