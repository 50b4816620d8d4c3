using DrKit.Operations.Leases;

namespace DrKit.Operations.Tests.Fakes;

/// <summary>An operation state store in memory that answers at once, so a run on the manual clock loses no simulated time to it.</summary>
internal sealed class MemoryStateStore : IOperationStateStore
{
    public Dictionary<string, string> Documents { get; } = new(StringComparer.Ordinal);

    public string Where => "memory";

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken ct) =>
        Task.FromResult(Documents.TryGetValue(key, out var content) ? new StoredDocument(content, content.GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);

    public Task<bool> CreateAsync(string key, string content, CancellationToken ct) => Task.FromResult(Documents.TryAdd(key, content));

    public Task<bool> ReplaceAsync(string key, string content, string expectedVersion, CancellationToken ct)
    {
        var matches = Documents.TryGetValue(key, out var now) && now.GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture) == expectedVersion;
        if (matches)
        {
            Documents[key] = content;
        }

        return Task.FromResult(matches);
    }

    public Task PutAsync(string key, string content, CancellationToken ct)
    {
        Documents[key] = content;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        Documents.Remove(key);
        return Task.CompletedTask;
    }
}
