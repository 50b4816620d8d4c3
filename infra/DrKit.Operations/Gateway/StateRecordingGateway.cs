using DrKit.Operations.Leases;

namespace DrKit.Operations.Gateway;

/// <summary>
/// A stack gateway that keeps the operations state it writes in the operation state stores as well as in the local
/// stack config (<see cref="OperationsStateRecord"/>), and that, when a stack is selected, first brings the local
/// config up to the stored record: a failover resumed from another machine, or a failback run from a fresh checkout,
/// then starts from what the earlier run recorded. Every other call goes to the inner gateway unchanged.
/// </summary>
public sealed class StateRecordingGateway(IStackGateway inner, IReadOnlyList<IOperationStateStore> stores) : IStackGateway
{
    /// <summary>Keys the last stack selection took from the stored record into the local config.</summary>
    public IReadOnlyDictionary<string, string> Restored { get; private set; } = new Dictionary<string, string>();

    public Task EnsureReadyAsync(CancellationToken ct) => inner.EnsureReadyAsync(ct);

    public async Task SelectStackAsync(string stack, CancellationToken ct)
    {
        await inner.SelectStackAsync(stack, ct).ConfigureAwait(false);
        if (await StoredAsync(stack, ct).ConfigureAwait(false) is not { Count: > 0 } stored)
        {
            return;
        }

        var local = (await inner.GetConfigAsync(stack, ct).ConfigureAwait(false)).ToDictionary(c => c.Key, c => c.Value.Value, StringComparer.Ordinal);
        var missing = OperationsStateRecord.Missing(local, stored);
        if (missing.Count > 0)
        {
            await inner.SetConfigAsync(stack, missing.ToDictionary(m => m.Key, m => ConfigSetting.Plain(m.Value), StringComparer.Ordinal), ct).ConfigureAwait(false);
        }

        Restored = missing;
    }

    public Task CreateOrSelectStackAsync(string stack, CancellationToken ct) => inner.CreateOrSelectStackAsync(stack, ct);

    public async Task SetConfigAsync(string stack, IReadOnlyDictionary<string, ConfigSetting> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        await inner.SetConfigAsync(stack, values, ct).ConfigureAwait(false);
        var written = values.Where(v => OperationsStateRecord.Recorded(v.Key) && !v.Value.Secret).ToDictionary(v => v.Key, v => v.Value.Value, StringComparer.Ordinal);
        if (written.Count == 0)
        {
            return;
        }

        foreach (var store in stores)
        {
            var stored = await ReadAsync(store, stack, ct).ConfigureAwait(false) ?? new Dictionary<string, string>();
            await store.PutAsync(OperationsStateRecord.Key(stack), OperationsStateRecord.Serialize(OperationsStateRecord.Merge(stored, written)), ct).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyDictionary<string, ConfigSetting>> GetConfigAsync(string stack, CancellationToken ct) => inner.GetConfigAsync(stack, ct);

    public Task<ChangeSummary> PreviewAsync(string stack, CancellationToken ct) => inner.PreviewAsync(stack, ct);

    public Task<StackOutputs> UpAsync(string stack, CancellationToken ct) => inner.UpAsync(stack, ct);

    public Task CancelUpdateAsync(string stack, CancellationToken ct) => inner.CancelUpdateAsync(stack, ct);

    public Task DestroyAsync(string stack, CancellationToken ct) => inner.DestroyAsync(stack, ct);

    public Task RemoveAsync(string stack, CancellationToken ct) => inner.RemoveAsync(stack, ct);

    public Task<StackOutputs> GetOutputsAsync(string stack, CancellationToken ct) => inner.GetOutputsAsync(stack, ct);

    public Task<IReadOnlyList<StackInfo>> ListStacksAsync(CancellationToken ct) => inner.ListStacksAsync(ct);

    public Task SetTagsAsync(string stack, IReadOnlyDictionary<string, string> tags, CancellationToken ct) => inner.SetTagsAsync(stack, tags, ct);

    public Task<string> ExportStateAsync(string stack, CancellationToken ct) => inner.ExportStateAsync(stack, ct);

    public Task ImportStateAsync(string stack, string stateJson, CancellationToken ct) => inner.ImportStateAsync(stack, stateJson, ct);

    /// <summary>The first store's record (stores are listed recovery bucket first).</summary>
    private async Task<IReadOnlyDictionary<string, string>?> StoredAsync(string stack, CancellationToken ct)
    {
        foreach (var store in stores)
        {
            if (await ReadAsync(store, stack, ct).ConfigureAwait(false) is { } record)
            {
                return record;
            }
        }

        return null;
    }

    private static async Task<IReadOnlyDictionary<string, string>?> ReadAsync(IOperationStateStore store, string stack, CancellationToken ct) =>
        await store.ReadAsync(OperationsStateRecord.Key(stack), ct).ConfigureAwait(false) is { } doc
            ? OperationsStateRecord.Parse(doc.Content, store.Where)
            : null;
}
