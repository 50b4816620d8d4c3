using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Writes what a failover did into the stack's <c>drkit-ops</c> config, without deploying: the next <c>pulumi up</c>
/// then declares the world as it now is (promoted replica, fenced primary, scaled group, traffic gate) instead of
/// undoing it. Pulumi keeps stack config in the local <c>Pulumi.&lt;stack&gt;.yaml</c>, not in the state backend: the CLI runs
/// the program through a <see cref="Gateway.StateRecordingGateway"/>, which also keeps these keys in the operation state
/// stores (the recovery region's bucket), so another checkout finds them. Neither write calls the failed region.
/// </summary>
public sealed class StackStateRecord(IStackGateway gateway, string stack)
{
    public string Stack { get; } = stack;

    public Task SetAsync(string key, string value, CancellationToken ct) => SetAsync(new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }, ct);

    public Task SetAsync(IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        return gateway.SetConfigAsync(Stack, values.ToDictionary(v => v.Key, v => ConfigSetting.Plain(v.Value), StringComparer.Ordinal), ct);
    }

    /// <summary>How a dry run names a config write.</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, string>> values) =>
        $"record in stack config (no deploy): {string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))}";
}
