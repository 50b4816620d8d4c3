using DrKit.Operations.Gateway;

namespace DrKit.Operations.Adapters;

/// <summary>
/// One stack seen through the gateway: adapters change it only by setting <c>drkit-ops</c> config and running
/// <c>up</c>, then read the outputs to learn what the stack now looks like.
/// </summary>
public sealed class StackTarget(IStackGateway gateway, string stack)
{
    public IStackGateway Gateway { get; } = gateway;

    public string Stack { get; } = stack;

    /// <summary>Sets the values and deploys; returns the outputs after the update.</summary>
    public async Task<StackOutputs> ApplyAsync(IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken ct)
    {
        await Gateway.SetConfigAsync(Stack, values, ct).ConfigureAwait(false);
        return await Gateway.UpAsync(Stack, ct).ConfigureAwait(false);
    }

    public Task<StackOutputs> ApplyAsync(string key, string value, CancellationToken ct) =>
        ApplyAsync(new Dictionary<string, ConfigSetting>(StringComparer.Ordinal) { [key] = ConfigSetting.Plain(value) }, ct);

    public Task<StackOutputs> OutputsAsync(CancellationToken ct) => Gateway.GetOutputsAsync(Stack, ct);
}
