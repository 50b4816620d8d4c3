using DrKit.Operations.Gateway;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Writes what a failover did into the stack's <c>drkit-ops</c> config, without deploying: the next <c>pulumi up</c>
/// then declares the world as it now is (promoted replica, fenced primary, scaled group, traffic gate) instead of
/// undoing it. Config lives in the Pulumi backend, not in either region's cloud APIs, so this adds no call to the
/// failed region. The backend itself must not live only in the primary region (docs/operations.md).
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
