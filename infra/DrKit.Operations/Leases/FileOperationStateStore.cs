using System.Security.Cryptography;
using System.Text;
using DrKit.Core.Input;

namespace DrKit.Operations.Leases;

/// <summary>
/// The state store on this machine (<c>.drkit/operations/state</c>): a lease is created with an exclusive create,
/// so two processes on one machine cannot both take it; a version is the SHA-256 of the content.
/// </summary>
public sealed class FileOperationStateStore(string directory) : IOperationStateStore
{
    public string Where => directory;

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<StoredDocument?>(null);
        }

        var content = BoundedFile.ReadAllText(path, InputLimits.Journal);
        return Task.FromResult<StoredDocument?>(new StoredDocument(content, Version(content)));
    }

    public async Task<bool> CreateAsync(string key, string content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(content), ct).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    public async Task<bool> ReplaceAsync(string key, string content, string expectedVersion, CancellationToken ct)
    {
        if (await ReadAsync(key, ct).ConfigureAwait(false) is not { } current || current.Version != expectedVersion)
        {
            return false;
        }

        await PutAsync(key, content, ct).ConfigureAwait(false);
        return true;
    }

    public async Task PutAsync(string key, string content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, content, ct).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(directory, key.Replace('/', Path.DirectorySeparatorChar));

    private static string Version(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
