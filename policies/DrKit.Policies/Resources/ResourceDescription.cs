namespace DrKit.Policies.Resources;

/// <summary>
/// A resource as registered, without Pulumi: its type token, name, inputs and parent. Inputs hold plain values
/// (string, bool, numbers), nested <c>IReadOnlyDictionary&lt;string, object?&gt;</c> and <c>IReadOnlyList&lt;object?&gt;</c>,
/// <see cref="Unknown"/> for values not known at registration and <see cref="SecretValue"/> for values marked secret.
/// Keys are the camelCase names Pulumi sends to the provider.
/// </summary>
/// <param name="Parent">Identity of the parent component (e.g. <c>drkit:aws:ReplicatedBucket::models</c>); null at the top.</param>
public sealed record ResourceDescription(string Type, string Name, IReadOnlyDictionary<string, object?> Inputs, string? Parent)
{
    /// <summary>The value at a dotted path (<c>versioningConfiguration.status</c>); null when absent, <see cref="Unknown"/> when any step is unknown.</summary>
    public object? At(string path) => InputValues.At(Inputs, path);

    public override string ToString() => $"{Type} '{Name}'";
}

/// <summary>A value not known when the resource was registered (an output of a resource not yet created).</summary>
public sealed class Unknown
{
    public static readonly Unknown Value = new();

    private Unknown()
    {
    }

    public override string ToString() => "(unknown at registration)";
}

/// <summary>A value the program marked secret; rules see that it is secret, and its value where it is known.</summary>
public sealed record SecretValue(object? Value)
{
    public override string ToString() => "[secret]";
}
