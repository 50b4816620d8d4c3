namespace DrKit.Operations.Leases;

/// <summary>A stored document and the version a conditional write must name to replace or delete it.</summary>
public sealed record StoredDocument(string Content, string Version);

/// <summary>
/// Where an operation keeps its lease and a copy of its journal: a directory on this machine, or an object store
/// in the recovery region that another operator can reach while the primary region is down. Writes that decide
/// who holds a lease are conditional (create only if absent, replace only if unchanged), so two operators racing
/// for a stack cannot both win.
/// </summary>
public interface IOperationStateStore
{
    /// <summary>Where the documents live, for messages ("s3://bucket/prefix in us-west-2").</summary>
    string Where { get; }

    /// <summary>The document at <paramref name="key"/>, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string key, CancellationToken ct);

    /// <summary>Writes the document only if none exists; false when one does (someone else got there first).</summary>
    Task<bool> CreateAsync(string key, string content, CancellationToken ct);

    /// <summary>Replaces the document only if it is still at <paramref name="expectedVersion"/>; false otherwise.</summary>
    Task<bool> ReplaceAsync(string key, string content, string expectedVersion, CancellationToken ct);

    /// <summary>Writes the document whatever is there (journal copies, whose single writer the lease guarantees).</summary>
    Task PutAsync(string key, string content, CancellationToken ct);

    /// <summary>Deletes the document; absent is fine.</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>The keys every store uses, so a lease written by one machine is found by another.</summary>
public static class StateKeys
{
    public static string Lease(string stack) => $"leases/{stack}.json";

    public static string Journal(string stack, string operationId) => $"journals/{stack}/{operationId}.jsonl";
}
